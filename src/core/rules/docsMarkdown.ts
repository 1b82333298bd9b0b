/** Renders a rule's documentation page and the rules table from the registry (docs/rules is generated from this). */
import type { ClientLibrary } from '../analysis/model';
import { RULES, ruleById } from './registry';
import type { Rule } from './rule';

const CLIENT_TITLES: Record<ClientLibrary, string> = { 'redis-py': 'redis-py', ioredis: 'ioredis', 'node-redis': 'node-redis' };

/** Public location of a rule page, used for diagnostics' code links and SARIF helpUri. */
export const RULE_DOCS_BASE_URL = 'https://github.com/redis-review/redis-review/blob/main/docs/rules/';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}${ruleId}.md`;
}

function fence(file: string): string {
  return file.endsWith('.py') ? 'python' : file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.cjs') ? 'javascript' : 'typescript';
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
    `| Languages | ${meta.languages.map((l) => (l === 'python' ? 'Python' : 'TypeScript/JavaScript')).join(', ')} |`,
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
  for (const example of meta.docs.examples) {
    lines.push(`### ${CLIENT_TITLES[example.client]}`, '', 'Incorrect:', '', '```' + fence(example.file), example.bad.trimEnd(), '```', '', 'Correct:', '', '```' + fence(example.file), example.good.trimEnd(), '```', '');
  }
  lines.push('## Fix', '', meta.docs.fix, '', '## Known false positives', '', meta.docs.falsePositives, '', '## Suppression', '');
  lines.push('```python', `# redis-review: disable-next-line ${meta.id} -- reason`, '```', '', '```typescript', `// redis-review-disable-next-line ${meta.id} -- reason`, '```', '');
  lines.push(`Or set \`"rules": { "${meta.id}": "off" }\` in \`.redis-review.json\`.`, '', '## References', '');
  for (const reference of meta.docs.references) lines.push(`- [${reference.title}](${reference.url})`);
  lines.push('');
  return lines.join('\n');
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
  lines.push('');
  return lines.join('\n');
}
