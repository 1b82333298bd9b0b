/** Django's cache API: `cache.keys()` exists only with the django-redis backend, where it runs KEYS. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CONNECTION = { path: 'common/connection.py', text: 'from django_redis import get_redis_connection\n\n\ndef client():\n    return get_redis_connection("default")\n' };

function keysFindings(text: string, project = [CONNECTION]) {
  const file = { path: 'users/blocking.py', text };
  const workspace = buildWorkspaceIndex(parsers, [...project, file]);
  return reviewSource(parsers, text, { path: file.path, language: 'python', workspace }).findings.filter((f) => f.ruleId === 'keys-command');
}

describe('keys-command on the Django cache API', () => {
  it('reports cache.keys() in a project that uses Redis, with a fix to iter_keys()', () => {
    const text = 'from django.core.cache import cache\n\n\ndef blocked_ips(prefix):\n    keys = cache.keys(f"{prefix}*")\n    return [k[len(prefix):] for k in keys]\n';
    const findings = keysFindings(text);
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([5]);
    expect(findings[0].confidence).toBe('likely');
    expect(findings[0].message).toContain('iter_keys(');
    const edit = findings[0].fixes?.[0]?.edits[0];
    expect(edit?.newText).toBe('list(cache.iter_keys(f"{prefix}*"))');
  });

  it('reports keys() on a cache picked from caches[...]', () => {
    const text = 'from django.core.cache import caches\n\n\ndef session_keys():\n    return caches["sessions"].keys("*")\n';
    expect(keysFindings(text).map((f) => f.span.start.line + 1)).toEqual([5]);
  });

  it('reports keys() on a local holding caches[alias], and not on a local reassigned to something else', () => {
    const picked = 'from django.core.cache import caches, DEFAULT_CACHE_ALIAS\n\n\ndef forget(prefix, alias=None):\n    store = caches[alias or DEFAULT_CACHE_ALIAS]\n    store.delete_many(store.keys(prefix + ".*"))\n';
    expect(keysFindings(picked).map((f) => f.span.start.line + 1)).toEqual([6]);
    const rebound = 'from django.core.cache import caches\n\n\ndef forget(prefix, table):\n    store = caches["default"]\n    store = table\n    return store.keys(prefix)\n';
    expect(keysFindings(rebound)).toEqual([]);
  });

  it('leaves iter_keys() and delete_pattern() alone (they SCAN)', () => {
    const text = 'from django.core.cache import cache\n\n\ndef clear(prefix):\n    cache.delete_pattern(f"{prefix}*")\n    return list(cache.iter_keys(f"{prefix}*"))\n';
    expect(keysFindings(text)).toEqual([]);
  });

  it('does not report a keys() of another object, nor in a project without Redis', () => {
    const other = 'from django.core.cache import cache\n\n\ndef names(table):\n    cache.get("x")\n    return table.keys()\n';
    expect(keysFindings(other)).toEqual([]);
    const withoutRedis = 'from django.core.cache import cache\n\n\ndef blocked():\n    return cache.keys("block_*")\n';
    expect(keysFindings(withoutRedis, [])).toEqual([]);
  });

  it('judges module-level keys() calls by the assignments of the whole module, once per module', () => {
    const picked = 'from django.core.cache import caches\n\nstore = caches["default"]\nstale = store.keys(PREFIX)\nold = store.keys(OLD)\n';
    expect(keysFindings(picked).map((f) => f.span.start.line + 1)).toEqual([4, 5]);
    // A second assignment anywhere in the module (here in a function) makes the name ambiguous, for every call.
    const rebound = `${picked}\n\ndef reset(table):\n    store = table\n    return store\n`;
    expect(keysFindings(rebound)).toEqual([]);
  });

  it('does not look for Django caches in a file that never imports django.core.cache', () => {
    const text = 'from app.stores import caches\n\nstore = caches["default"]\nstale = store.keys(PREFIX)\n';
    expect(keysFindings(text)).toEqual([]);
  });
});
