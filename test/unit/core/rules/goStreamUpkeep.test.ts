/** stream-without-maxlen on Go: a stream the code trims, or whose consumed entries it deletes, does not grow. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function streamLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'tasks/queue.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'stream-without-maxlen')
    .map((f) => f.span.start.line + 1);
}

const QUEUE = `package tasks

import (
	"context"

	"github.com/redis/go-redis/v9"
)

type Queue struct {
	rdb    *redis.Client
	stream string
	group  string
}

func (q *Queue) Push(ctx context.Context, body string) error {
	return q.rdb.XAdd(ctx, &redis.XAddArgs{Stream: q.stream, Values: map[string]interface{}{"body": body}}).Err()
}
`;

describe('Go stream-without-maxlen and streams kept short', () => {
  it('leaves a job stream alone when the function that acknowledges an entry also deletes it', () => {
    const done = QUEUE + '\nfunc (q *Queue) Done(ctx context.Context, id string) error {\n\tif err := q.rdb.XAck(ctx, q.stream, q.group, id).Err(); err != nil {\n\t\treturn err\n\t}\n\treturn q.rdb.XDel(ctx, q.stream, id).Err()\n}\n';
    expect(streamLines(done)).toEqual([]);
  });

  it('leaves it alone when the file trims the stream', () => {
    expect(streamLines(QUEUE + '\nfunc (q *Queue) Compact(ctx context.Context) error {\n\treturn q.rdb.XTrimMaxLen(ctx, q.stream, 10000).Err()\n}\n')).toEqual([]);
  });

  it('still reports it when entries are only deleted by an admin call that never consumes them, or another stream is trimmed', () => {
    expect(streamLines(QUEUE + '\nfunc (q *Queue) Remove(ctx context.Context, id string) error {\n\treturn q.rdb.XDel(ctx, q.stream, id).Err()\n}\n')).toEqual([16]);
    expect(streamLines(QUEUE + '\nfunc (q *Queue) Compact(ctx context.Context) error {\n\treturn q.rdb.XTrimMaxLen(ctx, "audit", 10000).Err()\n}\n')).toEqual([16]);
  });
});
