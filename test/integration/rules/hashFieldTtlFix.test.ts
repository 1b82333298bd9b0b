/**
 * The per-field TTL fix of cache-write-without-ttl, run for real: the ioredis code the fix writes for a project
 * targeting Redis 7.4 gives the written field a TTL on a real Redis 7.4 (and leaves the hash's other fields
 * alone), while Redis 7.0 and Valkey 8.0 refuse HEXPIRE as an unknown command, which is why the review offers the
 * fix only for that target. It compiles under `strict` against the real ioredis package (examples/node_modules).
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type TargetServer } from '../../../src/core/config';
import { applyTextEdits } from '../../../src/core/editor/fixAll';
import type { Parsers } from '../../../src/core/parsing/parsers';
import { reviewSource } from '../../../src/core/review';
import { ensureExampleDependencies, EXAMPLES_DIR } from '../../../scripts/exampleDependencies.mjs';
import { loadParsers } from '../../unit/core/rules/parsersForTests';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import { availableBuilds, REDIS_7_0, REDIS_7_4, VALKEY_8 } from '../../helpers/serverBuilds';

const SOURCE = `import Redis from 'ioredis';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
redis.on('error', console.error);

export async function cacheProfile(userId: string, payload: string): Promise<void> {
  await redis.hset('cache:profiles', userId, payload);
}

export async function close(): Promise<void> {
  await redis.quit();
}
`;

let parsers: Parsers;
let work: string;

beforeAll(async () => {
  ensureExampleDependencies({ log: () => undefined });
  parsers = await loadParsers();
  work = mkdtempSync(join(tmpdir(), 'rr-hexpirefix-'));
  symlinkSync(join(EXAMPLES_DIR, 'node_modules'), join(work, 'node_modules'), 'dir');
  writeFileSync(join(work, 'package.json'), '{ "private": true }\n');
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function fixedFor(server: TargetServer): string | undefined {
  const finding = reviewSource(parsers, SOURCE, { path: 'src/profiles.ts', language: 'typescript', config: { ...DEFAULT_CONFIG, server } }).findings.find((f) => f.ruleId === 'cache-write-without-ttl');
  expect(finding, 'the HSET of a cache hash is reported on every target').toBeDefined();
  const fix = finding!.fixes?.[0];
  return fix ? applyTextEdits(SOURCE, fix.edits) : undefined;
}

/** Compiles the fixed file under strict, then runs cacheProfile('42', …) against the server at `url`. */
async function runFixed(fixed: string, url: string, name: string): Promise<void> {
  const file = join(work, `${name}.ts`);
  writeFileSync(file, fixed);
  const config = ts.readConfigFile(join(EXAMPLES_DIR, 'tsconfig.json'), ts.sys.readFile).config as { compilerOptions: object };
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, work);
  const program = ts.createProgram([file], { ...options, noEmit: true, typeRoots: [join(work, 'node_modules', '@types')] });
  expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  const out = file.replace(/\.ts$/, '.cjs');
  writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
  process.env.REDIS_URL = url;
  const module = createRequire(out)(out) as { cacheProfile(id: string, payload: string): Promise<void>; close(): Promise<void> };
  try {
    await module.cacheProfile('42', '{"name":"Ada"}');
  } finally {
    await module.close();
  }
}

it('is offered for a Redis 7.4 target only', () => {
  expect(fixedFor('redis-7.0')).toBeUndefined();
  expect(fixedFor('valkey-8')).toBeUndefined();
  expect(fixedFor('redis-7.4')).toContain("await redis.hexpire('cache:profiles', 3600, 'FIELDS', 1, userId);");
});

for (const build of availableBuilds([REDIS_7_4], 'the HEXPIRE quick fix')) {
  describe(`the fixed code on ${build.label}`, () => {
    let server: Standalone;
    beforeAll(async () => {
      server = await startStandalone({ binary: build.server });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('gives the written field its own TTL and leaves the other fields and the hash without one', async () => {
      const admin = new Redis(server.port, '127.0.0.1');
      try {
        await admin.hset('cache:profiles', 'other', 'kept');
        await runFixed(fixedFor('redis-7.4')!, server.url, 'profiles74');
        expect(await admin.hget('cache:profiles', '42')).toBe('{"name":"Ada"}');
        const [fieldTtl, otherTtl] = (await admin.call('HTTL', 'cache:profiles', 'FIELDS', '2', '42', 'other')) as number[];
        expect(fieldTtl).toBeGreaterThan(3500);
        expect(fieldTtl).toBeLessThanOrEqual(3600);
        expect(otherTtl).toBe(-1);
        expect(await admin.ttl('cache:profiles')).toBe(-1);
      } finally {
        admin.disconnect();
      }
    }, 300_000);
  });
}

for (const build of availableBuilds([REDIS_7_0, VALKEY_8], 'the HEXPIRE refusal')) {
  it(`${build.label} refuses HEXPIRE, so the fix is not offered for it`, async () => {
    const server = await startStandalone({ binary: build.server });
    const client = new Redis(server.port, '127.0.0.1');
    try {
      await expect(client.call('HEXPIRE', 'cache:profiles', '60', 'FIELDS', '1', '42')).rejects.toThrow(/unknown command/i);
    } finally {
      client.disconnect();
      await server.stop();
    }
  }, 120_000);
}
