/** lock-release-without-ownership in Python scripts that rebind the key's name before each block. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function releaseLines(text: string): number[] {
  return reviewSource(parsers, text, { path: 'jobs/nightly.py', language: 'python' })
    .findings.filter((f) => f.ruleId === 'lock-release-without-ownership')
    .map((f) => f.span.start.line + 1);
}

const block = (name: string, deleted: string) =>
  `${name} = "nightly"\nif r.set(${name}, 1, ex=600, nx=True):\n    try:\n        rebuild()\n    finally:\n        r.delete("${deleted}")\n`;

describe('a module-level name rebound to the key before each SET NX block', () => {
  it('reports each DEL of the literal the name holds at its SET NX', () => {
    const text = `import redis\n\nr = redis.Redis()\n\n${block('guard', 'nightly')}\n${block('guard', 'nightly')}`;
    expect(releaseLines(text)).toEqual([10, 17]);
  });

  it('leaves a DEL of another key, and a name last bound inside a block, alone', () => {
    const other = `import redis\n\nr = redis.Redis()\n\n${block('guard', 'weekly')}\n${block('guard', 'weekly')}`;
    expect(releaseLines(other)).toEqual([]);
    const branched = 'import redis\n\nr = redis.Redis()\nguard = "nightly"\nguard = "x"\nif full:\n    guard = pick()\nif r.set(guard, 1, ex=600, nx=True):\n    try:\n        rebuild()\n    finally:\n        r.delete("nightly")\n';
    expect(releaseLines(branched)).toEqual([]);
  });
});
