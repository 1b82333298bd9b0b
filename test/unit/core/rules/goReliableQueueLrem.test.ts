/**
 * expensive-linear-list-ops on Go: LREM on a reliable queue's in-flight list (the list a worker's BRPOPLPUSH moves
 * its job into, or a variable holding a processing-list name) holds only the jobs being worked on and is not
 * reported. Tricky negatives kept reported: LREM on the queue itself, and on a key built by a call whose text
 * happens to match a move's destination in another function (another parameter, another list).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lremLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'jobs/worker.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'expensive-linear-list-ops')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package jobs\n\nimport (\n\t"context"\n\t"fmt"\n\t"time"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Worker struct {\n\trdb   *redis.Client\n\tqueue string\n}\n\n';

describe('Go expensive-linear-list-ops: a worker\'s in-flight list', () => {
  it('leaves LREM of the list the worker moves its job into alone, also through a parameter of a helper', () => {
    const src = HEAD
      + 'func (w *Worker) Loop(ctx context.Context, id string) {\n'
      + '\tinflight := fmt.Sprintf("jobs:taken:%s", id)\n'
      + '\tfor ctx.Err() == nil {\n'
      + '\t\tjob, err := w.rdb.BRPopLPush(ctx, w.queue, inflight, time.Second).Result()\n'
      + '\t\tif err != nil {\n\t\t\tcontinue\n\t\t}\n'
      + '\t\tw.finish(ctx, inflight, job)\n'
      + '\t}\n}\n\n'
      + 'func (w *Worker) finish(ctx context.Context, inflight, job string) {\n'
      + '\tw.rdb.LRem(ctx, inflight, 1, job)\n'
      + '}\n';
    expect(lremLines(src)).toEqual([]);
  });

  it('leaves LREM of a variable holding a processing-list name alone', () => {
    const src = HEAD
      + 'func (w *Worker) Done(ctx context.Context, pattern map[string]string, id, job string) {\n'
      + '\tlist := fmt.Sprintf(pattern["ProcessingList"], id)\n'
      + '\tw.rdb.LRem(ctx, list, 1, job)\n'
      + '}\n';
    expect(lremLines(src)).toEqual([]);
  });

  it('reports LREM of the queue itself and of a call-built key that only shares its text with a move destination', () => {
    const src = HEAD
      + 'func (w *Worker) Cancel(ctx context.Context, job string) {\n'
      + '\tw.rdb.LRem(ctx, w.queue, 1, job)\n'
      + '}\n\n'
      + 'func name(q string) string { return "q:" + q }\n\n'
      + 'func (w *Worker) Requeue(ctx context.Context, taken, queue string) {\n'
      + '\tw.rdb.RPopLPush(ctx, name(taken), name(queue))\n'
      + '}\n\n'
      + 'func (w *Worker) Ack(ctx context.Context, queue, job string) {\n'
      + '\tw.rdb.LRem(ctx, name(queue), -1, job)\n'
      + '}\n';
    expect(lremLines(src)).toEqual([17, 27]);
  });
});
