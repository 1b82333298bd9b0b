import { describe, expect, it } from 'vitest';
import { balancedFrom, parenthesised, topLevelParts } from '../../../../src/core/analysis/bracketText';

describe('bracketText', () => {
  it('splits at top-level commas only, skipping brackets and quoted commas', () => {
    expect(topLevelParts(`'a,b', f(x, y), [1, 2], {k: 1, j: 2}`)).toEqual([`'a,b'`, 'f(x, y)', '[1, 2]', '{k: 1, j: 2}']);
  });

  it('gives no part for a trailing comma and none for empty text', () => {
    expect(topLevelParts(`"a", "b",`)).toEqual(['"a"', '"b"']);
    expect(topLevelParts('')).toEqual([]);
  });

  it('reads the inside of parentheses, ignoring ones in strings, and nothing when they never close', () => {
    const text = `call(a, ")", (b))`;
    expect(parenthesised(text, text.indexOf('('))).toBe(`a, ")", (b)`);
    expect(parenthesised('call(a, b', 4)).toBeUndefined();
  });

  it('balances mixed bracket kinds and returns them with the brackets', () => {
    const text = `X = {'a': [1, ']'], 'b': (2,)} # tail`;
    expect(balancedFrom(text, text.indexOf('{'))).toBe(`{'a': [1, ']'], 'b': (2,)}`);
    expect(balancedFrom('[1, 2', 0)).toBeUndefined();
  });
});
