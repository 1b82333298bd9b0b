/**
 * Writes docs/rules/<id>.md and docs/rules/README.md from the rule registry.
 * Run `npx tsx scripts/gen-rule-docs.ts`; test/unit/core/rules/ruleDocs.test.ts fails when the files drift.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, ruleMarkdown, rulesTableMarkdown } from '../src/core/review';

export const RULE_DOCS_DIR = join(__dirname, '..', 'docs', 'rules');

/** File name → content of every generated file. */
export function generatedRuleDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const rule of RULES) files.set(`${rule.meta.id}.md`, ruleMarkdown(rule));
  files.set('README.md', rulesTableMarkdown());
  return files;
}

if (require.main === module) {
  mkdirSync(RULE_DOCS_DIR, { recursive: true });
  const files = generatedRuleDocs();
  for (const name of readdirSync(RULE_DOCS_DIR)) if (name.endsWith('.md') && !files.has(name)) rmSync(join(RULE_DOCS_DIR, name));
  for (const [name, text] of files) writeFileSync(join(RULE_DOCS_DIR, name), text);
  process.stdout.write(`wrote ${files.size} files to ${RULE_DOCS_DIR}\n`);
}
