/**
 * Go command-in-loop over the program's own registry of streams, topics or queues: a receiver field the type fills
 * at start-up (`for streamID := range c.streams`) or a package variable (`for _, topic := range Topics`) holds the
 * handful of names the code set up. Tricky negatives stay reported: the same names held in a local filled from a
 * reply, a parameter, a field of another value than the receiver, and a receiver field named for data.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const { inFile } = ruleFindingLines();

const HEAD = [
  'package stream',
  '',
  'import (',
  '\t"context"',
  '',
  '\t"github.com/redis/go-redis/v9"',
  ')',
  '',
  'var Topics []string',
  '',
  'type Consumer struct {',
  '\trdb     redis.UniversalClient',
  '\tgroup   string',
  '\tstreams map[string]func(string)',
  '\tusers   []string',
  '\tother   *Consumer',
  '}',
  '',
].join('\n');

const lines = (body: string) => inFile('command-in-loop', { path: 'stream/consumer.go', text: HEAD + body });

describe('Go command-in-loop: loops over the program\'s own stream, topic or queue registry', () => {
  it('leaves a loop over a receiver field or a package variable named for the registry alone', () => {
    const body = [
      'func (c *Consumer) CreateGroups(ctx context.Context) error {', // 18
      '\tfor streamID := range c.streams {',
      '\t\tif err := c.rdb.XGroupCreateMkStream(ctx, streamID, c.group, "0").Err(); err != nil {',
      '\t\t\treturn err',
      '\t\t}',
      '\t}',
      '\treturn nil',
      '}',
      '',
      'func Trim(ctx context.Context, rdb *redis.Client) {', // 27
      '\tfor _, topic := range Topics {',
      '\t\trdb.XTrimMaxLen(ctx, "mq:"+topic, 10000)',
      '\t}',
      '}',
      '',
    ].join('\n');
    expect(lines(body)).toEqual([]);
  });

  it('reports the same loops over a local filled from a reply, a parameter, another value\'s field and a field named for data', () => {
    const body = [
      'func (c *Consumer) Trim(ctx context.Context) {', // 18
      '\tstreams, _ := c.rdb.SMembers(ctx, "streams").Result()',
      '\tfor _, s := range streams {',
      '\t\tc.rdb.XTrimMaxLen(ctx, s, 1000)',
      '\t}',
      '}',
      '',
      'func TrimAll(ctx context.Context, rdb *redis.Client, topics []string) {', // 25
      '\tfor _, topic := range topics {',
      '\t\trdb.XTrimMaxLen(ctx, topic, 1000)',
      '\t}',
      '}',
      '',
      'func (c *Consumer) Mirror(ctx context.Context) {', // 31
      '\tfor s := range c.other.streams {',
      '\t\tc.rdb.XTrimMaxLen(ctx, s, 1000)',
      '\t}',
      '\tfor _, u := range c.users {',
      '\t\tc.rdb.Del(ctx, "user:"+u)',
      '\t}',
      '}',
      '',
    ].join('\n');
    expect(lines(body)).toEqual([21, 27, 33, 36]);
  });
});
