/** Django's cache.set(key, value, timeout=None) on django-redis writes a Redis key that never expires. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CONNECTION = { path: 'common/connection.py', text: 'from django_redis import get_redis_connection\n\n\ndef client():\n    return get_redis_connection("default")\n' };

function ttlFindings(text: string, project = [CONNECTION]) {
  const file = { path: 'hosts/prefer.py', text };
  const workspace = buildWorkspaceIndex(parsers, [...project, file]);
  return reviewSource(parsers, text, { path: file.path, language: 'python', workspace }).findings.filter((f) => f.ruleId === 'cache-write-without-ttl');
}

describe('cache-write-without-ttl on the Django cache API', () => {
  it('reports cache.set with timeout=None or a None third argument, whatever the key is called', () => {
    const text = 'from django.core.cache import cache\n\n\ndef remember(user_id, host_id):\n    cache.set(f"host_prefer_{user_id}", host_id, timeout=None)\n\n\ndef remember_account(user_id, account_id):\n    cache.set(f"account_{user_id}", account_id, None)\n';
    const findings = ttlFindings(text);
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([5, 9]);
    expect(findings[0].message).toContain('timeout=3600');
    expect(findings[0].fixes).toBeUndefined();
  });

  it('leaves cache.set with a timeout, or the default timeout, alone', () => {
    const text = 'from django.core.cache import cache\n\n\ndef remember(user_id, host_id):\n    cache.set(f"host_prefer_{user_id}", host_id, timeout=600)\n    cache.set(f"seen_{user_id}", True)\n';
    expect(ttlFindings(text)).toEqual([]);
  });

  it('does not report in a project that does not use Redis', () => {
    const text = 'from django.core.cache import cache\n\n\ndef remember(user_id, host_id):\n    cache.set(f"host_prefer_{user_id}", host_id, timeout=None)\n';
    expect(ttlFindings(text, [])).toEqual([]);
  });
});
