/**
 * Linting on worker threads gives the report of one thread, file for file: round one of the index in the workers,
 * round two (re-exports, imported clients) here, reviews back in the workers holding the analyses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSources, readSources } from '../../../../src/cli/lint/lintFiles';
import { LintPool } from '../../../../src/cli/lint/parallel/lintPool';
import { MAX_AUTO_THREADS, PARALLEL_MIN_REDIS_BYTES, lintProject, threadsFor } from '../../../../src/cli/lint/parallel/lintProject';
import { DEFAULT_CONFIG } from '../../../../src/core/config';
import { sharedParsers, type Parsers } from '../../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';
import { collectFiles } from '../../../../src/node/workspaceFiles';
import { kindFor } from '../../../../src/cli/lint/fileKinds';
import { generateCorpus } from '../../../../bench/corpus';

let root: string;
let parsers: Parsers;
let pool: LintPool;

function write(path: string, text: string): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, text);
}

function filesUnder(dir: string): string[] {
  return collectFiles([dir], { root: dir, accept: (path) => kindFor(path) !== undefined, ignoreGlobs: [] });
}

const environment = () => ({ parsers, config: DEFAULT_CONFIG, timeBudgetMs: 5000 });

async function bothWays(dir: string) {
  const { loaded, notices } = readSources(filesUnder(dir), dir, dir);
  return { single: lintSources(loaded, notices, environment()), pooled: await pool.lintSources(loaded, notices, environment()) };
}

beforeAll(async () => {
  parsers = await sharedParsers(diskGrammarSource);
  pool = LintPool.start(2);
  await pool.ready();
  root = mkdtempSync(join(tmpdir(), 'redis-review-pool-'));
  // A client module, a re-export of it, files that use it through imports (round two), and plain files.
  write('app/cache.py', 'import redis\n\nclient = redis.Redis(host="cache.internal", socket_timeout=2)\n');
  write('app/shared.py', 'from app.cache import client as redis_client\n');
  write('app/users.py', 'from app.shared import redis_client\n\n\ndef all_users():\n    return redis_client.keys("user:*")\n');
  write('app/orders.py', 'from app.cache import client\n\n\ndef purge():\n    client.flushall()\n');
  write('app/util.py', 'def total(rows):\n    return sum(r["n"] for r in rows)\n');
  write('src/redis.ts', "import Redis from 'ioredis';\nexport const redis = new Redis({ host: 'cache.internal' });\n");
  write('src/feed.ts', "import { redis } from './redis';\nexport async function feed(ids: string[]) {\n  for (const id of ids) await redis.get(`feed:${id}`);\n  return redis.keys('feed:*');\n}\n");
  write('src/listen.ts', "import { redis } from './redis';\nredis.on('error', (e) => console.error(e));\n");
  write('deploy/redis.conf', 'bind 0.0.0.0\nprotected-mode no\n');
  write('app/broken.py', 'import redis\nr = redis.Redis(\ndef (:\n  r.keys("*")\n');
}, 60_000);

afterAll(async () => {
  await pool?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('lint on worker threads', () => {
  it('reports exactly what one thread reports on a project with imported and re-exported clients', async () => {
    const { single, pooled } = await bothWays(root);
    expect(pooled).toEqual(single);
    // The round-two files really were judged through their imports (so the comparison covers that path).
    const byFile = Object.fromEntries(single.files.map((f) => [f.displayPath, f.findings.map((x) => x.ruleId)]));
    expect(byFile['app/users.py']).toContain('keys-command');
    expect(byFile['app/orders.py']).toContain('flush-in-app-code');
    expect(byFile['src/feed.ts']).toEqual(expect.arrayContaining(['keys-command', 'command-in-loop']));
    expect(byFile['deploy/redis.conf']?.length).toBeGreaterThan(0);
  }, 60_000);

  it('reports exactly what one thread reports on the sample apps, twice in a row on the same pool', async () => {
    const examples = resolve(__dirname, '../../../../examples');
    const first = await bothWays(examples);
    expect(first.single.files.reduce((n, f) => n + f.findings.length, 0)).toBeGreaterThan(20);
    expect(first.pooled).toEqual(first.single);
    const second = await bothWays(examples);
    expect(second.pooled).toEqual(first.single);
  }, 60_000);

  it('reports exactly what one thread reports on the 100k-line bench corpus, indexed in many batches', async () => {
    const corpusRoot = mkdtempSync(join(tmpdir(), 'redis-review-pool-corpus-'));
    try {
      const corpus = generateCorpus(corpusRoot);
      const { loaded, notices } = readSources(corpus.all, corpusRoot, corpusRoot);
      const single = lintSources(loaded, notices, environment());
      const threads = LintPool.start(3);
      try {
        expect(await threads.lintSources(loaded, notices, environment())).toEqual(single);
      } finally {
        await threads.close();
      }
      expect(single.files.reduce((n, f) => n + f.findings.length, 0)).toBeGreaterThan(1000);
    } finally {
      rmSync(corpusRoot, { recursive: true, force: true });
    }
    // The corpus linted once on this thread and once on three workers: over two minutes on a saturated 2-core machine.
  }, 600_000);

  it('falls back to one thread with a notice when a worker dies, and when one answers nonsense', async () => {
    const paths = filesUnder(root);
    const { loaded, notices } = readSources(paths, root, root);
    const expected = lintSources(loaded, notices, environment());
    const dying = () => new Worker('process.exit(3)', { eval: true });
    const lying = () =>
      new Worker("const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ type: 'ready' }); parentPort.on('message', () => parentPort.postMessage({ type: 'indexed', results: 'all good' }));", { eval: true });
    for (const launch of [dying, lying]) {
      const report = await lintProject(paths, root, root, environment(), { jobs: 2, launch });
      expect(report.files).toEqual(expected.files);
      const fallback = report.notices.filter((n) => !expected.notices.includes(n));
      expect(fallback).toHaveLength(1);
      expect(fallback[0]).toMatch(/could not lint on 2 threads \(.+\); linted on one thread instead/);
    }
  }, 60_000);

  it('uses threads only when asked or when the Redis code is large enough to pay for starting them', () => {
    const large = { files: 500, bytes: PARALLEL_MIN_REDIS_BYTES };
    expect(threadsFor(3, 2, large)).toBe(3);
    expect(threadsFor(1, 8, { files: 500, bytes: 50 * PARALLEL_MIN_REDIS_BYTES })).toBe(1);
    expect(threadsFor(undefined, 8, { files: 500, bytes: PARALLEL_MIN_REDIS_BYTES - 1 })).toBe(1);
    expect(threadsFor(undefined, 1, large)).toBe(1);
    expect(threadsFor(undefined, 2, large)).toBe(2);
    expect(threadsFor(undefined, 32, large)).toBe(MAX_AUTO_THREADS);
    // Never more threads than Redis files, and one when there are none.
    expect(threadsFor(8, 8, { files: 3, bytes: 900 })).toBe(3);
    expect(threadsFor(4, 8, { files: 0, bytes: 0 })).toBe(1);
  });
});
