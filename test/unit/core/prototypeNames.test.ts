/**
 * Names that are properties of Object.prototype (`constructor`, `toString`, `__proto__`) coming from user input —
 * a method name in source, a file extension, a size unit — are not table entries. A minified bundle calling
 * `x.constructor(...)` crashed admin-command-in-app when the command table answered with Object's constructor.
 */
import { describe, expect, it } from 'vitest';
import { commandForMethod } from '../../../src/core/analysis/commandNames';
import { parseMemorySize } from '../../../src/core/conf/generator/memorySize';
import { parseMemory } from '../../../src/core/conf/values';
import { languageForPath } from '../../../src/core/parsing/languages';
import { sharedParsers } from '../../../src/core/parsing/parsers';
import { reviewSource } from '../../../src/core/review';
import { diskGrammarSource } from '../../../src/node/grammarFiles';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];

describe('names of Object.prototype properties', () => {
  it('are no Redis command', () => {
    for (const name of PROTOTYPE_NAMES) expect(commandForMethod(name)).toBeUndefined();
    expect(commandForMethod('delete')).toBe('DEL');
  });

  it('are no language or size unit', () => {
    for (const name of PROTOTYPE_NAMES) {
      expect(languageForPath(`file.${name}`)).toBeUndefined();
      expect(parseMemory(`1${name}`)).toBeUndefined();
      expect(parseMemorySize(`1${name}`).ok).toBe(false);
    }
    expect(languageForPath('file.py')).toBe('python');
    expect(parseMemory('1kb')).toBe(1024);
  });

  it('do not crash the review of code that calls them on a Redis client', async () => {
    const parsers = await sharedParsers(diskGrammarSource);
    const source = `const Redis = require('ioredis');\nconst redis = new Redis();\nredis.on('error', () => {});\n${PROTOTYPE_NAMES.map((name) => `redis.${name}('x');`).join('\n')}\nredis.keys('*');\n`;
    const result = reviewSource(parsers, source, { path: 'app.js', language: 'javascript' });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['keys-command']);
  });
});
