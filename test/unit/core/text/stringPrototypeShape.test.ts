/** keepStringPrototypeFast undoes what a class extending String does to String.prototype (checked in V8 itself). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { keepStringPrototypeFast } from '../../../../src/core/text/stringPrototypeShape';

/** Runs `body` in a fresh node with V8's natives syntax; prints whether String.prototype has fast properties at each %CHECK. */
function inV8(body: string): string[] {
  const script = `const keepStringPrototypeFast = ${keepStringPrototypeFast.toString()};\n${body.replaceAll('%CHECK', 'console.log(%HasFastProperties(String.prototype))')}`;
  const child = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return child.stdout.trim().split('\n');
}

describe('keepStringPrototypeFast', () => {
  it('makes String.prototype fast again after a class extended String, as ioredis does at load', () => {
    expect(inV8('%CHECK; class Verbatim extends String {} %CHECK; keepStringPrototypeFast(); %CHECK; keepStringPrototypeFast(); %CHECK;'))
      .toEqual(['true', 'false', 'true', 'true']);
  });

  it('changes nothing a program can see', () => {
    const before = Object.getOwnPropertyNames(String.prototype).sort();
    keepStringPrototypeFast();
    expect(Object.getOwnPropertyNames(String.prototype).sort()).toEqual(before);
    expect('abc'.charCodeAt(1)).toBe(98);
  });
});
