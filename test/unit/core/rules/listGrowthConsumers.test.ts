/** unbounded-list-growth across a project: lists read somewhere are the project's own; lists read nowhere are hand-offs. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function growthLines(sources: { path: string; text: string }[], index: number): number[] {
  const workspace = buildWorkspaceIndex(parsers, sources);
  const file = sources[index];
  return reviewSource(parsers, file.text, { path: file.path, language: 'python', workspace })
    .findings.filter((f) => f.ruleId === 'unbounded-list-growth')
    .map((f) => f.span.start.line + 1);
}

const CLIENT = 'import redis\n\nr = redis.Redis()\n';

describe('unbounded-list-growth and who reads the list', () => {
  it('reports a push to a list held in a module constant that another module reads whole and nothing trims', () => {
    const sources = [
      { path: 'app/notes.py', text: `${CLIENT}NOTES = "notes"\n\n\ndef add(note):\n    r.rpush(NOTES, note)\n` },
      { path: 'app/views.py', text: `${CLIENT}\n\ndef show():\n    return r.lrange("notes", 0, 49)\n` },
    ];
    expect(growthLines(sources, 0)).toEqual([8]);
  });

  it('does not report a push that no code of the project reads: another program consumes the list', () => {
    const sources = [
      { path: 'app/submit.py', text: `${CLIENT}\n\ndef submit(payload):\n    r.lpush("submissions", payload)\n` },
      { path: 'app/views.py', text: `${CLIENT}\n\ndef count():\n    return r.get("submitted")\n` },
    ];
    expect(growthLines(sources, 0)).toEqual([]);
  });
});
