/**
 * missing-error-listener for an ioredis client of a one-shot script: a file that exports nothing, starts nothing
 * that outlives its work and ends its client or the process when done. A node-redis client there, and the same
 * client in a module that exports it or in a script that serves requests, are still reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, path = 'tools/purge.ts'): number[] {
  return reviewSource(parsers, text, { path, language: 'javascript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

const IMPORT = "import Redis from 'ioredis';\n\n";

describe('missing-error-listener and one-shot scripts', () => {
  it('does not report a script that quits its client or exits when the work is done', () => {
    expect(lines(IMPORT + "const db = new Redis();\n\nasync function purge() {\n  const stale = await db.keys('tmp:*');\n  if (stale.length) await db.unlink(...stale);\n  await db.quit();\n}\n\npurge();\n")).toEqual([]);
    expect(lines(IMPORT + "const db = new Redis();\n\ndb.unlink('build:lock').then(() => process.exit(0));\n")).toEqual([]);
  });

  it('still reports a node-redis client of such a script: its unhandled error kills the run halfway', () => {
    expect(lines("import { createClient } from 'redis';\n\n(async () => {\n  const client = createClient();\n  await client.connect();\n  console.log(await client.dbSize());\n  await client.disconnect();\n})();\n")).toEqual([4]);
  });

  it('still reports a module that exports the client, and a script that keeps serving', () => {
    expect(lines(IMPORT + "export const db = new Redis();\n\nexport async function close() {\n  await db.quit();\n}\n", 'src/db.ts')).toEqual([3]);
    expect(lines(IMPORT + "import http from 'node:http';\n\nconst db = new Redis();\nhttp.createServer(async (req, res) => res.end(String(await db.incr('hits')))).listen(8080);\nprocess.on('SIGTERM', async () => {\n  await db.quit();\n  process.exit(0);\n});\n", 'src/server.ts')).toEqual([5]);
  });
});
