/** missing-error-listener in a module of test fixtures outside any test folder (a monorepo package of Testcontainers helpers). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'packages/containers/src/index.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

const FLUSH = "\nexport async function flush(port: number) {\n  const redis = new Redis({ port });\n  try {\n    await redis.flushall();\n  } finally {\n    await redis.quit();\n  }\n}\n";

describe('missing-error-listener: test fixtures shared as a module', () => {
  it('does not report a client of a module that imports the test runner or Testcontainers', () => {
    expect(listenerLines("import Redis from 'ioredis';\nimport { test } from 'vitest';\n" + FLUSH)).toEqual([]);
    expect(listenerLines("import Redis from 'ioredis';\nimport { GenericContainer } from 'testcontainers';\n" + FLUSH)).toEqual([]);
  });

  it('still reports the same client in a module of the application', () => {
    expect(listenerLines("import Redis from 'ioredis';\nimport { env } from './env';\n" + FLUSH)).toEqual([5]);
  });
});
