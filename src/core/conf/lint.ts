/** Runs every redis.conf rule over a parsed file and returns shared Findings. */
import type { Finding } from '../findings';
import { anyDirectiveInfo, defaultServerForFile } from './catalogue';
import { LintContext, type LintOptions } from './context';
import { looksLikeSentinel, parseRedisConf, type ParsedConf } from './parser';
import { CONF_RULES } from './registry';

export type { LintOptions } from './context';

/** Lint redis.conf or sentinel.conf text. Never throws on malformed input: problems become findings. */
export function lintRedisConf(text: string, options: LintOptions = {}): Finding[] {
  const parsed = parseRedisConf(text);
  if (otherConfigFormat(parsed)) return [];
  const sentinel = looksLikeSentinel(parsed, options.fileName);
  const context = new LintContext(parsed, options.server ?? defaultServerForFile(options.fileName), sentinel, options);
  const suppressed = suppressedLines(text);
  const findings: Finding[] = [];
  for (const rule of CONF_RULES) {
    if (rule.sentinel !== undefined && rule.sentinel !== sentinel) continue;
    for (const report of rule.check(context)) {
      const line = parsed.index.position(report.startOffset).line;
      if (suppressed.get(line)?.has(rule.id) || suppressed.get(line)?.has(rule.code)) continue;
      findings.push({
        ruleId: rule.id,
        code: rule.code,
        severity: report.severity ?? rule.severity,
        message: report.message,
        span: parsed.index.span(report.startOffset, report.endOffset),
        fixes: report.fixes,
      });
    }
  }
  return findings.sort((a, b) => a.span.startOffset - b.span.startOffset || a.code.localeCompare(b.code));
}

/** Lines ending in `;`, `name {` or a lone `}`: UCL, HCL or nginx-style configuration, never redis.conf. */
const OTHER_SYNTAX = /;[ \t]*$|^[ \t]*[\w.-]+[ \t]*=?[ \t]*\{[ \t]*$|^[ \t]*\}[ \t;]*$/m;

/**
 * A file named redis.conf that is another program's configuration (rspamd's `redis.conf` module file:
 * `servers = "127.0.0.1"; timeout = 5s;`): no line is a directive a server knows written the redis.conf way
 * (name, space, arguments), and its lines end in `;` or open blocks. A `maxmemory = 2gb` file is a broken
 * redis.conf and is linted as one.
 */
function otherConfigFormat(parsed: ParsedConf): boolean {
  const redisStyle = parsed.directives.some((directive) => (directive.name === 'include' || anyDirectiveInfo(directive.name) !== undefined) && !directive.rawName.includes('=') && !directive.args[0]?.value.startsWith('='));
  return !redisStyle && OTHER_SYNTAX.test(parsed.text);
}

const DISABLE = /^\s*#\s*redis-review-disable-next-line\s+(.+)$/;

/** Lines whose findings a `# redis-review-disable-next-line <rule-id>[, ...]` comment above them turns off. */
function suppressedLines(text: string): Map<number, Set<string>> {
  const map = new Map<number, Set<string>>();
  if (!text.includes('redis-review-disable-next-line')) return map;
  text.split('\n').forEach((line, index) => {
    const match = DISABLE.exec(line);
    if (match) map.set(index + 1, new Set(match[1].split(/[\s,]+/).filter(Boolean)));
  });
  return map;
}
