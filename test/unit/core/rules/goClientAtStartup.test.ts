/**
 * client-per-request on Go: a function that makes a client, uses it and closes it, and that only start-up code
 * calls (StartConsumer, through a helper ranging over the configured streams), makes one client per start and is not
 * reported. Tricky negatives kept reported: the same function when a message handler also calls it, and when the
 * start-up function calls it inside its endless consume loop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function perRequestLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'mq/groups.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package mq\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\nvar Streams []string\n\n'
  + 'func ensureGroup(stream string) {\n\tc := redis.NewClient(&redis.Options{Addr: "localhost:6379"})\n\tdefer c.Close()\n\tc.XGroupCreateMkStream(context.Background(), stream, "workers", "$")\n}\n\n'
  + 'func setupGroups() {\n\tfor _, s := range Streams {\n\t\tensureGroup(s)\n\t}\n}\n\n';

describe('Go client-per-request: clients of start-up code', () => {
  it('leaves a client made by a function only start-up code reaches alone', () => {
    expect(perRequestLines(HEAD + 'func StartConsumer() {\n\tsetupGroups()\n}\n')).toEqual([]);
  });

  it('reports it when a message handler also calls it, or the start-up function calls it per round of its loop', () => {
    const handler = 'func StartConsumer() {\n\tsetupGroups()\n}\n\nfunc onMessage(stream string) {\n\tensureGroup(stream)\n}\n';
    expect(perRequestLines(HEAD + handler)).toEqual([12]);
    const loop = 'func StartConsumer(next func() string) {\n\tfor {\n\t\tensureGroup(next())\n\t}\n}\n';
    expect(perRequestLines(HEAD + loop)).toEqual([12]);
  });
});
