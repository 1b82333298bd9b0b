/**
 * A scripted editing session on one Python module, reviewed after every step with the previous review (as the
 * editor does) and compared with a whole-file review of the same text: typing inside a function and at column 0
 * (which breaks the function until the line is indented), deleting and restoring the client assignment, changing
 * an import, a module-level name and a class attribute, and a helper that another function calls in a loop.
 */
import type { Tree } from 'web-tree-sitter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeEditForChange } from '../../../../src/core/editor/treeEdit';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewTree, type ReviewResult } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const PATH = 'app/services/profiles.py';

/** A module with a client, a class holding one as an attribute, and enough handlers for most of it to be kept. */
function moduleText(handlers: number): string {
  const lines = ['import json', 'import redis', '', 'r = redis.Redis(host="localhost", socket_timeout=5)', 'PREFIX = "view"', '', '', 'class Store:', '    client = redis.Redis()', '', '    def names(self):', '        return self.client.keys("user:*")', '', ''];
  for (let n = 0; n < handlers; n++) {
    lines.push(
      `def handler_${n}(user_id, payload):`,
      `    profile = r.hgetall(f"profile:{user_id}")`,
      `    settings = {"n": ${n}}`,
      '    if not profile:',
      `        r.set(f"{PREFIX}:${n}:{user_id}", json.dumps(payload))`,
      n % 4 === 0 ? `    stale = r.keys("tmp:${n}:*")` : `    stale = r.get(f"counter:${n}")`,
      '    return {"profile": profile, "stale": stale, "names": list(settings.keys())}',
      '',
      '',
    );
  }
  return lines.join('\n');
}

/** What a review reports, without the reuse bookkeeping. */
function observable(result: ReviewResult): string {
  return JSON.stringify({ findings: result.findings, callSites: result.callSites, writeSites: result.writeSites, suppressions: result.suppressions, truncated: result.truncated });
}

function position(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

class Session {
  text: string;
  tree: Tree;
  review: ReviewResult;
  readonly mismatches: string[] = [];
  /** Reviews that kept some statements of the previous one. */
  reusing = 0;
  reviews = 0;

  constructor(text: string) {
    this.text = text;
    this.tree = parsers.parse('python', text);
    this.review = reviewTree(this.tree, text, { path: PATH, language: 'python', keepForReuse: true });
  }

  /** Replaces `length` characters at `offset` and reviews the result with the previous review. */
  replace(step: string, offset: number, length: number, insert: string): ReviewResult {
    const start = position(this.text, offset);
    const end = position(this.text, offset + length);
    this.tree.edit(treeEditForChange({ rangeOffset: offset, rangeLength: length, start, end, text: insert }));
    this.text = this.text.slice(0, offset) + insert + this.text.slice(offset + length);
    const next = parsers.parse('python', this.text, this.tree);
    this.tree.delete();
    this.tree = next;
    this.review = reviewTree(this.tree, this.text, { path: PATH, language: 'python', previous: this.review });
    this.reviews++;
    if ((this.review.incremental?.reusedChunks ?? 0) > 0) this.reusing++;
    const whole = reviewTree(this.tree, this.text, { path: PATH, language: 'python' });
    if (observable(this.review) !== observable(whole)) this.mismatches.push(step);
    // Without a syntax error the incrementally parsed tree is the fresh one: the same findings as linting the text.
    if (!this.tree.rootNode.hasError) {
      const fresh = parsers.parse('python', this.text);
      const linted = reviewTree(fresh, this.text, { path: PATH, language: 'python' });
      fresh.delete();
      if (JSON.stringify(linted.findings) !== JSON.stringify(this.review.findings)) this.mismatches.push(`${step} (fresh parse)`);
    }
    return this.review;
  }

  /** Types `typed` one character at a time at `offset`, reviewing after every keystroke. */
  type(step: string, offset: number, typed: string): void {
    for (const [i, character] of [...typed].entries()) this.replace(`${step}, keystroke ${i + 1}`, offset + i, 0, character);
  }

  /** Start of the 1-based line `line`. */
  lineStart(line: number): number {
    return this.text.split('\n', line - 1).join('\n').length + (line > 1 ? 1 : 0);
  }

  rules(): string[] {
    return this.review.findings.map((f) => `${f.ruleId}@${f.span.start.line + 1}`);
  }
}

describe('an editing session on a Python module', () => {
  let session: Session;
  afterAll(() => session?.tree.delete());

  it('agrees with a whole-file review after every keystroke and edit', () => {
    session = new Session(moduleText(24));
    const keysAtStart = session.rules().filter((rule) => rule.startsWith('keys-command')).length;
    expect(keysAtStart).toBeGreaterThan(3);
    const handler = (n: number) => session.text.indexOf(`def handler_${n}(`);
    const lineInside = (n: number, index: number) => session.text.indexOf('\n', session.text.indexOf(index === 0 ? 'profile = ' : 'settings = ', handler(n))) + 1;

    // Typing a statement inside a function, with its indentation.
    session.type('indented line', lineInside(5, 0), '    extra = r.get("k:5")\n');
    // Typing at column 0 inside a function: the rest of the function becomes module-level code while it is typed.
    session.type('column-0 line', lineInside(9, 1), 'late = r.get("k:9")\n');
    // Several functions broken at once, then a key typed inside one of the broken regions.
    for (const n of [13, 17, 20]) {
      const broken = session.replace(`column-0 line in handler_${n}`, lineInside(n, 0), 0, `x_${n} = 1\n`).incremental!;
      // The broken function's statements are analysed again, and the statements that read the names they bind
      // (the module-level code left by the functions broken before): a fraction of the module.
      expect(broken.chunks.length - broken.reusedChunks, `handler_${n}`).toBeLessThan(broken.chunks.length / 4);
    }
    const brokenKey = session.text.indexOf('"tmp:16:*"', handler(16)) + 1;
    session.type('key typed after broken functions', brokenKey, 'old:');
    // Indenting the column-0 line again mends the function.
    const late = session.text.indexOf('late = r.get');
    session.replace('column-0 line indented', late, 0, '    ');

    // Deleting the client assignment, then restoring it.
    const assignment = 'r = redis.Redis(host="localhost", socket_timeout=5)\n';
    const at = session.text.indexOf(assignment);
    session.replace('client assignment deleted', at, assignment.length, '');
    // Without it the handlers' receiver is only judged on evidence: their calls are no longer proven Redis calls.
    expect(session.review.callSites.filter((site) => site.receiver.text === 'r').every((site) => site.receiver.confidence === 'likely')).toBe(true);
    session.replace('client assignment restored', at, 0, assignment);
    // The client rebound to something else by a statement typed further down, then that statement deleted.
    const rebind = session.lineStart(session.text.split('\n').indexOf('class Store:') + 1);
    session.type('module-level name rebound', rebind, 'r = {}\n');
    session.replace('rebinding deleted', rebind, 'r = {}\n'.length, '');

    // An import changed and changed back.
    const importAt = session.text.indexOf('import redis') + 'import redis'.length;
    session.type('import aliased', importAt, ' as rds');
    session.replace('import restored', importAt, ' as rds'.length, '');

    // A module-level constant read by every handler's key.
    const prefix = session.text.indexOf('"view"') + 1;
    session.replace('module-level constant changed', prefix, 4, 'page');

    // The class attribute changed from a client to a dict and back.
    const attribute = session.text.indexOf('redis.Redis()', session.text.indexOf('class Store:'));
    session.replace('class attribute changed', attribute, 'redis.Redis()'.length, '{}');
    const attributeProven = () => session.review.callSites.some((site) => site.receiver.text === 'self.client' && site.receiver.confidence === 'proven');
    expect(attributeProven()).toBe(false);
    session.replace('class attribute restored', attribute, 2, 'redis.Redis()');
    expect(attributeProven()).toBe(true);

    expect(session.mismatches).toEqual([]);
    // Most reviews keep part of the module: not those after a changed import or client, nor those of a text with an
    // unterminated string (the rest of the module is then one syntax error).
    expect(session.reusing / session.reviews).toBeGreaterThan(0.6);
  }, 120_000);

  it('agrees with a whole-file review when a helper that another function calls in a loop changes', () => {
    const helper = ['def fetch(key):', '    return r.get(key)', '', ''].join('\n');
    const caller = ['def fetch_all(keys):', '    out = []', '    for key in keys:', '        out.append(fetch(key))', '    return out', '', ''].join('\n');
    session?.tree.delete();
    session = new Session(moduleText(8).replace('def handler_3(', `${helper}\n${caller}\ndef handler_3(`));
    const loopFindings = () => session.rules().filter((rule) => rule.startsWith('command-in-loop')).length;
    const before = loopFindings();
    expect(before).toBeGreaterThan(0);
    // The helper stops sending a command: the loop in the other function is no longer N+1.
    const body = session.text.indexOf('r.get(key)');
    session.replace('helper sends no command', body, 'r.get(key)'.length, 'dict(cache).get(key)');
    expect(loopFindings()).toBe(before - 1);
    session.replace('helper sends its command again', body, 'dict(cache).get(key)'.length, 'r.get(key)');
    expect(loopFindings()).toBe(before);
    // The helper renamed while typing, then named back.
    const name = session.text.indexOf('def fetch(') + 'def fetch'.length;
    session.type('helper renamed', name, '_one');
    session.replace('helper named back', name, '_one'.length, '');
    expect(loopFindings()).toBe(before);
    // A line typed at column 0 inside the helper breaks it until the line is indented.
    const inside = session.text.indexOf('    return r.get(key)');
    session.type('column-0 line in the helper', inside, 'y = 1\n');
    session.replace('column-0 line indented', inside, 0, '    ');
    expect(session.mismatches).toEqual([]);
  }, 120_000);
});
