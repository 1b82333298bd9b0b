/** Celery's Redis result backend hands out its redis-py client as `backend.client`: commands run on it are Redis's. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(text: string): string[] {
  return reviewSource(parsers, text, { path: 'tasks/once.py', language: 'python' }).findings.map((f) => `${f.span.start.line + 1} ${f.ruleId}`);
}

const TASK_BASE = [
  'from celery import Task',
  '',
  '',
  'def reset_guards(app):',
  '    client = app.backend.client',
  "    guards = client.keys('taskguard:*')",
  '    if guards:',
  '        client.delete(*guards)',
  '',
  '',
  'class OncePerArguments(Task):',
  '    def claim_lock(self, lock_name, owner):',
  '        return self.app.backend.client.setnx(lock_name, owner)',
  '',
].join('\n');

describe("Celery's result backend client", () => {
  it('reports KEYS through a name bound to app.backend.client and a SETNX lock on it, in a file that never names Redis', () => {
    expect(findings(TASK_BASE)).toEqual(['6 keys-command', '13 lock-without-expiry']);
  });

  it('does not report the DEL of every listed lock as a release without ownership', () => {
    expect(findings(TASK_BASE).filter((f) => f.endsWith('lock-release-without-ownership'))).toEqual([]);
  });

  it('needs the Celery import: the same chain elsewhere is some other backend', () => {
    const text = TASK_BASE.replace('from celery import Task', 'from jobs.base import Task');
    expect(findings(text)).toEqual([]);
  });

  it('leaves dict.keys() and other attributes of the backend alone', () => {
    const text = [
      'from celery import Task',
      '',
      '',
      'def summary(app, counts):',
      '    names = counts.keys()',
      '    return app.backend.expires, sorted(names)',
      '',
    ].join('\n');
    expect(findings(text)).toEqual([]);
  });
});

describe('lock-release-without-ownership and a DEL of every listed lock', () => {
  const text = [
    'import redis',
    '',
    'r = redis.Redis()',
    '',
    '',
    'def take_lock(lock_key, owner):',
    '    return r.set(lock_key, owner, nx=True, ex=30)',
    '',
    '',
    'def release_lock(lock_key):',
    '    r.delete(lock_key)',
    '',
    '',
    'def reset_locks():',
    "    stale_locks = list(r.scan_iter('lock:*'))",
    '    if stale_locks:',
    '        r.delete(*stale_locks)',
    '',
  ].join('\n');

  it('still reports the release of one lock key, and not the reset of all of them', () => {
    expect(reviewSource(parsers, text, { path: 'app/locks.py', language: 'python' }).findings.filter((f) => f.ruleId === 'lock-release-without-ownership').map((f) => f.span.start.line + 1)).toEqual([11]);
  });
});
