/**
 * Clients made after a dynamic import: `await import('ioredis')`, `(await import('ioredis')).default` and
 * `import('ioredis').then(...)` bind the names a static import would, in whatever function they are written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { reviewSource, reviewTree, type ReviewResult } from '../../../../src/core/review';
import { analyzeTree } from '../../../../src/core/analysis/buildModel';
import { contextForPath } from '../../../../src/core/analysis/fileContext';
import { loadParsers } from '../rules/parsersForTests';
import { treeEditForChange } from '../../../../src/core/editor/treeEdit';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function review(path: string, text: string) {
  return reviewSource(parsers, text, { path, language: languageForPath(path)! });
}

function model(path: string, text: string) {
  const language = languageForPath(path)!;
  const tree = parsers.parse(language, text);
  try {
    return analyzeTree(tree, text, { path, language, context: contextForPath(path) }).model;
  } finally {
    tree.delete();
  }
}

function creations(path: string, text: string) {
  return model(path, text).creations.map((c) => `${c.span.start.line + 1}:${c.library}:${c.kind}:${c.binding ?? ''}`);
}

function sites(path: string, text: string) {
  return review(path, text).callSites.map((s) => `${s.span.start.line + 1}:${s.command}:${s.receiver.kind}:${s.receiver.confidence}`);
}

describe('clients made after a dynamic import', () => {
  it('destructures the default or a named export of an awaited import, in any function', () => {
    const text = [
      'export async function connect(url: string) {',
      "  const { default: Redis } = await import('ioredis');",
      '  const kv = new Redis(url);',
      "  await kv.del('a', 'b');",
      '}',
      'export class Store {',
      '  async open() {',
      "    const { createClient } = await import('redis');",
      '    const client = createClient({ url: process.env.REDIS_URL });',
      "    await client.get('k');",
      '  }',
      '}',
      '',
    ].join('\n');
    expect(creations('src/store.ts', text)).toEqual(['3:ioredis:client:kv', '9:node-redis:client:client']);
    expect(sites('src/store.ts', text)).toEqual(['4:DEL:client:proven', '10:GET:client:proven']);
  });

  it('reads `.default` of the awaited module, the namespace itself, and a `then` callback', () => {
    const text = [
      'async function make() {',
      "  const Redis = (await import('ioredis')).default;",
      '  const a = new Redis();',
      "  const mod = await import('ioredis');",
      '  const b = new mod.default();',
      '  const c = new mod.Cluster([{ host: "x", port: 6379 }]);',
      "  const createClient = (await import('redis')).createClient;",
      '  const d = createClient();',
      "  a.get('k'); b.get('k'); c.get('k'); d.get('k');",
      '}',
      "import('ioredis').then(({ default: IORedis }) => new IORedis(url).get('k'));",
      "import('ioredis').then((ns) => { const e = new ns.Redis(); e.get('k'); });",
      "const { createClient: make } = (await import('redis')).default;",
      'const f = make();',
      'export class Cache {',
      "  private client: import('ioredis').Redis;",
      '  async init() {',
      "    const IORedis = await import('ioredis').then(m => m.default);",
      '    this.client = new IORedis.Redis({});',
      "    const Picked = await import('ioredis').then((m) => m.Cluster);",
      '    const g = new Picked([]);',
      "    await this.client.del('k'); await g.get('k');",
      '  }',
      '}',
      '',
    ].join('\n');
    expect(creations('src/make.js', text)).toEqual([
      '3:ioredis:client:a',
      '5:ioredis:client:b',
      '6:ioredis:cluster:c',
      '8:node-redis:client:d',
      '11:ioredis:client:',
      '12:ioredis:client:e',
      '14:node-redis:client:f',
      '19:ioredis:client:this.client',
      '21:ioredis:cluster:g',
    ]);
    expect(sites('src/make.js', text)).toEqual(['9:GET:client:proven', '9:GET:client:proven', '9:GET:cluster:proven', '9:GET:client:proven', '11:GET:client:proven', '12:GET:client:proven', '22:DEL:client:proven', '22:GET:cluster:proven']);
  });

  it('is the same creation a static import gives', () => {
    const staticText = "import Redis from 'ioredis';\nexport async function f() {\n  const r = new Redis({ lazyConnect: true });\n  await r.set('k', 'v');\n}\n";
    const dynamicText = "export async function f() {\n  const { default: Redis } = await import('ioredis');\n  const r = new Redis({ lazyConnect: true });\n  await r.set('k', 'v');\n}\n";
    const strip = (path: string, text: string) => model(path, text).creations.map(({ library, kind, factory, options, moduleLevel }) => ({ library, kind, factory, options: Object.keys(options), moduleLevel }));
    expect(strip('src/b.ts', dynamicText)).toEqual(strip('src/a.ts', staticText));
    expect(sites('src/b.ts', dynamicText).map((s) => s.slice(s.indexOf(':')))).toEqual(sites('src/a.ts', staticText).map((s) => s.slice(s.indexOf(':'))));
  });

  it('leaves project modules, mocks, other packages and type-only names alone', () => {
    const text = [
      'export async function f(url: string) {',
      "  const { default: Redis } = await import('./redis-config');",
      '  const a = new Redis(url);',
      "  const { default: Mock } = await import('ioredis-mock');",
      '  const b = new Mock();',
      "  const { default: Other } = await import('some-cache');",
      '  let typed: Other | undefined;',
      "  const { createClient } = await import('./redis-client');",
      '  const c = createClient();',
      "  const { default: R } = require('ioredis');",
      '  const notAwaited = import("ioredis");',
      '  const d = new notAwaited();',
      "  a.get('k'); b.get('k'); c.get('k'); d.get('k'); typed?.get('k');",
      '}',
      "later.then(({ default: Redis }) => new Redis().get('k'));",
      "const Picked = await import('ioredis').then((m) => m.default.options);",
      'new Picked();',
      "const Made = await import('ioredis').then((m, n) => n.default);",
      'new Made();',
      "import('ioredis').then(() => 1, ({ default: Redis }) => new Redis().get('k'));",
      '',
    ].join('\n');
    expect(creations('src/f.ts', text)).toEqual([]);
  });

  it('gives the editor review of an edited document the findings of a whole-file review', () => {
    const path = 'src/kv.ts';
    const language = languageForPath(path)!;
    let text = [
      "const { default: Redis } = await import('ioredis');",
      'export async function purge(url: string, keys: string[]) {',
      '  const kv = new Redis(url);',
      '  const pipeline = kv.pipeline();',
      '  for (const key of keys) pipeline.del(key);',
      "  await kv.keys('cache:*');",
      '  return pipeline.exec();',
      '}',
      'export async function later() {',
      "  const { createClient } = await import('redis');",
      "  return createClient().keys('x:*');",
      '}',
      '',
    ].join('\n');
    const observable = (result: ReviewResult) => JSON.stringify({ findings: result.findings, callSites: result.callSites, writeSites: result.writeSites });
    const position = (offset: number) => {
      const before = text.slice(0, offset);
      return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
    };
    let tree = parsers.parse(language, text);
    let review = reviewTree(tree, text, { path, language, keepForReuse: true });
    expect(review.callSites.filter((s) => s.receiver.confidence === 'proven').map((s) => s.command)).toEqual(['DEL', 'KEYS', 'KEYS']);
    // Each edit (offset of a text, characters replaced, replacement) changes what the first statement or a function binds.
    const edits: [string, number, string][] = [
      ["'ioredis'", 9, "'ioredis-mock'"],
      ["'ioredis-mock'", 14, "'ioredis'"],
      ['default: Redis', 14, 'default: Other'],
      ['default: Other', 14, 'default: Redis'],
      ["{ createClient } = await import('redis')", 40, "{ createClient } = await import('./kv')"],
      ["import('./kv')", 14, "import('redis')"],
      ["const { default: Redis } = await import('ioredis');\n", 52, ''],
      ['export async function purge', 0, "const Redis = (await import('ioredis')).default;\n"],
    ];
    for (const [anchor, length, insert] of edits) {
      const offset = text.indexOf(anchor);
      expect(offset, anchor).toBeGreaterThanOrEqual(0);
      const start = position(offset);
      const end = position(offset + length);
      tree.edit(treeEditForChange({ rangeOffset: offset, rangeLength: length, start, end, text: insert }));
      text = text.slice(0, offset) + insert + text.slice(offset + length);
      const next = parsers.parse(language, text, tree);
      tree.delete();
      tree = next;
      const incremental = reviewTree(tree, text, { path, language, previous: review });
      expect(observable(incremental), `after ${insert}`).toBe(observable(reviewTree(tree, text, { path, language })));
      review = incremental;
    }
    expect(review.callSites.filter((s) => s.receiver.confidence === 'proven').map((s) => s.command)).toEqual(['DEL', 'KEYS', 'KEYS']);
    tree.delete();
  });
});
