/** lock-release-without-ownership: a release function whose acquiring counterpart is in another module. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { acquireNamesFor } from '../../../../src/core/rules/support/lockCounterparts';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const RELEASE = { path: 'worker/locks/release.py', text: 'from worker.locks.acquire import r\n\n\ndef release_job_lock(key):\n    r.delete(key)\n' };

function releaseLines(acquire: { path: string; text: string }): number[] {
  const workspace = buildWorkspaceIndex(parsers, [acquire, RELEASE]);
  return reviewSource(parsers, RELEASE.text, { path: RELEASE.path, language: 'python', workspace })
    .findings.filter((f) => f.ruleId === 'lock-release-without-ownership')
    .map((f) => f.span.start.line + 1);
}

describe('release in one module, SET NX in another', () => {
  it('derives the acquiring names of a release function', () => {
    expect(acquireNamesFor('release_job_lock')).toContain('acquire_job_lock');
    expect(acquireNamesFor('releaseLock')).toContain('acquireLock');
    expect(acquireNamesFor('unlock')).toContain('lock');
  });

  it('reports the DEL when the counterpart takes the lock with SET NX', () => {
    const acquire = { path: 'worker/locks/acquire.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef acquire_job_lock(key):\n    return r.set(key, 1, nx=True, ex=30)\n' };
    expect(releaseLines(acquire)).toEqual([5]);
  });

  it('leaves it alone when the counterpart of that name does not write', () => {
    const acquire = { path: 'worker/locks/acquire.py', text: 'import redis\n\nr = redis.Redis()\n\n\ndef acquire_job_lock(key):\n    return r.exists(key)\n' };
    expect(releaseLines(acquire)).toEqual([]);
  });
});
