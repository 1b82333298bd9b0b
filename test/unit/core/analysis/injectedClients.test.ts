/** Clients given by dependency injection: `@Inject(TOKEN)` hands every injecting class the one client of the token. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { buildWorkspaceIndex, reviewSource, type WorkspaceIndex } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function review(path: string, text: string, workspace?: WorkspaceIndex) {
  return reviewSource(parsers, text, { path, language: languageForPath(path)!, workspace });
}

describe('clients injected by token', () => {
  it('makes every class injecting the same token hold one client, and each token its own', () => {
    const text = [
      "import { Inject } from '@nestjs/common';",
      "import Redis from 'ioredis';",
      'export class Feed {',
      "  @Inject('KV_MAIN') private readonly updates: Redis;",
      "  @Inject(KV_EVENTS) private readonly events: Redis;",
      "  constructor(@Inject('KV_MAIN') private readonly kv: Redis) {}",
      "  async latest() { await this.updates.subscribe('news'); await this.kv.get('feed:last'); await this.events.get('e'); }",
      '}',
      '',
    ].join('\n');
    const result = review('src/feed.ts', text);
    expect(result.callSites.map((s) => `${s.command}:${s.receiver.kind}:${s.receiver.confidence}`)).toEqual(['SUBSCRIBE:client:proven', 'GET:client:proven', 'GET:client:proven']);
    // Two fields injected with one token hold one connection: SUBSCRIBE on it breaks the GET; the other token's client is another one.
    expect(result.findings.map((f) => `${f.span.start.line + 1}:${f.ruleId}`)).toEqual(['7:subscribe-on-command-connection']);
  });

  it('takes a decorated readonly constructor parameter for a field too', () => {
    const text = "import Redis from 'ioredis';\nexport class Tokens {\n  constructor(@Inject('KV_MAIN') readonly kv: Redis) {}\n  drop(id: string) { return this.kv.keys(`token:${id}:*`); }\n}\n";
    expect(review('src/tokens.ts', text).callSites.map((s) => `${s.span.start.line + 1}:${s.command}:${s.receiver.confidence}`)).toEqual(['4:KEYS:proven']);
  });

  it('records in the index an error listener attached to an injected client under its token', () => {
    const files = [
      { path: 'src/health/health.ts', text: "import Redis from 'ioredis';\nexport class Health {\n  constructor(@Inject(KV_MAIN) private readonly kv: Redis) {\n    this.kv.on('error', (err) => this.down(err));\n  }\n  down(err: Error) {}\n}\n" },
      { path: 'src/cart/cart.ts', text: "import Redis from 'ioredis';\nexport class Cart {\n  constructor(@Inject('KV_CART') private readonly kv: Redis) {}\n  size(id: string) { return this.kv.hlen(`cart:${id}`); }\n}\n" },
    ];
    const index = buildWorkspaceIndex(parsers, files);
    expect(index.hasErrorListener('inject#KV_MAIN')).toBe(true);
    expect(index.hasErrorListener('inject#KV_CART')).toBe(false);
  });
});
