/** Collection rules on client adapter classes: methods that pass their caller's key and reply straight through. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const RULES = new Set(['unbounded-collection-read', 'expensive-linear-list-ops']);

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/adapter.ts', language: 'typescript' })
    .findings.filter((f) => RULES.has(f.ruleId))
    .map((f) => f.span.start.line + 1);
}

const HEADER = "import Redis from 'ioredis';\ntype Callback<T> = (err: Error | null, reply?: T) => void;\n";

describe('client adapter wrappers', () => {
  it('does not report callback-style methods, one parameter a line, nor a pipeline twin that returns itself', () => {
    const text = `${HEADER}
export class Client {
  constructor(private client: Redis) {
    client.on('error', console.error);
  }

  smembers(key: string, cb: Callback<string[]>): void {
    this.client.smembers(key, cb);
  }

  lrem(
    key: string,
    count: number,
    element: string,
    cb: Callback<number>,
  ): void {
    this.client.lrem(key, count, element, cb);
  }
}

export class Batch {
  private multi: ReturnType<Redis['multi']>;

  constructor(client: Redis) {
    this.multi = client.multi();
  }

  smembers(key: string): this {
    this.multi.smembers(key);
    return this;
  }
}
`;
    expect(lines(text)).toEqual([]);
  });

  it('still reports a wrapper that drops the reply, its last parameter being a value rather than a callback', () => {
    const text = `${HEADER}
export class Lists {
  constructor(private client: Redis) {
    client.on('error', console.error);
  }

  drop(key: string, count: number, value: string): void {
    this.client.lrem(key, count, value);
  }
}
`;
    expect(lines(text)).toEqual([10]);
  });

  it('still reports a callback wrapper that the same file calls with its own key, and that call', () => {
    const text = `${HEADER}
export class Store {
  constructor(private client: Redis) {
    client.on('error', console.error);
  }

  smembers(key: string, cb: Callback<string[]>): void {
    this.client.smembers(key, cb);
  }

  everyone(cb: Callback<string[]>): void {
    this.smembers('users:all', cb);
  }
}
`;
    expect(lines(text)).toEqual([10, 14]);
  });
});
