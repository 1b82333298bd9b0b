/** RedisJSON commands sent through redis-py's `json()` sub-object and node-redis' `json` namespace. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { languageForPath } from '../../../../src/core/parsing/languages';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function review(path: string, text: string): { sites: string[]; findings: string[] } {
  const result = reviewSource(parsers, text, { path, language: languageForPath(path)! });
  return {
    sites: result.callSites.map((s) => `${s.span.start.line + 1} ${s.command} ${s.receiver.text} ${s.receiver.confidence}`),
    findings: result.findings.map((f) => `${f.span.start.line + 1} ${f.ruleId}`),
  };
}

describe('RedisJSON commands through a client\'s JSON namespace', () => {
  it('reads redis-py json() calls on a traced client and on a pipeline as JSON commands', () => {
    const text = [
      'import redis',
      '',
      'r = redis.Redis()',
      '',
      'def save_all(products):',
      '    for product in products:',
      '        r.json().set(f"product:{product.id}", "$", product.dict())',
      '',
      'def remember(key, doc):',
      '    r.json().set(key, "$", doc)',
      '    r.expire(key, 60)',
      '',
      'def cache_user(uid, user):',
      '    r.json().set(f"cache:user:{uid}", "$", user)',
      '',
      'def cache_user_for_a_minute(uid, user):',
      '    pipe = r.pipeline()',
      '    pipe.json().set(f"cache:user:{uid}", "$", user)',
      '    pipe.expire(f"cache:user:{uid}", 60)',
      '    pipe.execute()',
      '',
      'def both(a, b):',
      '    return r.json().mget([a, b], "$.name"), r.json().arrappend(a, "$.tags", "x"), r.json().delete(b)',
      '',
    ].join('\n');
    const { sites, findings } = review('app/products.py', text);
    expect(sites).toEqual([
      '7 JSON.SET r proven',
      '10 JSON.SET r proven',
      '11 EXPIRE r proven',
      '14 JSON.SET r proven',
      '18 JSON.SET pipe proven',
      '19 EXPIRE pipe proven',
      '23 JSON.MGET r proven',
      '23 JSON.ARRAPPEND r proven',
      '23 JSON.DEL r proven',
    ]);
    expect(findings).toEqual(['7 command-in-loop', '10 set-then-expire', '14 cache-write-without-ttl']);
  });

  it('reads node-redis json.* calls on a created client and judges an untraced owner by its name', () => {
    const text = [
      "import { createClient } from 'redis';",
      'const client = createClient();',
      "client.on('error', () => {});",
      'export async function saveAll(items) {',
      '  for (const item of items) {',
      "    await client.json.set('item:' + item.id, '$', item);",
      '  }',
      '}',
      'export async function remember(key, value) {',
      "  await client.json.set(key, '$', value);",
      '  await client.expire(key, 60);',
      '}',
      'export class Counters {',
      '  constructor(redisClient) { this.redis = redisClient; }',
      '  async bump(names) {',
      "    for (const name of names) await this.redis.json.numIncrBy('stats', '$.' + name, 1);",
      '  }',
      '}',
      '',
    ].join('\n');
    const { sites, findings } = review('src/items.ts', text);
    expect(sites).toEqual(['6 JSON.SET client proven', '10 JSON.SET client proven', '11 EXPIRE client proven', '16 JSON.NUMINCRBY this.redis likely']);
    expect(findings).toEqual(['6 command-in-loop', '10 set-then-expire', '16 command-in-loop']);
  });

  it('leaves HTTP responses, parsed JSON, dicts and non-Redis json attributes alone', () => {
    const text = [
      'import json',
      'import redis',
      'import requests',
      'import httpx',
      '',
      'r = redis.Redis()',
      'http = httpx.Client()',
      '',
      'def fetch_all(urls, session):',
      '    out = []',
      '    for url in urls:',
      '        response = requests.get(url)',
      '        out.append(response.json().get("x"))',
      '        out.append(session.get(url).json().get("y"))',
      '        out.append(http.get(url).json().get("z"))',
      '        out.append(requests.get(url).json().set("w", "$", 1))',
      '    return out',
      '',
      'def settings(data, keys):',
      '    for k in keys:',
      '        data.json().get(k)',
      '        json.loads(k).get("a")',
      '        data.json(k).get("b")',
      '    return r.get("x")',
      '',
    ].join('\n');
    expect(review('app/fetch.py', text)).toEqual({ sites: ['24 GET r proven'], findings: [] });
    const script = [
      "import { createClient } from 'redis';",
      'const client = createClient();',
      "client.on('error', () => {});",
      'export async function load(urls) {',
      '  for (const url of urls) {',
      '    const res = await fetch(url);',
      '    const body = await res.json();',
      "    body.json.get('x');",
      "    JSON.parse(body.get('x'));",
      "    const payload = { json: new Map() };",
      "    payload.json.set('cache:a', 1);",
      '  }',
      "  return client.get('k');",
      '}',
      '',
    ].join('\n');
    expect(review('src/load.ts', script)).toEqual({ sites: ['13 GET client proven'], findings: [] });
  });
});
