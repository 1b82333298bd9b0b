/** Rule metadata invariants, and the generated docs/rules files must match the registry. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, docsMarkdown } from '../../../../src/core/review';
import { RULE_DOCS_DIR, generatedRuleDocs } from '../../../../scripts/gen-rule-docs';
import type { ClientLibrary } from '../../../../src/core/analysis/model';
import { goCheckFor } from '../../../../src/core/rules/go/goChecks';
import { javaCheckFor } from '../../../../src/core/rules/java/javaChecks';
import { exampleLanguage } from '../../../../src/core/rules/rule';
import { ruleLanguages } from '../../../../src/core/rules/ruleLanguages';

const RULES_DIR = join(__dirname, '..', '..', '..', '..', 'src', 'core', 'rules');
const REQUIRED_FIXES = ['keys-command', 'del-large-key', 'set-then-expire', 'lock-without-expiry', 'stream-without-maxlen', 'missing-error-listener', 'hardcoded-credentials', 'plaintext-remote-connection'];

const CLIENTS_OF: Record<string, readonly ClientLibrary[]> = {
  python: ['redis-py'],
  javascript: ['ioredis', 'node-redis'],
  go: ['go-redis', 'rueidis', 'redigo'],
  java: ['jedis', 'lettuce', 'spring-data-redis', 'redisson'],
};

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
        const hasExample = meta.docs.examples.some((e) => exampleLanguage(e) === family);
        expect(hasExample, `${meta.id} lacks a ${family} example`).toBe(true);
      }
      expect(Object.keys(meta.messages).length, meta.id).toBeGreaterThan(0);
    }
  });

  it('every rule with a Go or Java check documents it with a bad/good pair in that language (the docs examples test runs them)', () => {
    const checked = RULES.filter((rule) => goCheckFor(rule.meta.id) || javaCheckFor(rule.meta.id) || rule.meta.languages.includes('go') || rule.meta.languages.includes('java'));
    expect(checked.length).toBeGreaterThanOrEqual(23);
    for (const rule of checked) {
      for (const family of ['go', 'java'] as const) {
        if (!ruleLanguages(rule).includes(family)) continue;
        const pairs = rule.meta.docs.examples.filter((e) => exampleLanguage(e) === family && e.bad.trim() && e.good.trim() && e.bad !== e.good);
        expect(pairs.length, `${rule.meta.id} has a ${family} check but no ${family} example`).toBeGreaterThan(0);
      }
    }
  });

  it('names each example after a client of its language, and tells two examples of one client apart by their variant', () => {
    for (const { meta } of RULES) {
      const seen = new Set<string>();
      for (const example of meta.docs.examples) {
        expect(CLIENTS_OF[exampleLanguage(example)], `${meta.id}: ${example.client} in ${example.file}`).toContain(example.client);
        const name = `${example.client} ${example.variant ?? ''}`;
        expect(seen.has(name), `${meta.id}: two examples for ${name}`).toBe(false);
        seen.add(name);
      }
    }
  });

  it('lists Go and Java among the languages of rules that have a check for them', () => {
    const keys = RULES.find((rule) => rule.meta.id === 'keys-command')!;
    expect(ruleLanguages(keys)).toEqual(['python', 'javascript', 'go', 'java']);
    expect(ruleLanguages(RULES.find((rule) => rule.meta.id === 'pickle-deserialization')!)).toEqual(['python']);
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

  it('renders the examples in a section per language and, within it, per client', () => {
    const page = docsMarkdown('set-then-expire')!;
    const headings = page.split('\n').filter((line) => /^#{3,4} /.test(line));
    expect(headings).toEqual([
      '### Python', '#### redis-py',
      '### TypeScript/JavaScript', '#### ioredis', '#### node-redis',
      '### Go', '#### go-redis', '#### go-redis (INCR)', '#### rueidis', '#### redigo',
      '### Java', '#### Jedis', '#### Lettuce', '#### Spring Data Redis', '#### Redisson',
    ]);
    expect(page).toContain('| Languages | Python, TypeScript/JavaScript, Go, Java |');
    expect(page).toContain('```go\n// redis-review-disable-next-line set-then-expire -- reason\n```');
    // Go examples are gofmt-indented with tabs.
    expect(page).toMatch(/```go\npackage auth\n[\s\S]*\n\treturn rdb\.Set\(ctx, "token:"\+token, user, time\.Hour\)\.Err\(\)\n/);
  });

  it('docsMarkdown serves the same page offline', () => {
    expect(docsMarkdown('keys-command')).toBe(readFileSync(join(RULE_DOCS_DIR, 'keys-command.md'), 'utf8'));
    expect(docsMarkdown('no-such-rule')).toBeUndefined();
  });
});
