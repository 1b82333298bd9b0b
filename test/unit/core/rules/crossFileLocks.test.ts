/** lock-release-without-ownership across files: the lock acquired in one module and deleted in another. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

const CLIENT = "import Redis from 'ioredis';\nexport const redis = new Redis();\nredis.on('error', console.error);\n";

describe('lock-release-without-ownership across files', () => {
  it('reports the DEL of a lock key that another file of the workspace acquires with SET NX', () => {
    const sources = [
      { path: 'src/acquire.ts', text: `${CLIENT}export async function take(job: string, token: string) {\n  return redis.set(\`lock:job:\${job}\`, token, 'PX', 30000, 'NX');\n}\n` },
      { path: 'src/release.ts', text: `${CLIENT}export async function give(job: string) {\n  await redis.del(\`lock:job:\${job}\`);\n  await redis.del(\`session:\${job}\`);\n}\n` },
    ];
    const workspace = buildWorkspaceIndex(parsers, sources);
    const release = sources[1];
    const findings = reviewSource(parsers, release.text, { path: release.path, language: 'typescript', workspace }).findings.filter((f) => f.ruleId === 'lock-release-without-ownership');
    expect(findings.map((f) => f.span.start.line + 1)).toEqual([5]);
    // Without the workspace, the release file alone shows no acquisition.
    const alone = reviewSource(parsers, release.text, { path: release.path, language: 'typescript' }).findings.filter((f) => f.ruleId === 'lock-release-without-ownership');
    expect(alone).toEqual([]);
  });
});
