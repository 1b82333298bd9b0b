/**
 * Test harness for generated scaffolds: writes every pattern (with its tests) into a temp folder inside the repo
 * (so `ioredis` and `vitest` resolve from the project's node_modules), adds the behaviour drivers, and runs them
 * with Debian's python3 (python3-redis 4.3) or node after compiling with the project's TypeScript.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { generateScaffold } from '../../../src/core/scaffold/generate';
import { SCAFFOLD_PATTERNS } from '../../../src/core/scaffold/registry';
import type { ScaffoldLanguage } from '../../../src/core/scaffold/types';
import { TYPESCRIPT_DRIVERS, TYPESCRIPT_DRIVER_SUPPORT } from './drivers/typescript';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const SYSTEM_PYTHON = process.env.SCAFFOLD_PYTHON ?? '/usr/bin/python3';
const TSC = join(REPO_ROOT, 'node_modules', '.bin', 'tsc');

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without blocking the test worker; never rejects, the caller asserts on the result. */
/**
 * How long one tool run (tsc, pytest, a driver) may take before it counts as hung. tsc over the generated files takes
 * seconds on a quiet machine and over a minute with both cores saturated by other work.
 */
export const BUSY_MACHINE_MS = 300_000;

export function run(file: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<ProcessResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? BUSY_MACHINE_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) + (error && typeof error.code !== 'number' ? String(error.message) : '') });
      },
    );
  });
}

/** A fresh folder under test/.tmp-scaffold (git-ignored, skipped by the project's tsc and vitest globs). */
export function makeWorkspace(language: ScaffoldLanguage): string {
  const dir = join(REPO_ROOT, 'test', '.tmp-scaffold', `${language}-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  for (const pattern of SCAFFOLD_PATTERNS) {
    for (const file of generateScaffold(pattern.id, language, { withTests: true })) writeFileSync(join(dir, file.path), file.content);
  }
  if (language === 'python') {
    cpSync(join(__dirname, 'drivers', 'python'), dir, { recursive: true });
  } else {
    writeFileSync(join(dir, 'driverSupport.ts'), TYPESCRIPT_DRIVER_SUPPORT);
    for (const [name, source] of Object.entries(TYPESCRIPT_DRIVERS)) writeFileSync(join(dir, `drive_${name}.ts`), source);
  }
  return dir;
}

export function removeWorkspace(dir: string): void {
  if (!process.env.KEEP_SCAFFOLD_WORKSPACE) rmSync(dir, { recursive: true, force: true });
}

/** The JSON a driver prints on its last stdout line; throws with the driver's stderr when it failed. */
export function driverReport<T>(result: ProcessResult, name: string): T {
  const lines = result.stdout.trim().split('\n');
  if (result.code !== 0) throw new Error(`driver ${name} exited ${result.code}:\n${result.stderr}\n${result.stdout}`);
  return JSON.parse(lines[lines.length - 1]) as T;
}

export async function runPythonDriver<T>(dir: string, pattern: string, env: NodeJS.ProcessEnv): Promise<T> {
  return driverReport<T>(await run(SYSTEM_PYTHON, [`drive_${pattern}.py`], { cwd: dir, env: { ...env, PYTHONDONTWRITEBYTECODE: '1' } }), pattern);
}

export async function runTypescriptDriver<T>(dir: string, pattern: string, env: NodeJS.ProcessEnv): Promise<T> {
  return driverReport<T>(await run(process.execPath, [join('out', `drive_${pattern}.js`)], { cwd: dir, env }), pattern);
}

/** `tsc --strict` with the project's compiler, the way a strict user project would compile the generated files. */
export function typecheckGenerated(dir: string, files: string[]): Promise<ProcessResult> {
  const flags = ['--strict', '--noEmit', '--noUnusedLocals', '--noUnusedParameters', '--noImplicitReturns', '--target', 'ES2022', '--module', 'commonjs'];
  return run(TSC, [...flags, '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--types', 'node', ...files], { cwd: dir });
}

/** Compiles modules and drivers to out/ (CommonJS) for node. */
export function compileDrivers(dir: string, files: string[]): Promise<ProcessResult> {
  const flags = ['--strict', '--target', 'ES2022', '--module', 'commonjs', '--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck'];
  return run(TSC, [...flags, '--types', 'node', '--outDir', 'out', ...files], { cwd: dir });
}

/** Keys under `prefix` that have no TTL although they should expire (names matching `persistent` may stay). */
export async function keysMissingTtl(redis: Redis, prefix: string, persistent?: RegExp): Promise<string[]> {
  const missing: string[] = [];
  for await (const batch of redis.scanStream({ match: prefix + '*', count: 500 })) {
    for (const key of batch as string[]) {
      if (persistent?.test(key)) continue;
      // -1 is a key without a TTL; -2 a key that expired (or was deleted) since SCAN returned it, as short-lived keys do.
      if ((await redis.pttl(key)) === -1) missing.push(key);
    }
  }
  return missing;
}

/** Every key under `prefix`, for asserting which keys a driver left behind. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: prefix + '*', count: 500 })) keys.push(...(batch as string[]));
  return keys.sort();
}

/**
 * True when, for every group of limit+1 admitted requests, the span from the earliest "sent" to the latest
 * "answered" is at least one window: a real violation shows up, client-side latency can never fake one.
 * The limiter scores by the server's clock truncated to whole milliseconds, so spans may fall short by < 1 ms;
 * `toleranceMs` absorbs that and clock-source drift between the driver's monotonic clock and Redis TIME.
 */
export function neverExceedsLimit(admitted: Array<[number, number]>, limit: number, windowMs: number, toleranceMs = 2): boolean {
  const sorted = [...admitted].sort((a, b) => a[1] - b[1]);
  for (let end = limit; end < sorted.length; end++) {
    const group = sorted.slice(end - limit, end + 1);
    const earliestSent = Math.min(...group.map(([sent]) => sent));
    if (sorted[end][1] - earliestSent < windowMs - toleranceMs) return false;
  }
  return true;
}
