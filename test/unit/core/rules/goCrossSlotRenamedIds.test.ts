/**
 * cross-slot-multi-key on Go: two keys that are parameters named as ids (`SessionRegenerate(ctx, oldsid, sid)`
 * renaming one session id to the other) are ids the callers generate and cannot give a shared hash tag, so RENAME on a ClusterClient fails across slots. Tricky negatives: a pass-through wrapper whose
 * parameters are the caller's keys (`Move(ctx, from, to)`), the same RENAME on a plain client and on a Sentinel
 * (failover) client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function crossSlotLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'session/provider.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package session\n\nimport (\n\t"context"\n\t"time"\n\n\tgoredis "github.com/redis/go-redis/v9"\n)\n\n';

function provider(client: string, made: string, method = 'SessionRegenerate(ctx context.Context, oldsid, sid string)'): string {
  return HEAD + `type Provider struct {\n\tlifetime time.Duration\n\tpool     ${client}\n}\n\nfunc (p *Provider) Init(addrs []string) {\n\tp.pool = ${made}\n}\n\nfunc (p *Provider) ${method} error {\n\tc := p.pool\n\tif n, err := c.Exists(ctx, oldsid).Result(); err != nil || n == 0 {\n\t\treturn c.Set(ctx, sid, "", p.lifetime).Err()\n\t}\n\tc.Rename(ctx, oldsid, sid)\n\treturn c.Expire(ctx, sid, p.lifetime).Err()\n}\n`;
}

describe('Go cross-slot-multi-key: RENAME of one id to another', () => {
  it('reports the session provider that renames an old session id to a new one on a ClusterClient', () => {
    expect(crossSlotLines(provider('*goredis.ClusterClient', 'goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: addrs})'))).toEqual([24]);
  });

  it('leaves a wrapper alone whose parameters are the caller\'s keys: its callers can tag them', () => {
    const moved = provider('*goredis.ClusterClient', 'goredis.NewClusterClient(&goredis.ClusterOptions{Addrs: addrs})', 'Move(ctx context.Context, from, to string)').replace(/oldsid/g, 'from').replace(/\bsid\b/g, 'to');
    expect(crossSlotLines(moved)).toEqual([]);
  });

  it('leaves the same provider alone on a plain and on a Sentinel client', () => {
    expect(crossSlotLines(provider('*goredis.Client', 'goredis.NewClient(&goredis.Options{Addr: addrs[0]})'))).toEqual([]);
    expect(crossSlotLines(provider('*goredis.Client', 'goredis.NewFailoverClient(&goredis.FailoverOptions{MasterName: "main", SentinelAddrs: addrs})'))).toEqual([]);
  });
});
