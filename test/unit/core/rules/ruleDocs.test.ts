/** Rule metadata invariants, and the generated docs/rules files must match the registry. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, docsMarkdown } from '../../../../src/core/review';
import { RULE_DOCS_DIR, generatedRuleDocs } from '../../../../scripts/gen-rule-docs';

const RULES_DIR = join(__dirname, '..', '..', '..', '..', 'src', 'core', 'rules');
const REQUIRED_FIXES = ['keys-command', 'del-large-key', 'set-then-expire', 'lock-without-expiry', 'stream-without-maxlen', 'missing-error-listener', 'hardcoded-credentials', 'plaintext-remote-connection'];

function familyOfExample(file: string): string {
  if (file.endsWith('.py')) return 'python';
  if (file.endsWith('.go')) return 'go';
  if (file.endsWith('.java')) return 'java';
  return 'javascript';
}

describe('rule metadata', () => {
  it('has exactly the 30 rule ids of the issue plus command-not-on-target (issue 19) and the Go/Java rules (issue 17), each in a module named after it', () => {
    expect(RULES).toHaveLength(34);
    expect(RULES.map((rule) => rule.meta.id)).toEqual(expect.arrayContaining(['command-not-on-target', 'dial-without-timeouts', 'connection-not-returned', 'unsafe-deserializer']));
    for (const rule of RULES) expect(existsSync(join(RULES_DIR, `${rule.meta.id}.ts`)), rule.meta.id).toBe(true);
  });

  it('uses unique ids and stable RRnnn codes', () => {
    expect(new Set(RULES.map((r) => r.meta.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.meta.code)).size).toBe(RULES.length);
    for (const rule of RULES) expect(rule.meta.code).toMatch(/^RR\d{3}$/);
  });

  it('documents every rule: what, why, fix, references and an example per language family', () => {
    for (const { meta } of RULES) {
      expect(meta.docs.summary.length, meta.id).toBeGreaterThan(20);
      expect(meta.docs.what && meta.docs.why && meta.docs.fix && meta.docs.falsePositives, meta.id).toBeTruthy();
      expect(meta.docs.references.length, meta.id).toBeGreaterThan(0);
      for (const family of meta.languages) {
        const hasExample = meta.docs.examples.some((e) => familyOfExample(e.file) === family);
        expect(hasExample, `${meta.id} lacks a ${family} example`).toBe(true);
      }
      expect(Object.keys(meta.messages).length, meta.id).toBeGreaterThan(0);
    }
  });

  it('offers quick fixes for the rules the issue requires', () => {
    for (const id of REQUIRED_FIXES) expect(RULES.find((r) => r.meta.id === id)?.meta.fixable, id).not.toBe('none');
  });
});

describe('generated rule docs', () => {
  it('docs/rules matches the registry (run `npx tsx scripts/gen-rule-docs.ts` after changing a rule)', () => {
    const expected = generatedRuleDocs();
    const actual = readdirSync(RULE_DOCS_DIR).filter((name) => name.endsWith('.md'));
    expect(actual.sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(join(RULE_DOCS_DIR, name), 'utf8'), name).toBe(text);
  });

  it('docsMarkdown serves the same page offline', () => {
    expect(docsMarkdown('keys-command')).toBe(readFileSync(join(RULE_DOCS_DIR, 'keys-command.md'), 'utf8'));
    expect(docsMarkdown('no-such-rule')).toBeUndefined();
  });
});
