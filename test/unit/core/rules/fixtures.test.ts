/**
 * Data-driven rule tests: every file under test/fixtures/rules/<rule-id>/ is reviewed; a line carrying
 * `expect: <rule-id>` must be flagged by that rule, every other line must not be flagged by the fixture's
 * rule, and lines marked `ok` document the tricky negatives. Each rule's docs examples run the same way,
 * and every quick fix must leave a file that still parses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../../src/core/config';
import type { Finding } from '../../../../src/core/findings';
import { languageForPath } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { RULES, WorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'rules');
const MARKER = /(?:#|\/\/)\s*(?:expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)|ok\b)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function configFor(text: string): ResolvedConfig {
  const header = /fixture-config:\s*(\{.*\})/.exec(text);
  return header ? { ...DEFAULT_CONFIG, ...JSON.parse(header[1]) } : DEFAULT_CONFIG;
}

function applyEdits(text: string, finding: Finding, index: number): string {
  const edits = [...finding.fixes![index].edits].sort((a, b) => b.startOffset - a.startOffset);
  let out = text;
  for (const edit of edits) out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
  return out;
}

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function review(path: string, text: string, config: ResolvedConfig = DEFAULT_CONFIG, workspace?: WorkspaceIndex) {
  const language = languageForPath(path);
  if (!language) throw new Error(`no language for ${path}`);
  return { language, result: reviewSource(parsers, text, { path, language, config, workspace }) };
}

/** Fixture folders holding `.lua` files are reviewed with a workspace that knows those scripts (read from files by the code). */
function luaWorkspace(folder: string): WorkspaceIndex | undefined {
  const scripts = files(folder).filter((file) => file.endsWith('.lua'));
  if (!scripts.length) return undefined;
  return WorkspaceIndex.fromSummaries([], scripts.map((file) => ({ path: relative(folder, file).replace(/\\/g, '/'), text: readFileSync(file, 'utf8') })));
}

function expectFixesParse(path: string, text: string, findings: Finding[]): void {
  const language = languageForPath(path)!;
  const before = parsers.parse(language, text);
  const hadErrors = before.rootNode.hasError;
  before.delete();
  for (const finding of findings) {
    for (let i = 0; i < (finding.fixes?.length ?? 0); i++) {
      const fixed = applyEdits(text, finding, i);
      const tree = parsers.parse(language, fixed);
      const broken = !hadErrors && tree.rootNode.hasError;
      tree.delete();
      expect(broken, `fix "${finding.fixes![i].description}" of ${finding.ruleId} in ${path} leaves a syntax error:\n${fixed}`).toBe(false);
    }
  }
}

const ruleDirs = readdirSync(FIXTURES).filter((name) => statSync(join(FIXTURES, name)).isDirectory());

describe('rule fixtures', () => {
  it('every rule has a fixture folder and every folder names a rule', () => {
    expect(ruleDirs.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  for (const ruleId of ruleDirs) {
    describe(ruleId, () => {
      const fixtureFiles = files(join(FIXTURES, ruleId)).filter((f) => languageForPath(f));
      const workspace = luaWorkspace(join(FIXTURES, ruleId));
      it('has flagged and tricky negative lines', () => {
        const all = fixtureFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
        expect(all).toMatch(new RegExp(`expect:[^\\n]*\\b${ruleId}\\b`));
        expect(all).toMatch(/(#|\/\/)\s*ok\b/);
      });
      for (const file of fixtureFiles) {
        const path = relative(join(FIXTURES, ruleId), file).replace(/\\/g, '/');
        it(path, () => {
          const text = readFileSync(file, 'utf8');
          const { result } = review(path, text, configFor(text), workspace);
          const expected = new Set<string>();
          const otherExpected = new Set<string>();
          text.split('\n').forEach((line, index) => {
            const match = MARKER.exec(line);
            if (!match?.[1]) return;
            for (const id of match[1].split(/\s*,\s*/)) (id === ruleId ? expected : otherExpected).add(`${index + 1}:${id}`);
          });
          const actual = new Set(result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.span.start.line + 1}:${f.ruleId}`));
          expect([...actual].sort()).toEqual([...expected].sort());
          const all = new Set(result.findings.map((f) => `${f.span.start.line + 1}:${f.ruleId}`));
          for (const other of otherExpected) expect(all.has(other), `${path}: expected ${other}`).toBe(true);
          expect(result.ruleErrors).toEqual([]);
          expectFixesParse(path, text, result.findings);
        });
      }
    });
  }
});

describe('rule docs examples', () => {
  for (const rule of RULES) {
    rule.meta.docs.examples.forEach((example, index) => {
      it(`${rule.meta.id} example ${index + 1} (${example.client})`, () => {
        const bad = review(example.file, example.bad).result.findings.filter((f) => f.ruleId === rule.meta.id);
        expect(bad.length, `bad example of ${rule.meta.id} is not flagged`).toBeGreaterThan(0);
        expectFixesParse(example.file, example.bad, bad);
        const good = review(example.file, example.good).result.findings.filter((f) => f.ruleId === rule.meta.id);
        expect(good.map((f) => f.message)).toEqual([]);
      });
    });
  }
});
