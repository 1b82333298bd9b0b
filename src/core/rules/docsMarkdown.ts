/** Renders a rule's documentation page and the rules table from the registry (docs/rules is generated from this). */
import type { ClientLibrary } from '../analysis/model';
import { RULES, ruleById } from './registry';
import { exampleLanguage, type LanguageFamily, type Rule, type RuleExample } from './rule';
import { ruleLanguages } from './ruleLanguages';

const CLIENT_TITLES: Record<ClientLibrary, string> = {
  'redis-py': 'redis-py',
  ioredis: 'ioredis',
  'node-redis': 'node-redis',
  'go-redis': 'go-redis',
  rueidis: 'rueidis',
  redigo: 'redigo',
  jedis: 'Jedis',
  lettuce: 'Lettuce',
  'spring-data-redis': 'Spring Data Redis',
  redisson: 'Redisson',
};

const LANGUAGE_TITLES: Record<LanguageFamily, string> = { python: 'Python', javascript: 'TypeScript/JavaScript', go: 'Go', java: 'Java' };

/** Section order of the examples: by language, then by client within it. */
const LANGUAGE_ORDER: readonly LanguageFamily[] = ['python', 'javascript', 'go', 'java'];
const CLIENT_ORDER = Object.keys(CLIENT_TITLES) as ClientLibrary[];

/** How a suppression comment is written in each language. */
const SUPPRESSIONS: Record<LanguageFamily, { fence: string; comment: string }> = {
  python: { fence: 'python', comment: '# redis-review: disable-next-line' },
  javascript: { fence: 'typescript', comment: '// redis-review-disable-next-line' },
  go: { fence: 'go', comment: '// redis-review-disable-next-line' },
  java: { fence: 'java', comment: '// redis-review-disable-next-line' },
};

/** Public location of a rule page, used for diagnostics' code links and SARIF helpUri. */
export const RULE_DOCS_BASE_URL = 'https://github.com/redis-review/redis-review/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

function fence(file: string): string {
  if (file.endsWith('.py')) return 'python';
  if (file.endsWith('.go')) return 'go';
  if (file.endsWith('.java')) return 'java';
  return file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.cjs') ? 'javascript' : 'typescript';
}

function fixText(rule: Rule): string {
  switch (rule.meta.fixable) {
    case 'safe':
      return 'yes (safe)';
    case 'unsafe':
      return 'yes (unsafe: review before applying)';
    case 'mixed':
      return 'yes (safe or unsafe depending on the code)';
    default:
      return 'no';
  }
}

/** The evidence every rule that reports on commands accepts for a receiver it cannot trace to a client. */
export const EVIDENCE_KINDS = [
  'the method exists only on Redis clients (`hgetall`, `lpush`, `zadd`, `setnx`, `xadd`, … — not `get`, `set`, `keys`, `del`, which maps, caches and HTTP clients have too);',
  'the same receiver runs such a method elsewhere in the file (`kv.hSet(...)` makes `kv.expire(...)` a Redis call);',
  'the receiver\'s chain names Redis (`req.redis`, `self.bot.redis`, `this.redisService.getClient()`), or the name was assigned from a Redis-named factory (`conn = get_redis()`); a short name (`r`, `kv`, `rdb`) counts for attribute chains (`self.r`) and Redis-only methods;',
  'the arguments are Redis-shaped (`\'EX\', 60`, `{ NX: true }`, `ex=60`, a `user:*` pattern given to `keys`);',
  'a function made from a client method (`promisify(client.incr).bind(client)`, `client.expire.bind(client)`), also one that another module of the project exports and this file imports (`const { getAsync } = require(\'./redis\')`, or `redis.getAsync(k)` after `import * as redis from \'./redis\'`), and a module whose whole export is a function sending one command, called under the importer\'s name (`const keys = require(\'./models/keys\')` of `module.exports = (pattern) => new Promise(... client.keys(pattern, cb))`);',
  'a command sent by name (`execute_command("KEYS", pattern)`, `sendCommand([\'KEYS\', pattern])`);',
  'in a Python file that imports Celery, `app.backend.client` or a name bound to it: the redis-py client of Celery\'s Redis result backend, also in a project that never names Redis; and the backend\'s own get/set/delete (`app.backend.delete(lock_key)`) where the project or the file (through `backend.client`) shows the backend is Redis.',
];

function confidenceText(rule: Rule): string {
  if (rule.meta.subject === 'clients') {
    return 'Reports only clients traced to their creation (a constructor or factory of redis-py, ioredis or node-redis, followed through assignments, attributes, returns, imports, re-exports and barrels): every finding is `proven`.';
  }
  return 'Findings on receivers traced to a client are `proven`. Where the trace is incomplete (a client reached through `req.redis`, a getter, a DI container, an untyped parameter), the receiver is judged from evidence, in a file or project that uses a Redis client library, and the finding is `likely`, its message naming the evidence. See [confidence levels](README.md#confidence-levels).';
}

export function ruleMarkdown(rule: Rule): string {
  const { meta } = rule;
  const lines = [
    `# ${meta.id} (${meta.code})`,
    '',
    `> ${meta.docs.summary}`,
    '',
    '| | |',
    '|---|---|',
    `| Category | ${meta.category} |`,
    `| Default severity | ${meta.defaultSeverity} |`,
    `| Languages | ${ruleLanguages(rule).map((l) => LANGUAGE_TITLES[l]).join(', ')} |`,
    `| Quick fix | ${fixText(rule)} |`,
    `| Tests / scripts | ${meta.contexts.test} / ${meta.contexts.script} |`,
    ...(meta.clusterAware ? ['| Topology | raised to error when `"cluster": true` |'] : []),
    '',
    '## What it does',
    '',
    meta.docs.what,
    '',
    '## Why is this bad?',
    '',
    meta.docs.why,
    '',
    '## Examples',
    '',
  ];
  lines.push(...examplesMarkdown(meta.docs.examples));
  lines.push('## Fix', '', meta.docs.fix, '', '## Confidence', '', confidenceText(rule), '', '## Known false positives', '', meta.docs.falsePositives, '', '## Suppression', '');
  for (const family of ruleLanguages(rule)) {
    const { fence: language, comment } = SUPPRESSIONS[family];
    lines.push('```' + language, `${comment} ${meta.id} -- reason`, '```', '');
  }
  lines.push(`Or set \`"rules": { "${meta.id}": "off" }\` in \`.redis-review.json\`.`, '', '## References', '');
  for (const reference of meta.docs.references) lines.push(`- [${reference.title}](${reference.url})`);
  lines.push('');
  return lines.join('\n');
}

/** The examples in a section per language, and within it one per client (and variant), in a fixed order. */
function examplesMarkdown(examples: readonly RuleExample[]): string[] {
  const lines: string[] = [];
  for (const family of LANGUAGE_ORDER) {
    const ofFamily = examples.filter((example) => exampleLanguage(example) === family).sort((a, b) => CLIENT_ORDER.indexOf(a.client) - CLIENT_ORDER.indexOf(b.client));
    if (!ofFamily.length) continue;
    lines.push(`### ${LANGUAGE_TITLES[family]}`, '');
    for (const example of ofFamily) {
      const title = CLIENT_TITLES[example.client] + (example.variant ? ` (${example.variant})` : '');
      lines.push(`#### ${title}`, '', 'Incorrect:', '', '```' + fence(example.file), example.bad.trimEnd(), '```', '', 'Correct:', '', '```' + fence(example.file), example.good.trimEnd(), '```', '');
    }
  }
  return lines;
}

/** Markdown documentation of a rule (the same text as docs/rules/<id>.md), or undefined for unknown ids. */
export function docsMarkdown(ruleId: string): string | undefined {
  const rule = ruleById(ruleId);
  return rule ? ruleMarkdown(rule) : undefined;
}

export function rulesTableMarkdown(): string {
  const lines = [
    '# Redis Review rules',
    '',
    'Generated from the rule registry by `scripts/gen-rule-docs.ts`; do not edit by hand.',
    '',
    '| Code | Rule | Category | Severity | Fix | Summary |',
    '|---|---|---|---|---|---|',
  ];
  for (const rule of RULES) {
    const { meta } = rule;
    lines.push(`| ${meta.code} | [${meta.id}](${meta.id}.md) | ${meta.category} | ${meta.defaultSeverity} | ${meta.fixable === 'none' ? '' : meta.fixable} | ${meta.docs.summary} |`);
  }
  lines.push(
    '',
    '## Confidence levels',
    '',
    'Every finding carries a `confidence` (in the JSON output, as a SARIF result property, and in the editor message):',
    '',
    '- `proven`: the receiver was traced to a client creation (constructors and factories of redis-py, ioredis and node-redis, `duplicate()`, pipelines and transactions, attributes such as `self.redis`/`this.redis`, typed parameters, functions that return a client, imports of clients exported by other files of the workspace, re-exports and barrels).',
    '- `likely`: the trace is incomplete, and the receiver is judged a Redis client from evidence, only in a file that names Redis or imports a Redis library, or in a project where some file does. The evidence accepted:',
    '',
    ...EVIDENCE_KINDS.map((kind) => `  - ${kind}`),
    '',
    'Never evidence: `dict.keys()`, `Object.keys()`, `Map.delete()`, in-memory caches, HTTP clients, loggers (`logger.debug`), or a bare imported name that does not say Redis. Receivers named like batches (`pipe`, `pipeline`, `tx`, `multi`) are taken for pipelines or transactions.',
    '',
    'Rules that report on client creations and options (' +
      RULES.filter((rule) => rule.meta.subject === 'clients').map((rule) => `\`${rule.meta.id}\``).join(', ') +
      ') only report `proven` clients.',
    '',
  );
  return lines.join('\n');
}
