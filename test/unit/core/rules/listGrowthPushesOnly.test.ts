/** unbounded-list-growth reads the file's keys only when it pushes; files that push are judged as before. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function growthLines(text: string): number[] {
  const sources = [{ path: 'app/feed.py', text }];
  return reviewSource(parsers, text, { path: 'app/feed.py', language: 'python', workspace: buildWorkspaceIndex(parsers, sources) })
    .findings.filter((f) => f.ruleId === 'unbounded-list-growth')
    .map((f) => f.span.start.line + 1);
}

const CLIENT = 'import redis\n\nr = redis.Redis()\n';

describe('unbounded-list-growth and files with and without pushes', () => {
  it('reports a push to a list the file reads whole and never trims', () => {
    expect(growthLines(`${CLIENT}\n\ndef add(uid, item):\n    r.lpush(f"feed:{uid}", item)\n\n\ndef show(uid):\n    return r.lrange(f"feed:{uid}", 0, -1)\n`)).toEqual([7]);
  });

  it('reports nothing in a file that only reads and trims lists', () => {
    expect(growthLines(`${CLIENT}\n\ndef show(uid):\n    r.ltrim(f"feed:{uid}", 0, 99)\n    return r.lrange(f"feed:{uid}", 0, -1)\n`)).toEqual([]);
  });

  it('reports nothing for a push queued in a transaction, with or without other pushes around it', () => {
    const queued = `${CLIENT}\n\ndef add(uid, item):\n    pipe = r.pipeline()\n    pipe.multi()\n    pipe.lpush(f"feed:{uid}", item)\n    pipe.execute()\n\n\ndef show(uid):\n    return r.lrange(f"feed:{uid}", 0, -1)\n`;
    expect(growthLines(queued)).toEqual([]);
  });
});
