/** Parses redis.conf / sentinel.conf text into directives the way Redis' config loader reads it. */
import { LineIndex } from './positions';
import { splitArgs, type Token } from './tokenizer';

export interface ConfArg {
  value: string;
  startOffset: number;
  endOffset: number;
  quoted: boolean;
}

export interface ConfDirective {
  /** Lower-cased, as Redis compares names. */
  name: string;
  /** The name as written. */
  rawName: string;
  nameStartOffset: number;
  nameEndOffset: number;
  args: ConfArg[];
  line: number;
  /** Offsets of the whole line (without the line break). */
  lineStartOffset: number;
  lineEndOffset: number;
  /** File the directive came from when it was read through `include` (undefined = the linted file). */
  includedFrom?: string;
}

export interface ParseProblem {
  message: string;
  startOffset: number;
  endOffset: number;
}

export interface ParsedConf {
  text: string;
  index: LineIndex;
  directives: ConfDirective[];
  problems: ParseProblem[];
  /** key=value settings from a `# redis-review: workload=cache` comment (also `# redis-lint: profile=...`). */
  header: Record<string, string>;
  headerLine?: number;
}

const HEADER = /^#\s*redis-(?:review|lint)\s*:\s*(.*)$/i;
// Control bytes other than tab/CR/LF/VT/FF never appear in a text config: report them instead of guessing.
const BINARY = /[\x00-\x08\x0e-\x1f\x7f\ufffd]/;

function parseHeader(comment: string): Record<string, string> | undefined {
  const match = HEADER.exec(comment);
  if (!match) return undefined;
  const settings: Record<string, string> = {};
  for (const pair of match[1].split(/[\s,;]+/)) {
    const [key, value] = pair.split('=');
    if (key && value) settings[key.toLowerCase() === 'profile' ? 'workload' : key.toLowerCase()] = value.toLowerCase();
  }
  return settings;
}

function toArg(token: Token, lineOffset: number): ConfArg {
  return { value: token.value, startOffset: lineOffset + token.start, endOffset: lineOffset + token.end, quoted: token.quoted };
}

export function parseRedisConf(text: string): ParsedConf {
  const index = new LineIndex(text);
  const directives: ConfDirective[] = [];
  const problems: ParseProblem[] = [];
  const header: Record<string, string> = {};
  let headerLine: number | undefined;
  let binaryLines = 0;
  for (let line = 0; line < index.lineCount; line++) {
    const lineStart = index.lineStart(line);
    const lineEnd = index.lineEnd(line);
    const raw = text.slice(lineStart, lineEnd);
    const leading = raw.length - raw.trimStart().length;
    const content = raw.trim();
    if (content === '') continue;
    const contentStart = lineStart + leading;
    const contentEnd = contentStart + content.length;
    if (content.startsWith('#')) {
      const settings = headerLine === undefined ? parseHeader(content) : undefined;
      if (settings) {
        Object.assign(header, settings);
        headerLine = line;
      }
      continue;
    }
    const binary = BINARY.exec(content);
    if (binary) {
      // One diagnostic per run of junk lines keeps a binary file from producing thousands of problems.
      if (binaryLines++ < 20) {
        const code = binary[0].charCodeAt(0).toString(16).padStart(2, '0');
        problems.push({
          message: `This line contains binary data (byte 0x${code}); a config file must be plain text. Redis would fail to parse it.`,
          startOffset: contentStart,
          endOffset: contentEnd,
        });
      }
      continue;
    }
    const split = splitArgs(content);
    if (!split.ok) {
      problems.push({ message: split.error, startOffset: contentStart + split.at, endOffset: contentEnd });
      continue;
    }
    if (split.tokens.length === 0) continue;
    const [nameToken, ...argTokens] = split.tokens;
    directives.push({
      name: nameToken.value.toLowerCase(),
      rawName: nameToken.value,
      nameStartOffset: contentStart + nameToken.start,
      nameEndOffset: contentStart + nameToken.end,
      args: argTokens.map((token) => toArg(token, contentStart)),
      line,
      lineStartOffset: lineStart,
      lineEndOffset: lineEnd,
    });
  }
  if (binaryLines > 20) {
    problems.push({ message: `${binaryLines - 20} more lines contain binary data.`, startOffset: 0, endOffset: 0 });
  }
  return { text, index, directives, problems, header, headerLine };
}

/** True for Sentinel configs: by file name, or by content (`sentinel monitor` lines). */
export function looksLikeSentinel(parsed: ParsedConf, fileName?: string): boolean {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  if (/^sentinel.*\.conf$/i.test(base)) return true;
  return parsed.directives.some((d) => d.name === 'sentinel' && d.args[0]?.value.toLowerCase() === 'monitor');
}
