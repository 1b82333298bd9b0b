import { describe, expect, it } from 'vitest';
import { globMatches, isIdentifierSegment, splitKey } from '../../../../src/core/memory/keyNamePattern';

describe('key name patterns', () => {
  it('treats numbers, UUIDs, hex digests, emails and generated tokens as identifiers, and words as namespaces', () => {
    for (const id of ['42', '-7', '3.14', '0f8fad5b-d9cb-469f-a165-70867728950e', 'deadbeefcafe', 'u1@example.com', 'a1b2c3', 'QmFzZTY0U2Vzc2lvblRva2Vu']) {
      expect(isIdentifierSegment(id), id).toBe(true);
    }
    for (const word of ['user', 'profile', 'v2', 'cache', 'page', 'ratelimit', '']) expect(isIdentifierSegment(word), word).toBe(false);
  });

  it('splits on several delimiters, keeps the punctuation and folds identifiers', () => {
    expect(splitKey('user:42:profile', [':'])).toEqual({ prefix: ['user', '*'], delimiters: [':', ':'], leaf: 'profile' });
    expect(splitKey('api/v2/users.1234', ['/', '.'])).toEqual({ prefix: ['api', 'v2', 'users'], delimiters: ['/', '/', '.'], leaf: '*' });
    expect(splitKey('plain', [':'])).toEqual({ prefix: [], delimiters: [], leaf: 'plain' });
  });

  it('prefers the longest delimiter where two overlap', () => {
    expect(splitKey('a::b:c', [':', '::']).delimiters).toEqual(['::', ':']);
  });

  it('matches Redis-style globs, including delimiters inside *', () => {
    expect(globMatches('session:*', 'session:abc')).toBe(true);
    expect(globMatches('user:*:profile', 'user:1:profile')).toBe(true);
    expect(globMatches('user:*:profile', 'user:1:feed')).toBe(false);
    expect(globMatches('cache:?', 'cache:ab')).toBe(false);
    expect(globMatches('a.b(c)', 'a.b(c)')).toBe(true);
  });
});
