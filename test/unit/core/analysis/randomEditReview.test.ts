/**
 * Random editing sessions on realistic Python and TypeScript services: after every edit the review made with the
 * previous review (as the editor makes it) must say exactly what a review of the same tree from scratch says.
 * The edits are the ones typing makes: a line typed with the indentation around it or at column 0 (which breaks
 * the function it lands in), a line deleted, characters typed or deleted anywhere (inside keys, names, imports,
 * the client's creation), a line moved. The sequence is seeded, so a failure names a reproducible step.
 */
import type { Tree } from 'web-tree-sitter';
import { beforeAll, describe, expect, it } from 'vitest';
import { treeEditForChange } from '../../../../src/core/editor/treeEdit';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewTree, type ReviewResult } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';
import { seededRandom } from '../../../helpers/seededRandom';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});


/**
 * A redis-py service: a module client, settings constants, a class keeping a client, loops, pipelines, a lock.
 * (No pickle.loads: following unpickled values reads the whole file, so such a file is never partly reused.)
 */
function pythonService(handlers: number): string {
  const lines = [
    '"""Profiles, views and leaderboards."""',
    'import json',
    'import os',
    '',
    'import redis',
    '',
    'REDIS_DB = 2',
    'PREFIX = "view"',
    'r = redis.Redis(host=os.environ.get("REDIS_HOST", "localhost"), db=REDIS_DB, socket_timeout=5)',
    'cache = r',
    '',
    '',
    'class Board:',
    '    client = redis.Redis.from_url(os.environ["BOARD_URL"])',
    '',
    '    def top(self, n):',
    '        return self.client.zrevrange("board", 0, n - 1, withscores=True)',
    '',
    '    def everyone(self):',
    '        return self.client.zrange("board", 0, -1)',
    '',
    '    def clear(self):',
    '        for key in self.client.keys("board:*"):',
    '            self.client.delete(key)',
    '',
    '',
    'def fetch(key):',
    '    return r.get(key)',
    '',
    '',
    'def fetch_all(keys):',
    '    return [fetch(key) for key in keys]',
    '',
    '',
  ];
  for (let n = 0; n < handlers; n++) {
    lines.push(`def handler_${n}(user_id, payload):`, `    profile = r.hgetall(f"profile:{user_id}")`);
    if (n % 5 === 0) lines.push('    for item in payload["items"]:', `        r.sadd(f"seen:${n}:{user_id}", item)`);
    if (n % 5 === 1) lines.push('    pipe = r.pipeline()', `    pipe.set(f"{PREFIX}:${n}:{user_id}", json.dumps(payload))`, `    pipe.expire(f"{PREFIX}:${n}:{user_id}", 300)`, '    pipe.execute()');
    if (n % 5 === 2) lines.push(`    r.set(f"{PREFIX}:${n}:{user_id}", json.dumps(payload))`, `    r.expire(f"{PREFIX}:${n}:{user_id}", 300)`);
    if (n % 5 === 3) lines.push(`    for member in r.smembers(f"friends:${n}:{user_id}"):`, `        profile[member] = r.hgetall(f"profile:{member}")`);
    if (n % 5 === 4) lines.push(`    with r.lock("lock:${n}:" + user_id, timeout=10):`, `        cache.incr(f"count:${n}")`);
    lines.push(n % 7 === 0 ? `    stale = r.keys("tmp:${n}:*")` : `    stale = r.get(f"counter:${n}")`, '    return {"profile": profile, "stale": stale}', '', '');
  }
  return lines.join('\n');
}

/** An ioredis service: an error listener, a class holding the client, loops with await, a transaction, a subscriber. */
function typescriptService(handlers: number): string {
  const lines = [
    "import Redis from 'ioredis';",
    "import { promisify } from 'util';",
    '',
    "const PREFIX = 'view';",
    'const redis = new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 3, connectTimeout: 5000 });',
    "redis.on('error', (err) => console.error(err));",
    'const sub = redis.duplicate();',
    'const getAsync = promisify(redis.get).bind(redis);',
    '',
    'export class Board {',
    '  constructor(private readonly client: Redis) {}',
    '',
    '  async top(n: number) {',
    "    return this.client.zrevrange('board', 0, n - 1, 'WITHSCORES');",
    '  }',
    '',
    '  async everyone() {',
    "    return this.client.zrange('board', 0, -1);",
    '  }',
    '}',
    '',
    'export async function listen() {',
    "  await sub.subscribe('events');",
    "  await redis.get('after-subscribe');",
    '}',
    '',
  ];
  for (let n = 0; n < handlers; n++) {
    lines.push(`export async function handler${n}(userId: string, payload: { items: string[] }) {`, `  const profile = await redis.hgetall(\`profile:\${userId}\`);`);
    if (n % 4 === 0) lines.push('  for (const item of payload.items) {', `    await redis.sadd(\`seen:${n}:\${userId}\`, item);`, '  }');
    if (n % 4 === 1) lines.push(`  await redis.multi().set(\`\${PREFIX}:${n}:\${userId}\`, JSON.stringify(payload)).expire(\`\${PREFIX}:${n}:\${userId}\`, 300).exec();`);
    if (n % 4 === 2) lines.push(`  await redis.set(\`\${PREFIX}:${n}:\${userId}\`, JSON.stringify(payload));`, `  await redis.expire(\`\${PREFIX}:${n}:\${userId}\`, 300);`);
    if (n % 4 === 3) lines.push(`  const cached = await getAsync(\`cache:${n}:\${userId}\`);`, '  if (cached) return JSON.parse(cached);');
    lines.push(n % 6 === 0 ? `  const stale = await redis.keys('tmp:${n}:*');` : `  const stale = await redis.get(\`counter:${n}\`);`, '  return { profile, stale };', '}', '');
  }
  return lines.join('\n');
}

/** Lines typed into the files: Redis calls, plain code, rebindings of the client, a new import. */
const TYPED: Record<'python' | 'typescript', string[]> = {
  python: ['x = 1', 'r.delete("k:1")', 'value = r.get(f"user:{user_id}")', 'for key in r.scan_iter("a:*"):', 'r = {}', 'cache = redis.Redis()', 'import redis.asyncio as aioredis', 'r.flushall()', 'PREFIX = "page"', 'if not profile:', 'return None', '# r.keys("*")', 'pipe = r.pipeline()', 'members = r.smembers("seen:1:" + user_id)'],
  typescript: ['const x = 1;', "await redis.del('k:1');", 'const value = await redis.get(`user:${userId}`);', 'for (const key of keys) {', '}', 'let redis = new Map();', "redis.on('error', () => {});", "import IORedis from 'ioredis';", 'await redis.flushall();', "const PREFIX = 'page';", 'return null;', "// redis.keys('*')", 'const members = await redis.smembers(`seen:1:${userId}`);', '{'],
};
const TYPED_CHARACTERS = ['a', ':', '*', '"', "'", '(', ')', ' ', '\n', '_', '.', '0', '{', '}', '`', '#', ';', '='];

/** What a review reports, without the reuse bookkeeping. */
function observable(result: ReviewResult): string {
  return JSON.stringify({ findings: result.findings, callSites: result.callSites, writeSites: result.writeSites, suppressions: result.suppressions, truncated: result.truncated, ruleErrors: result.ruleErrors });
}

function position(text: string, offset: number): { row: number; column: number } {
  const before = text.slice(0, offset);
  return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
}

interface SessionOutcome {
  mismatches: string[];
  reusing: number;
  edits: number;
  findingsSeen: Set<string>;
}

/** Runs `edits` random edits on `text`, reviewing after each one both ways. */
function randomSession(language: 'python' | 'typescript', path: string, text: string, seed: number, edits: number): SessionOutcome {
  const next = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const outcome: SessionOutcome = { mismatches: [], reusing: 0, edits: 0, findingsSeen: new Set() };
  const lang: SourceLanguage = language;
  let tree: Tree = parsers.parse(lang, text);
  let review = reviewTree(tree, text, { path, language: lang, keepForReuse: true });
  const lineStarts = () => {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    return starts;
  };
  const replace = (step: string, offset: number, length: number, insert: string) => {
    const start = position(text, offset);
    const end = position(text, offset + length);
    tree.edit(treeEditForChange({ rangeOffset: offset, rangeLength: length, start, end, text: insert }));
    text = text.slice(0, offset) + insert + text.slice(offset + length);
    const reparsed = parsers.parse(lang, text, tree);
    tree.delete();
    tree = reparsed;
    review = reviewTree(tree, text, { path, language: lang, previous: review });
    outcome.edits++;
    if ((review.incremental?.reusedChunks ?? 0) > 0) outcome.reusing++;
    for (const finding of review.findings) outcome.findingsSeen.add(finding.ruleId);
    const whole = reviewTree(tree, text, { path, language: lang });
    if (observable(review) !== observable(whole)) outcome.mismatches.push(`seed ${seed}, edit ${outcome.edits}: ${step}`);
  };
  for (let i = 0; i < edits; i++) {
    const starts = lineStarts();
    const line = Math.floor(next() * (starts.length - 1));
    const lineStart = starts[line];
    const lineEnd = starts[line + 1] - 1;
    const indentation = /^[ \t]*/.exec(text.slice(lineStart, lineEnd))![0];
    const kind = next();
    if (kind < 0.3) {
      // A line typed, mostly with the indentation of the line it is typed above, sometimes at column 0.
      const typed = pick(TYPED[language]);
      const indent = next() < 0.75 ? indentation : '';
      replace(`line ${line + 1}: typed ${JSON.stringify(indent + typed)}`, lineStart, 0, `${indent}${typed}\n`);
    } else if (kind < 0.45) {
      replace(`line ${line + 1}: deleted`, lineStart, lineEnd + 1 - lineStart, '');
    } else if (kind < 0.75) {
      // A few characters typed one keystroke at a time inside a line.
      let at = lineStart + Math.floor(next() * (lineEnd - lineStart + 1));
      const count = 1 + Math.floor(next() * 3);
      for (let c = 0; c < count; c++) {
        const character = pick(TYPED_CHARACTERS);
        replace(`line ${line + 1}: typed ${JSON.stringify(character)} at column ${at - lineStart}`, at, 0, character);
        at++;
      }
    } else if (kind < 0.9) {
      // Characters deleted inside a line (a backspace or a selection).
      const at = lineStart + Math.floor(next() * Math.max(1, lineEnd - lineStart));
      const length = Math.min(1 + Math.floor(next() * 6), text.length - at);
      replace(`line ${line + 1}: ${length} characters deleted at column ${at - lineStart}`, at, length, '');
    } else {
      // A line cut and pasted elsewhere (two edits, reviewed after each).
      const moved = text.slice(lineStart, lineEnd + 1);
      replace(`line ${line + 1}: cut`, lineStart, moved.length, '');
      const after = lineStarts();
      const target = after[Math.floor(next() * (after.length - 1))];
      replace(`line pasted at offset ${target}`, target, 0, moved);
    }
  }
  tree.delete();
  return outcome;
}

describe('random edits reviewed with the previous review', () => {
  it.each([
    ['python', 'app/services/profiles.py', 11, () => pythonService(30)],
    ['python', 'app/services/profiles.py', 29, () => pythonService(30)],
    ['typescript', 'src/services/profiles.ts', 13, () => typescriptService(30)],
    ['typescript', 'src/services/profiles.ts', 31, () => typescriptService(30)],
  ] as const)('%s (%s, seed %d) gives what a review from scratch gives after every edit', (language, path, seed, source) => {
    const outcome = randomSession(language, path, source(), seed, 45);
    expect(outcome.mismatches).toEqual([]);
    // The sessions exercise the reuse (most reviews keep statements) and the rules (several report).
    expect(outcome.reusing / outcome.edits).toBeGreaterThan(0.5);
    expect(outcome.findingsSeen.size).toBeGreaterThan(3);
  }, 300_000);
});
