/**
 * Go command-in-loop: server-wide commands sent in a loop (SCRIPT LOAD of each Lua file the program ships, CONFIG
 * GET of a few settings) are not per-item work a pipeline would merge, as the rule documents for every language;
 * a loop over keys reading each one is still a round trip per item.
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
  return reviewSource(parsers, text, { path: 'store/scripts.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const GOREDIS = 'package store\n\nimport (\n\t"context"\n\n\t"github.com/redis/go-redis/v9"\n)\n\n';
const REDIGO = 'package store\n\nimport "github.com/gomodule/redigo/redis"\n\n';

describe('Go command-in-loop: server-wide commands', () => {
  it('leaves SCRIPT LOAD of each script alone (go-redis)', () => {
    const text = GOREDIS + 'func loadScripts(ctx context.Context, rdb *redis.Client, scripts map[string]string) (map[string]string, error) {\n\tshas := map[string]string{}\n\tfor name, body := range scripts {\n\t\tsha, err := rdb.ScriptLoad(ctx, body).Result()\n\t\tif err != nil {\n\t\t\treturn nil, err\n\t\t}\n\t\tshas[name] = sha\n\t}\n\treturn shas, nil\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('leaves SCRIPT LOAD and CONFIG GET sent with conn.Do in a loop alone (redigo)', () => {
    const text = REDIGO + 'func prepare(conn redis.Conn, scripts []string, settings []string) {\n\tfor _, s := range scripts {\n\t\tconn.Do("SCRIPT", "LOAD", s)\n\t}\n\tfor _, name := range settings {\n\t\tconn.Do("CONFIG", "GET", name)\n\t}\n}\n';
    expect(lines(text)).toEqual([]);
  });

  it('still reports a GET per key in the same loop shape', () => {
    const text = GOREDIS + 'func readAll(ctx context.Context, rdb *redis.Client, keys []string) []string {\n\tvar out []string\n\tfor _, k := range keys {\n\t\tout = append(out, rdb.Get(ctx, k).Val())\n\t}\n\treturn out\n}\n';
    expect(lines(text)).toEqual([12]);
  });
});
