/**
 * Robustness: random text, mutated real fixtures, deep nesting, minified one-line bundles and broken syntax
 * must never throw, and the per-file time budget must stop the walk on huge inputs.
 * (No wall-clock assertions: the vitest timeout is the hang detector.)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../src/core/parsing/parsers';
import { languageForPath, type SourceLanguage } from '../../../src/core/parsing/languages';
import { reviewSource } from '../../../src/core/review';
import { loadParsers } from './rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

/** Deterministic PRNG so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const corpus = files(join(__dirname, '..', '..', 'fixtures', 'rules')).filter((f) => languageForPath(f));

function mutate(text: string, next: () => number): string {
  let out = text;
  const operations = 1 + Math.floor(next() * 6);
  const noise = ['(', ')', '{', '}', '"', "'", '`', '${', 'f"{', ':', '\n', '    ', 'await ', '.keys(', 'redis.', '#', '//', '\\', '\u0000', '😀'];
  for (let i = 0; i < operations; i++) {
    const at = Math.floor(next() * out.length);
    const choice = next();
    if (choice < 0.33) out = out.slice(0, at) + out.slice(at + Math.floor(next() * 40));
    else if (choice < 0.66) out = out.slice(0, at) + noise[Math.floor(next() * noise.length)] + out.slice(at);
    else {
      const from = Math.floor(next() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(next() * 200)) + out.slice(at);
    }
  }
  return out;
}

function review(language: SourceLanguage, text: string, path = language === 'python' ? 'app/fuzz.py' : 'src/fuzz.ts') {
  const result = reviewSource(parsers, text, { path, language, timeBudgetMs: 1500 });
  expect(result.ruleErrors).toEqual([]);
  for (const finding of result.findings) {
    expect(finding.span.startOffset).toBeGreaterThanOrEqual(0);
    expect(finding.span.endOffset).toBeLessThanOrEqual(text.length);
    for (const fix of finding.fixes ?? []) for (const edit of fix.edits) expect(edit.endOffset).toBeLessThanOrEqual(text.length);
  }
  return result;
}

describe('fuzz', { timeout: 120_000 }, () => {
  it('survives mutated fixtures', () => {
    const next = random(42);
    for (let round = 0; round < 150; round++) {
      const file = corpus[Math.floor(next() * corpus.length)];
      const language = languageForPath(file)!;
      review(language, mutate(readFileSync(file, 'utf8'), next));
    }
  });

  it('survives random text in every language', () => {
    const next = random(7);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz_.:()[]{}"\'`$#/\\ \n\t=+-*,;<>!?@%&|~^0123456789redisRedis';
    for (let round = 0; round < 40; round++) {
      const length = Math.floor(next() * 1500);
      let text = '';
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)];
      // The prelude makes the analyzer look at the file (texts that never mention Redis are not parsed).
      for (const language of ['python', 'typescript', 'tsx', 'javascript'] as SourceLanguage[]) review(language, (language === 'python' ? 'import redis\n' : "import Redis from 'ioredis';\n") + text);
    }
  });

  it('survives deep nesting and long member chains', () => {
    review('python', 'import redis\nr = redis.Redis()\nx = ' + '('.repeat(3000) + 'r.keys("a")' + ')'.repeat(3000) + '\n');
    review('typescript', "import Redis from 'ioredis';\nconst r = new Redis();\nconst x = " + '['.repeat(3000) + "r.keys('a')" + ']'.repeat(3000) + ';\n');
    review('javascript', 'const a = b' + '.c'.repeat(20000) + '.keys("x");\n');
    review('python', 'def f():\n' + Array.from({ length: 400 }, (_, i) => ' '.repeat(i + 1) + 'if x:\n').join('') + ' '.repeat(402) + 'pass\n');
  });

  it('survives a minified one-line bundle and stops at the time budget on huge inputs', () => {
    const unit = "var a=require('ioredis'),b=new a;b.on('error',function(){});function c(d){return b.get('k:'+d).then(function(e){return b.keys('x:*')})}";
    const bundle = unit.repeat(600);
    const result = review('javascript', bundle, 'dist-like/bundle.min.js');
    expect(result.findings.some((f) => f.ruleId === 'keys-command')).toBe(true);
    const capped = reviewSource(parsers, bundle, { path: 'x.js', language: 'javascript', timeBudgetMs: 0 });
    expect(capped.truncated).toBe(true);
  });
});
