/** The finding shape every checker reports (code rules and redis.conf rules alike), as plain data. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Zero-based line and column (columns count UTF-16 code units, as editors do). */
export interface Position {
  line: number;
  column: number;
}

/** A span of the document: offsets are UTF-16 code-unit offsets into the text that was analysed. */
export interface Span {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

/** Replace text[startOffset, endOffset) with newText. */
export interface TextEdit {
  startOffset: number;
  endOffset: number;
  newText: string;
}

export interface Fix {
  /** Imperative, shown as the quick-fix title: "Replace KEYS with scan_iter". */
  description: string;
  /** Safe fixes keep the program's meaning and may be applied in bulk; unsafe ones are offered one by one. */
  safe: boolean;
  edits: TextEdit[];
  /**
   * Commands the edited code sends that not every server has ("HEXPIRE", "CLIENT NO-TOUCH"): the review keeps the
   * fix only when the project's target server has them all.
   */
  needs?: readonly string[];
}

export interface RelatedLocation {
  span: Span;
  message: string;
}

/** Where the file sits: test and script files get lower severities for non-dangerous rules. */
export type FileContext = 'app' | 'test' | 'script';

/** How sure the review is that the code involved is Redis: traced to a client, or judged from evidence. */
export type FindingConfidence = 'proven' | 'likely';

export interface Finding {
  ruleId: string;
  /** Stable short code, e.g. "RR101". */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedLocation[];
  fixes?: Fix[];
  /** `likely` when the receiver was judged a Redis client from evidence rather than traced to one. */
  confidence?: FindingConfidence;
  /** For `likely` findings: the evidence, in words. */
  evidence?: string;
}
