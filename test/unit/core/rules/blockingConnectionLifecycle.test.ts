/** blocking-on-shared-connection: closing or setting up the blocking connection is not sharing it. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const POP_ONCE = `import Redis from 'ioredis';

export class Queue {
  constructor(private readonly redis: Redis) {}

  async popOnce(key: string, timeout: number): Promise<string | null> {
    const blocking = this.redis.duplicate();
    try {
      const result = await blocking.blpop(key, timeout);
      return result ? result[1] : null;
    } finally {
      if (blocking.status !== 'end') await blocking.quit();
    }
  }
}
`;

function blockingFindings(text: string): string[] {
  return reviewSource(parsers, text, { path: 'src/queue.ts', language: 'typescript' }).findings.filter((f) => f.ruleId === 'blocking-on-shared-connection').map((f) => f.message);
}

describe('blocking-on-shared-connection and the connection lifecycle', () => {
  it('does not count the QUIT that closes a duplicated blocking connection as sharing it', () => {
    expect(blockingFindings(POP_ONCE)).toEqual([]);
  });

  it('still reports a block on a connection that other commands use', () => {
    const shared = POP_ONCE.replace("if (blocking.status !== 'end') await blocking.quit();", "await blocking.incr('pops');");
    expect(blockingFindings(shared)).toHaveLength(1);
  });
});
