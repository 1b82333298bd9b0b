/**
 * Go client-per-request: a client made in a set-up method named configure… (`app.configureEnrichment()`, called
 * while the application starts) and handed to the wrapper it configures is made once. The same body in a method
 * named for a lookup is still a client per call.
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
  return reviewSource(parsers, text, { path: 'api/app.go', language: 'go' })
    .findings.filter((f) => f.ruleId === 'client-per-request')
    .map((f) => f.span.start.line + 1);
}

const HEAD = 'package api\n\nimport (\n\t"github.com/redis/go-redis/v9"\n)\n\ntype App struct {\n\tAddr     string\n\tEnricher Enricher\n}\n\n';
const BODY = '\trdb := redis.NewClient(&redis.Options{Addr: app.Addr})\n\tcache := NewEnricherCache(rdb)\n\tapp.Enricher = NewCachedEnricher(cache)\n}\n';

describe('Go client-per-request: set-up methods', () => {
  it('leaves a client made in a configure… method alone', () => {
    expect(lines(HEAD + 'func (app *App) configureEnrichment() {\n' + BODY)).toEqual([]);
  });

  it('still reports the same body in a method named for a lookup', () => {
    expect(lines(HEAD + 'func (app *App) enrichmentFor(id string) {\n' + BODY)).toEqual([13]);
  });
});
