/**
 * Go set-then-expire: redigo's `redis.Args{key}.AddFlat(item)...` idiom (HSET/HMSET of a struct's fields) writes the
 * key that the Args literal starts with, so a later separate EXPIRE/EXPIREAT of that key is the same race as with a
 * plain key argument. An EXPIRE of another key, and the pair inside MULTI/EXEC, are not reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'storage/links.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'set-then-expire')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package storage\n\nimport (\n\t"strconv"\n\t"time"\n\n\t"github.com/gomodule/redigo/redis"\n)\n\ntype Link struct {\n\tURL    string `redis:"url"`\n\tVisits int    `redis:"visits"`\n}\n\ntype Store struct{ pool *redis.Pool }\n\n';

describe('Go set-then-expire: keys written through redis.Args', () => {
  it('reports HSET of redis.Args{key}.AddFlat(item)... then EXPIREAT of the key', () => {
    const text = HEAD + 'func (s *Store) Save(id uint64, link Link, expires time.Time) error {\n\tconn := s.pool.Get()\n\tdefer conn.Close()\n\tif _, err := conn.Do("HSET", redis.Args{"link:" + strconv.FormatUint(id, 10)}.AddFlat(link)...); err != nil {\n\t\treturn err\n\t}\n\t_, err := conn.Do("EXPIREAT", "link:"+strconv.FormatUint(id, 10), expires.Unix())\n\treturn err\n}\n';
    expect(lines(text)).toEqual([20]);
  });

  it('reports HMSET of redis.Args{key}.AddFlat(item)... then EXPIRE of the same variable', () => {
    const text = HEAD + 'func (s *Store) Put(key string, link Link) error {\n\tconn := s.pool.Get()\n\tdefer conn.Close()\n\tif _, err := conn.Do("HMSET", redis.Args{key}.AddFlat(&link)...); err != nil {\n\t\treturn err\n\t}\n\t_, err := conn.Do("EXPIRE", key, 3600)\n\treturn err\n}\n';
    expect(lines(text)).toEqual([20]);
  });

  it('does not report an EXPIRE of another key', () => {
    const text = HEAD + 'func (s *Store) Put(key string, link Link) error {\n\tconn := s.pool.Get()\n\tdefer conn.Close()\n\tif _, err := conn.Do("HSET", redis.Args{key}.AddFlat(&link)...); err != nil {\n\t\treturn err\n\t}\n\t_, err := conn.Do("EXPIRE", "recent", 3600)\n\treturn err\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('does not report the pair queued inside MULTI/EXEC', () => {
    const text = HEAD + 'func (s *Store) Put(key string, link Link) error {\n\tconn := s.pool.Get()\n\tdefer conn.Close()\n\tconn.Send("MULTI")\n\tconn.Send("HSET", redis.Args{key}.AddFlat(&link)...)\n\tconn.Send("EXPIRE", key, 3600)\n\t_, err := conn.Do("EXEC")\n\treturn err\n}\n';
    expect(lines(text)).toEqual([]);
  });
});
