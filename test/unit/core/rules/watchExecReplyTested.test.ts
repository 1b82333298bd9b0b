/** watch-without-retry: a function that binds EXEC's reply and tests it for falsiness notices the aborted transaction. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function watchLines(body: string): number[] {
  const text = "import Redis from 'ioredis';\nconst client = new Redis();\nclient.on('error', console.error);\n\nexport async function like(key: string) {\n" + body + '}\n';
  return reviewSource(parsers, text, { path: 'src/likes.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'watch-without-retry')
    .map((f) => f.span.start.line + 1);
}

const TRANSACTION = '  await client.watch(key);\n  const liked = await client.exists(key);\n  const multi = client.multi();\n  if (!liked) multi.set(key, 1);\n';

describe('EXEC reply tested for falsiness', () => {
  it('does not report a WATCH whose EXEC reply is tested with !reply', () => {
    expect(watchLines(TRANSACTION + "  const execResult = await multi.exec();\n  if (!execResult) throw new Error('conflict, retry');\n")).toEqual([]);
    expect(watchLines(TRANSACTION + '  const done = await multi.exec();\n  if (done) return true;\n  return false;\n')).toEqual([]);
  });

  it('still reports a WATCH whose EXEC reply is bound but never tested', () => {
    expect(watchLines(TRANSACTION + '  const execResult = await multi.exec();\n  return execResult;\n')).toEqual([6]);
  });

  it('still reports a WATCH when only another value is tested', () => {
    expect(watchLines(TRANSACTION + "  const execResult = await multi.exec();\n  if (!liked) console.log('added');\n")).toEqual([6]);
  });
});
