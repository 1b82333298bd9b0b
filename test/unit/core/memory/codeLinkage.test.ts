import { describe, expect, it } from 'vitest';
import { describeLink, linkNamespacesToCode, type WriteSiteInput } from '../../../../src/core/memory/codeLinkage';
import { MemoryCollector } from '../../../../src/core/memory/memoryCollector';
import { formatBytes } from '../../../../src/core/memory/recommendations/evidence';
import type { KeyRecord } from '../../../../src/core/memory/types';

function namespaces(keys: string[]) {
  const collector = new MemoryCollector();
  keys.forEach((k, i) => collector.add({ key: k, type: 'hash', encoding: 'listpack', ttlMs: -1, memoryBytes: 100 + i, length: 3 } as KeyRecord, 'n'));
  return collector.build().namespaces;
}

function site(file: string, line: number, keyPattern: string, command = 'HSET', setsTtl = false): WriteSiteInput {
  return { file, keyPattern, command, setsTtl, span: { start: { line: line - 1, column: 4 } } };
}

describe('code linkage', () => {
  const tree = namespaces(['session:aaaa1111', 'session:bbbb2222', 'user:1:profile', 'user:2:profile', 'user:1:feed']);

  it('links a write site to the outermost namespace whose keys it covers', () => {
    const links = linkNamespacesToCode(tree, [site('app/sessions.py', 42, 'session:*'), site('app/users.ts', 7, 'user:*:profile', 'HSET', true)]);
    expect(links.map((l) => [l.pattern, l.keys, l.sites.map((s) => `${s.file}:${s.line}:${s.column}`)])).toEqual([
      ['user:*:profile', 2, ['app/users.ts:7:5']],
      ['session:*', 2, ['app/sessions.py:42:5']],
    ]);
  });

  it('ignores patterns without literal text and patterns that match no key', () => {
    expect(linkNamespacesToCode(tree, [site('a.py', 1, '*'), site('b.py', 2, 'orders:*')])).toEqual([]);
  });

  it('links a namespace to every site that writes it', () => {
    const links = linkNamespacesToCode(tree, [site('b.py', 9, 'session:*', 'EXPIRE', true), site('a.py', 3, 'session:*')]);
    expect(links[0].sites.map((s) => s.file)).toEqual(['a.py', 'b.py']);
  });

  it('does not let the biggest keys speak for their sibling namespaces', () => {
    // The feeds are the biggest user keys, so every example key of user:* is a feed; profiles still exist.
    const skewed = namespaces(['user:1:profile', 'user:2:profile', ...Array.from({ length: 6 }, (_, i) => `user:${i}:feed`)]);
    const links = linkNamespacesToCode(skewed, [site('f.ts', 1, 'user:*:feed', 'RPUSH')]);
    expect(links.map((l) => [l.pattern, l.keys])).toEqual([['user:*:feed', 6]]);
  });

  it('describes a link the way the issue quotes it', () => {
    const [link] = linkNamespacesToCode(tree, [site('app/sessions.py', 42, 'session:*')]);
    expect(describeLink(link, formatBytes)).toBe('session:* — 2 keys, 201 B, 0 % with TTL — written at app/sessions.py:42 (HSET) without expiry');
  });
});
