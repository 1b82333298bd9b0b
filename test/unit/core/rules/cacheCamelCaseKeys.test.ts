/** cache-write-without-ttl on keys whose camel-case segment names a cache (`llmCache:{flow}`). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function ttlLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/pool.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'cache-write-without-ttl')
    .map((f) => f.span.start.line + 1);
}

const TS = "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n";

describe('cache-write-without-ttl and camel-case key segments', () => {
  it('reports a TTL-less SET of a key whose segment ends in Cache', () => {
    const text = `${TS}
export async function keepModel(flowId: string, value: unknown) {
  await redis.set(\`modelCache:\${flowId}\`, JSON.stringify(value));
}
`;
    expect(ttlLines(text)).toEqual([6]);
  });

  it('leaves out the same key written with a TTL', () => {
    const text = `${TS}
export async function keepModel(flowId: string, value: unknown) {
  await redis.set(\`modelCache:\${flowId}\`, JSON.stringify(value), 'EX', 3600);
}
`;
    expect(ttlLines(text)).toEqual([]);
  });

  it('leaves out a key where Cache only starts a longer word (a setting about caching, not an entry)', () => {
    const text = `${TS}
export async function saveSettings(flowId: string, value: unknown) {
  await redis.set(\`flowCacheSettings:\${flowId}\`, JSON.stringify(value));
}
`;
    expect(ttlLines(text)).toEqual([]);
  });
});
