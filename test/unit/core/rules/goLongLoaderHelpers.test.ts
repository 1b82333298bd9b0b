/**
 * command-in-loop on Go: a method that reads one record with a single command and spends the rest of a long body
 * parsing it (`Load` → HGETALL, then thirty lines of field conversions) is a round trip per call like a two-line
 * helper, so a range loop calling it per id is reported. Tricky negatives: the same loader called per event of a
 * channel, and a long function that sends two commands, which is no one-command helper.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function loopLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'store/peers.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'command-in-loop')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package store\n\nimport (\n\t"context"\n\t"strconv"\n\n\t"github.com/redis/go-redis/v9"\n)\n\ntype Peer struct{ ID string; Port int64; Size int64 }\n\ntype Peers struct{ rdb redis.UniversalClient }\n\n';

/** A loader of about forty lines: one HGETALL, then one conversion per field. */
function loader(extraCommand = ''): string {
  const fields = Array.from({ length: 12 }, (_, i) => `\tif _, err := strconv.ParseInt(raw["f${i}"], 10, 64); err != nil {\n\t\treturn nil, false\n\t}\n`).join('');
  return `func (p *Peers) Load(ctx context.Context, id string) (*Peer, bool) {\n\traw, err := p.rdb.HGetAll(ctx, "peer:"+id).Result()\n\tif err != nil || len(raw) == 0 {\n\t\treturn nil, false\n\t}\n${extraCommand}${fields}\treturn &Peer{ID: raw["id"]}, true\n}\n\n`;
}

const LOAD_EACH = 'func (p *Peers) LoadAll(ctx context.Context, ids []string) []*Peer {\n\tvar out []*Peer\n\tfor _, id := range ids {\n\t\tpeer, ok := p.Load(ctx, id)\n\t\tif ok {\n\t\t\tout = append(out, peer)\n\t\t}\n\t}\n\treturn out\n}\n';

describe('Go command-in-loop through a long one-command loader', () => {
  it('reports a range loop that calls a forty-line loader sending one HGETALL per id', () => {
    const text = HEAD + loader() + LOAD_EACH;
    const line = text.split('\n').findIndex((l) => l.includes('p.Load(ctx, id)')) + 1;
    expect(loopLines(text)).toEqual([line]);
  });

  it('leaves the loader called per event of a channel alone', () => {
    const text = HEAD + loader() + 'func (p *Peers) Follow(ctx context.Context, events <-chan string) {\n\tfor id := range events {\n\t\tp.Load(ctx, id)\n\t}\n}\n';
    expect(loopLines(text)).toEqual([]);
  });

  it('does not take a long function that sends two commands for a one-command helper', () => {
    const text = HEAD + loader('\tp.rdb.Expire(ctx, "peer:"+id, 0)\n') + LOAD_EACH;
    expect(loopLines(text)).toEqual([]);
  });
});
