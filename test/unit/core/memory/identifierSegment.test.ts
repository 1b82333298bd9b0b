import { describe, expect, it } from 'vitest';
import { isIdentifierSegment } from '../../../../src/core/memory/keyNamePattern';

describe('isIdentifierSegment', () => {
  it('folds numbers, UUIDs (with or without digits), hex hashes, emails and generated tokens', () => {
    for (const segment of ['42', '-1', '1.5', '550e8400-e29b-41d4-a716-446655440000', 'abcdefab-abcd-abcd-abcd-abcdefabcdef', 'abcdefababcdabcdabcdabcdefabcdef',
      'deadbeef', 'DEADBEEF', 'a@b', 'sess_9f8e', 'a1b2c3', 'QUJDREVGR0hJSktMTU5PUFFSU1RVVg', 'abcdefghijklmnopqrst']) {
      expect(isIdentifierSegment(segment), segment).toBe(true);
    }
  });

  it('keeps words, short versions and short hex-looking words as names', () => {
    for (const segment of ['', 'user', 'v2', 'abcdefa', 'facade', '1.', '.5', '--1', 'abcdefghijklmnopqrs', 'profile', 'a b c d e f g h i j k l']) {
      expect(isIdentifierSegment(segment), segment).toBe(false);
    }
  });
});
