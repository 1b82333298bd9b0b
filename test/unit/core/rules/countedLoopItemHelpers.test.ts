/**
 * command-in-loop through a project helper in a counted loop whose round binds its item from the counter first
 * (`const key = keys[i]; await store.read(key)`): one round trip per item, as with `read(keys[i])`. Tricky
 * negative: a counted loop that calls the helper with the same argument every round (a warm-up or retry).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const STORE = {
  path: 'src/store/store.service.ts',
  text: "import Redis from 'ioredis';\n\nexport class StoreService {\n  constructor(private readonly redis: Redis) {}\n\n  async readHash(key: string) {\n    return this.redis.hgetall(key);\n  }\n}\n",
};

function loopLines(body: string): number[] {
  const user = {
    path: 'src/report/report.service.ts',
    text: `import { StoreService } from '../store/store.service';\n\nexport class ReportService {\n  constructor(private readonly storeService: StoreService) {}\n\n  async totals(keys: string[]) {\n    const out = [];\n${body}\n    return out;\n  }\n}\n`,
  };
  const workspace = buildWorkspaceIndex(parsers, [STORE, user]);
  return reviewSource(parsers, user.text, { path: user.path, language: 'typescript', workspace })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

describe('command-in-loop through a helper in a counted loop', () => {
  it('reports the helper called with a name the round binds from the counter', () => {
    expect(loopLines('    for (let i = 0; i < keys.length; i++) {\n      const key = keys[i];\n      out.push(await this.storeService.readHash(key));\n    }')).toEqual([10]);
  });

  it('leaves a counted loop alone that calls the helper with the same argument every round', () => {
    expect(loopLines("    for (let i = 0; i < keys.length; i++) {\n      const key = 'totals:all';\n      out.push(await this.storeService.readHash(key));\n    }")).toEqual([]);
  });
});
