/**
 * A list whose every push is undone by the pushing function (a job registers its id, then LREMs it when it ends)
 * holds the calls running at once: neither its LREM (expensive-linear-list-ops) nor its DEL (del-large-key) is
 * reported. A list also appended to without that removal stays reported.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function lines(text: string, rule: string, path = 'app/jobs.py'): number[] {
  return reviewSource(parsers, text, { path, language: path.endsWith('.py') ? 'python' : 'typescript' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.span.start.line + 1);
}

const HEADER = 'import redis\n\nr = redis.Redis()\n\n\n';

describe('lists of work in progress', () => {
  it('does not report LREM or DEL of a list each job pushes its own id to and removes it from', () => {
    const text =
      HEADER +
      'def resize(job_id, image):\n    r.rpush("running", job_id)\n    shrink(image)\n    r.lrem("running", 0, job_id)\n\n\n' +
      'def export(job_id, rows):\n    r.lpush("running", job_id)\n    try:\n        write(rows)\n    finally:\n        r.lrem("running", 1, job_id)\n\n\n' +
      'def reset():\n    r.delete("running")\n';
    expect(lines(text, 'expensive-linear-list-ops')).toEqual([]);
    expect(lines(text, 'del-large-key')).toEqual([]);
  });

  it('does the same in TypeScript', () => {
    const text =
      "import Redis from 'ioredis';\nconst redis = new Redis();\nredis.on('error', console.error);\n\n" +
      "export async function render(id: string) {\n  await redis.rpush('rendering', id);\n  await draw(id);\n  await redis.lrem('rendering', 0, id);\n}\n\n" +
      "export async function clear() {\n  await redis.del('rendering');\n}\n";
    expect(lines(text, 'expensive-linear-list-ops', 'src/jobs.ts')).toEqual([]);
    expect(lines(text, 'del-large-key', 'src/jobs.ts')).toEqual([]);
  });

  it('still reports a list that another function appends to without removing (a log of finished jobs)', () => {
    const text =
      HEADER +
      'def resize(job_id, image):\n    r.rpush("jobs_seen", job_id)\n    shrink(image)\n    r.lrem("jobs_seen", 0, job_id)\n\n\n' +
      'def record(job_id):\n    r.rpush("jobs_seen", job_id)\n\n\n' +
      'def reset():\n    r.delete("jobs_seen")\n';
    expect(lines(text, 'expensive-linear-list-ops')).toEqual([9]);
    expect(lines(text, 'del-large-key')).toEqual([17]);
  });

  it('still reports LREM of another value than the one pushed, and a removal before the push', () => {
    const text =
      HEADER +
      'def swap(old_id, new_id):\n    r.rpush("sessions", new_id)\n    r.lrem("sessions", 0, old_id)\n\n\n' +
      'def rejoin(user_id):\n    r.lrem("members", 0, user_id)\n    r.rpush("members", user_id)\n';
    expect(lines(text, 'expensive-linear-list-ops')).toEqual([8, 12]);
  });
});
