/** The shape of a redis.conf lint rule: metadata with its documentation, and a check over the lint context. */
import type { Severity, Fix } from '../findings';
import type { LintContext } from './context';

export type ConfRuleCategory = 'syntax' | 'version' | 'memory' | 'security' | 'durability' | 'latency' | 'replication' | 'sentinel' | 'cluster';

/** What a check reports; the linter turns it into a Finding with the rule's id, code and severity. */
export interface ConfReport {
  message: string;
  startOffset: number;
  endOffset: number;
  /** Overrides the rule's severity (workload-dependent rules). */
  severity?: Severity;
  fixes?: Fix[];
}

export interface ConfRule {
  id: string;
  /** Stable code, "RC" + three digits. */
  code: string;
  severity: Severity;
  category: ConfRuleCategory;
  /** One line: what the rule finds. */
  summary: string;
  /** Why it matters, for hover and docs. */
  rationale: string;
  /** A config fragment the rule flags (the first line of a fixture may carry a `# redis-review:` header). */
  bad: string;
  /** The same fragment written correctly: no finding from this rule. */
  good: string;
  /** Applies to sentinel.conf files (true), redis.conf files (false) or both (undefined). */
  sentinel?: boolean;
  check(context: LintContext): ConfReport[];
}
