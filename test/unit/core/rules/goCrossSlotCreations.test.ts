/**
 * cross-slot-multi-key on Go, judged from how the file creates its clients: a package that builds its own clients,
 * all standalone or Sentinel-routed, holds no Cluster client; a UniversalClient built from a configured address
 * list may be one.
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
  return reviewSource(parsers, text, { path: 'store/store.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'cross-slot-multi-key')
    .map((f) => f.span.start.line + 1);
}

// A key-value store that dials its own client: a plain one, or one routed by Sentinel (NewFailoverClusterClient
// spreads reads over the replicas of one master set, so every key lives on one server). Its comments and options
// speak of ClusterClient, but no Redis Cluster is ever behind `s.rdb`.
const OWN_CLIENTS = `package store

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Options: ReplicaReads uses a ClusterClient routed by Sentinel (RouteByLatency).
type Options struct {
	Master       string
	ReplicaReads bool
}

type Store struct {
	rdb redis.UniversalClient
}

func Open(addrs []string, opts Options) *Store {
	return &Store{rdb: dial(addrs, opts)}
}

func dial(addrs []string, opts Options) redis.UniversalClient {
	if opts.Master != "" {
		failover := &redis.FailoverOptions{MasterName: opts.Master, SentinelAddrs: addrs, RouteByLatency: opts.ReplicaReads}
		if opts.ReplicaReads {
			return redis.NewFailoverClusterClient(failover)
		}
		return redis.NewFailoverClient(failover)
	}
	return redis.NewClient(&redis.Options{Addr: addrs[0]})
}

func (s *Store) List(ctx context.Context, keys []string) ([]interface{}, error) {
	return s.rdb.MGet(ctx, keys...).Result()
}

func (s *Store) Drop(ctx context.Context, keys []string) error {
	return s.rdb.Del(ctx, keys...).Err()
}
`;

describe('Go cross-slot-multi-key and the clients a file creates', () => {
  it('leaves multi-key calls alone in a package whose every client is its own standalone or Sentinel-routed one', () => {
    expect(crossSlotLines(OWN_CLIENTS)).toEqual([]);
  });

  it('still reports them when an exported function also takes a client from the caller, who may pass a ClusterClient', () => {
    const takesClient = OWN_CLIENTS.replace('func Open(', 'func Wrap(rdb redis.UniversalClient) *Store {\n\treturn &Store{rdb: rdb}\n}\n\nfunc Open(');
    expect(crossSlotLines(takesClient)).toEqual([39, 43]);
  });

  it('reports DEL of a key list on a UniversalClient created from a configured address list', () => {
    const configured = `package kv

import (
	"context"

	"github.com/redis/go-redis/v9"
)

type Config struct {
	Addrs []string
	DB    int
}

type Driver struct {
	client redis.UniversalClient
}

func New(cfg *Config) *Driver {
	return &Driver{client: redis.NewUniversalClient(&redis.UniversalOptions{Addrs: cfg.Addrs, DB: cfg.DB})}
}

func (d *Driver) Delete(ctx context.Context, keys ...string) error {
	return d.client.Del(ctx, keys...).Err()
}
`;
    expect(crossSlotLines(configured)).toEqual([23]);
    // One configured address in a one-item list: a plain client unless the project says otherwise.
    expect(crossSlotLines(configured.replace('Addrs: cfg.Addrs', 'Addrs: []string{cfg.Addrs[0]}'))).toEqual([]);
  });
});
