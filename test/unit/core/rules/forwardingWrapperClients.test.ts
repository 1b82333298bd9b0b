/** Python wrapper objects that forward what they lack to a client (`__getattr__` returning `getattr(self.conn, name)`). */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

interface Source {
  path: string;
  text: string;
}

function findings(sources: Source[], path: string) {
  const workspace = buildWorkspaceIndex(parsers, sources);
  const file = sources.find((s) => s.path === path)!;
  return reviewSource(parsers, file.text, { path, language: 'python', workspace }).findings.map((f) => `${f.ruleId}@${f.span.start.line + 1}`);
}

const STORE = {
  path: 'shop/store.py',
  text: [
    'import json',
    '',
    'from redis import StrictRedis',
    '',
    '',
    'class Store:',
    '    def __init__(self):',
    '        self.conn = None',
    '',
    '    def init_app(self, url):',
    '        self.conn = StrictRedis.from_url(url)',
    '',
    '    def get(self, key):',
    '        data = self.conn.get(key)',
    '        return json.loads(data) if data else None',
    '',
    '    def set(self, key, value, ttl=600):',
    '        return self.conn.setex(key, ttl, json.dumps(value))',
    '',
    '    def __getattr__(self, name):',
    '        """Everything else is the client\'s."""',
    '        return getattr(self.conn, name)',
    '',
    '',
    'store = Store()',
    '',
  ].join('\n'),
};

describe('wrapper objects forwarding to a client', () => {
  it('reports commands the wrapper forwards, in a module that imports the instance', () => {
    const limits = {
      path: 'shop/limits.py',
      text: [
        'from shop.store import store',
        '',
        '',
        'def hit(user_id, seconds):',
        '    key = f"rl:{user_id}"',
        '    count = store.incr(key)',
        '    if count == 1:',
        '        store.expire(key, seconds)',
        '    return count',
        '',
        '',
        'def forget(order_ids):',
        '    for order_id in order_ids:',
        '        store.delete(f"order:{order_id}")',
        '',
      ].join('\n'),
    };
    const found = findings([STORE, limits], limits.path);
    expect(found).toContain('set-then-expire@6');
    expect(found).toContain('command-in-loop@14');
  });

  it('does not read the methods the wrapper defines itself as the commands of the same name', () => {
    const views = {
      path: 'shop/views.py',
      text: [
        'from shop.store import store',
        '',
        '',
        'def product(pid, load):',
        '    cache_key = f"cache:product:{pid}"',
        '    cached = store.get(cache_key)',
        '    if cached is None:',
        '        cached = load(pid)',
        '        store.set(cache_key, cached)',
        '    return cached',
        '',
      ].join('\n'),
    };
    expect(findings([STORE, views], views.path).filter((f) => f.startsWith('cache-write-without-ttl'))).toEqual([]);
  });

  it('reports forwarded commands on an instance made in the same module', () => {
    const text = `${STORE.text}\n\ndef bump(name):\n    store.incr(name)\n    store.expire(name, 60)\n`;
    expect(findings([{ path: STORE.path, text }], STORE.path)).toContain('set-then-expire@29');
  });

  it('does not take an object whose __getattr__ reads something else for a client', () => {
    const counters = {
      path: 'shop/counters.py',
      text: [
        'from redis import StrictRedis',
        '',
        '',
        'class Counters:',
        '    def __init__(self, url):',
        '        self.conn = StrictRedis.from_url(url)',
        '        self.values = {}',
        '',
        '    def __getattr__(self, name):',
        '        return self.values[name]',
        '',
        '',
        'counters = Counters("redis://localhost")',
        '',
      ].join('\n'),
    };
    const jobs = { path: 'shop/jobs.py', text: 'from shop.counters import counters\n\n\ndef bump(name):\n    counters.incr(name)\n    counters.expire(name, 60)\n' };
    expect(findings([counters, jobs], jobs.path)).toEqual([]);
  });
});
