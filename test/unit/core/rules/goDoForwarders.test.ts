/**
 * Go: a method of the file that hands its variadic arguments on to a client's Do (`DoWrite(ctx, args ...interface{})`
 * → `c.client.Do(ctx, args...)`) sends the command its caller names first, so `c.DoWrite(ctx, "CONFIG", "SET", …)`
 * is a CONFIG SET (admin-command-in-app). Tricky negatives: a Do-named method that does something else with its
 * arguments (logging them), and one whose declaration the file does not show.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function adminLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'component/redis/client.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'admin-command-in-app')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package redis\n\nimport (\n\t"context"\n\t"log"\n\n\tv9 "github.com/redis/go-redis/v9"\n)\n\ntype client struct {\n\trdb v9.UniversalClient\n}\n\n';
const SUBSCRIBE = 'func (c client) Watch(ctx context.Context) {\n\t_ = c.DoWrite(ctx, "CONFIG", "SET", "notify-keyspace-events", "Kg$xe")\n}\n';

describe('Go: methods that forward their arguments to Do', () => {
  it('reads the forwarded call as the command it names', () => {
    const text = HEAD + 'func (c client) DoWrite(ctx context.Context, args ...interface{}) error {\n\treturn c.rdb.Do(ctx, args...).Err()\n}\n\n' + SUBSCRIBE;
    expect(adminLines(text)).toEqual([19]);
  });

  it('leaves a Do-named method alone that does not hand its arguments to Do', () => {
    const text = HEAD + 'func (c client) DoWrite(ctx context.Context, args ...interface{}) error {\n\tlog.Println(args...)\n\treturn nil\n}\n\n' + SUBSCRIBE;
    expect(adminLines(text)).toEqual([]);
  });

  it('leaves the call alone when the file does not declare the method', () => {
    expect(adminLines(HEAD + 'var _ = log.Println\n\n' + SUBSCRIBE)).toEqual([]);
  });
});
