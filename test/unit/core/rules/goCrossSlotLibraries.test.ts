/**
 * cross-slot-multi-key on Go libraries: a package whose exported API takes a go-redis UniversalClient leaves the
 * choice of client to its users, who may hand it a ClusterClient, whatever one-address client its own tests,
 * samples and benchmarks build. Tricky negatives: a program (a `main` package outside samples and benchmarks) that
 * builds its only client with one literal address, and a library whose API takes a plain *redis.Client.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines } from './ruleFindingLines';

const findingLines = ruleFindingLines();

const HEAD = 'package queue\n\nimport (\n\t"context"\n\t"fmt"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';

/** The backend's API: a constructor taking the caller's UniversalClient. */
const BACKEND = {
  path: 'backend/backend.go',
  text: HEAD + 'var _ = fmt.Sprint\n\ntype Backend struct {\n\trdb redis.UniversalClient\n}\n\nfunc NewBackend(client redis.UniversalClient) *Backend {\n\treturn &Backend{rdb: client}\n}\n',
};

/** A multi-stream script run of the backend, in another file of the package. */
const RUNS = {
  path: 'backend/queue.go',
  text: HEAD + 'var prepare = redis.NewScript(`return 1`)\n\nfunc (b *Backend) Prepare(ctx context.Context, queues []string) error {\n\tkeys := []string{}\n\tfor _, q := range queues {\n\t\tkeys = append(keys, fmt.Sprintf("stream:%s", q))\n\t}\n\treturn prepare.Run(ctx, b.rdb, keys).Err()\n}\n',
};

/** The library's sample program: one literal address. */
const SAMPLE = {
  path: 'samples/main.go',
  text: 'package main\n\nimport "github.com/redis/go-redis/v9"\n\nfunc main() {\n\t_ = redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{"localhost:6379"}})\n}\n',
};

const crossSlot = (files: { path: string; text: string }[]) => findingLines.inWorkspace('cross-slot-multi-key', files, 1);

describe('Go cross-slot-multi-key: libraries that take a UniversalClient', () => {
  it('reports a multi-key script run of a library whose constructor takes a UniversalClient, samples and benchmarks notwithstanding', () => {
    expect(crossSlot([BACKEND, RUNS, SAMPLE])).toEqual([17]);
    expect(crossSlot([BACKEND, RUNS, { ...SAMPLE, path: 'bench/main.go' }])).toEqual([17]);
  });

  it('leaves a program that builds its only client with one literal address alone', () => {
    expect(crossSlot([BACKEND, RUNS, { ...SAMPLE, path: 'cmd/server/main.go' }])).toEqual([]);
  });

  it('leaves a library whose API takes a plain *redis.Client alone', () => {
    const plain = { ...BACKEND, text: BACKEND.text.replace(/redis\.UniversalClient/g, '*redis.Client') };
    expect(crossSlot([plain, RUNS, SAMPLE])).toEqual([]);
  });
});

describe('Go cross-slot-multi-key: a library with its own client factory', () => {
  it('judges the clients by the factory, not by the UniversalClient its API takes', () => {
    const factory = { path: 'backend/client.go', text: HEAD + 'var _ = fmt.Sprint\n\nfunc NewClient(addr string) redis.UniversalClient {\n\treturn redis.NewUniversalClient(&redis.UniversalOptions{Addrs: []string{addr}})\n}\n' };
    expect(crossSlot([BACKEND, RUNS, factory])).toEqual([]);
  });
});
