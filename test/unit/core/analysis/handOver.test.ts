import { describe, expect, it } from 'vitest';
import { occursAsValue } from '../../../../src/core/analysis/handOver';

/** The hand-over patterns noteEscapes builds per client (callSites.ts); occursAsValue must say true whenever one matches. */
function handOverPattern(name: string): RegExp {
  const escaped = name.replace(/[$]/g, '\\$');
  return new RegExp(`(?:[(,]\\s*${escaped}\\s*[,)]|\\{\\s*${escaped}\\s*[,}]|,\\s*${escaped}\\s*\\}|:\\s*${escaped}\\s*[,}]|return\\s+${escaped}\\b(?!\\s*[.(\\[?])|export\\s+default\\s+${escaped}\\b|exports(?:\\.\\w+)?\\s*=\\s*${escaped}\\b)`);
}

describe('occursAsValue (the pre-check before the hand-over regex)', () => {
  it('finds every kind of hand-over', () => {
    for (const text of ['f(redis)', 'f(a, redis )', '{ redis }', '{ a, redis}', '{ c: redis }', 'return redis;', 'return redis', 'export default redis', 'module.exports = redis', 'exports.client =\n redis']) {
      expect(handOverPattern('redis').test(text), text).toBe(true);
      expect(occursAsValue(text, 'redis'), text).toBe(true);
    }
  });

  it('says false for plain uses of the client', () => {
    for (const text of ['const redis = new Redis();\nredis.on("error", f);\nreturn redis.get(k);\nawait redis.set(k, v);', 'return redis?.get(k)', 'const x = redis.get(k)']) {
      expect(occursAsValue(text, 'redis'), text).toBe(false);
    }
  });

  it('is never false where the regex matches (random texts)', () => {
    const pieces = ['redis', 'redis1', '$r', ' ', '\n', '\t', ',', '(', ')', '{', '}', ':', '.', '=', '?', '[', 'return', 'export', 'default', 'exports', 'module.', 'x', ';', 'get('];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let matched = 0;
    for (let round = 0; round < 40000; round++) {
      let text = '';
      const length = 1 + Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      for (const name of ['redis', '$r']) {
        if (!handOverPattern(name).test(text)) continue;
        matched++;
        expect(occursAsValue(text, name), JSON.stringify(text)).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(400);
  });
});
