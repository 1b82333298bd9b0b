/**
 * missing-error-listener for a client held in a class field and given to BullMQ (which attaches its own 'error'
 * listener), also when the field is assigned by a conditional that keeps a client the caller passed in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function listenerLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'src/jobs/strategy.ts', language: 'typescript' })
    .findings.filter((f) => f.ruleId === 'missing-error-listener')
    .map((f) => f.span.start.line + 1);
}

const HEADER = "import { Redis, RedisOptions } from 'ioredis';\nimport { Queue } from 'bullmq';\nimport { Notifier } from './notifier';\n\n";

const strategy = (assignment: string, handOver: string) =>
  `${HEADER}export class Strategy {\n  private redis: Redis;\n  private queue: Queue;\n\n  init(options: { connection?: Redis | RedisOptions; queueOptions?: object }) {\n${assignment}\n${handOver}\n  }\n}\n`;

const QUEUE = "    this.queue = new Queue('jobs', { ...options.queueOptions, connection: this.redis });";

describe('missing-error-listener: a field given to BullMQ', () => {
  it('does not report a field client handed to a BullMQ queue in a spread options object', () => {
    expect(listenerLines(strategy('    this.redis = new Redis(options.connection as RedisOptions);', QUEUE))).toEqual([]);
  });

  it('does not report the client a conditional creates when the caller passed none', () => {
    const assignment = '    this.redis =\n      options.connection instanceof Redis\n        ? options.connection\n        : new Redis(options.connection);';
    expect(listenerLines(strategy(assignment, QUEUE))).toEqual([]);
  });

  it('still reports a field client given only to project code, or to no one', () => {
    const notifier = '    new Notifier({ redis: this.redis }).start();';
    expect(listenerLines(strategy('    this.redis = new Redis(options.connection as RedisOptions);', notifier))).toEqual([10]);
    expect(listenerLines(strategy('    this.redis = new Redis(options.connection as RedisOptions);', '    this.queue = undefined as unknown as Queue;'))).toEqual([10]);
  });
});
