/**
 * rueidis spellings of lock-without-expiry (SETNX / SET … Nx() builders), select-db (`SelectDB`) and
 * plaintext-remote-connection (remote `InitAddress` seeds without TLSConfig), with their tricky negatives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const HEAD = 'package store\n\nimport (\n\t"context"\n\t"crypto/tls"\n\t"time"\n\n\t"github.com/redis/rueidis"\n)\n\nvar _ = time.Second\nvar _ tls.Config\n\n';

function findings(body: string, rule: string): number[] {
  return reviewSource(parsers, HEAD + body, { path: 'store/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1 - HEAD.split('\n').length + 1);
}

describe('rueidis client rules', () => {
  it('reports lock builders without a TTL and leaves those with one (or no lock at all) alone', () => {
    const body = [
      'func Lock(ctx context.Context, c rueidis.Client, job, token string) error {',
      '\tc.Do(ctx, c.B().Setnx().Key("lock:"+job).Value(token).Build())',
      '\tc.Do(ctx, c.B().Set().Key("lock:"+job).Value(token).Nx().Build())',
      '\tc.Do(ctx, c.B().Set().Key("lock:"+job).Value(token).Nx().Px(30*time.Second).Build())',
      '\tc.Do(ctx, c.B().Set().Key("lock:"+job).Value(token).Nx().ExSeconds(30).Build())',
      '\treturn c.Do(ctx, c.B().Set().Key("lock:"+job).Value(token).Build()).Error()',
      '}',
      '',
    ].join('\n');
    expect(findings(body, 'lock-without-expiry')).toEqual([2, 3]);
  });

  it('reports a numbered SelectDB and leaves database 0 alone', () => {
    const body = 'func Open() {\n\trueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}, SelectDB: 2})\n\trueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}, SelectDB: 0})\n}\n';
    expect(findings(body, 'select-db')).toEqual([2]);
  });

  it('reports remote seeds without TLSConfig, not local ones or TLS clients', () => {
    const body = [
      'func Open() {',
      '\trueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379", "redis:6379"}})',
      '\trueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"10.0.3.7:6379"}})',
      '\trueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"cache.prod.example.com:6380"}, TLSConfig: &tls.Config{}})',
      '}',
      '',
    ].join('\n');
    expect(findings(body, 'plaintext-remote-connection')).toEqual([3]);
  });
});
