/**
 * Lint throughput and editor re-analysis latency.
 *   npx tsx bench/lint.ts
 * 1. Generates a ~100k-line mixed Python/TypeScript corpus (about a third of the files use Redis) and lints it
 *    the way `redis-review lint` does (read, workspace index, review): MB/s overall and for the Redis files alone.
 * 2. Runs ESLint 9 with one `no-restricted-syntax` rule for `.keys(...)` calls on the same TS files, in this
 *    process, and prints the ratio. (ESLint uses its default parser: the generated TS is annotation-free so
 *    espree can read it, which is the fastest ESLint can be.) `--only redis-ts` is the comparison #14's
 *    acceptance is judged on: see lintVsEslint.ts for what it measures and why.
 * 3. Re-analysis of a 3,000-line file after a one-line edit (incremental parse + review with the previous review,
 *    as the editor runs it): p50/p95, next to the same edits reviewed whole in the same process.
 *    `--only redis-ts` runs the ESLint comparison alone (lintVsEslint.ts: CPU time of one thread each, the parsers
 *    alone as the floor, and the CLIs as users run them);
 *    `--only editor` just the re-analysis below; `--only go`, `--only java` or `--only go-java` lint throughput
 *    on Go and Java files next to Python and TS.
 * 4. The same corpus linted on worker threads (one per core, up to 4, as `--jobs` does), warmed like the single
 *    thread above; and, when dist/ is built, cold runs of the bundled CLI with --jobs 1 and with threads, each a
 *    fresh process (Node start-up, grammar loading and JIT warm-up included).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';
import type { Tree } from 'web-tree-sitter';
import { lintFiles, readSources } from '../src/cli/lint/lintFiles';
import { LintPool } from '../src/cli/lint/parallel/lintPool';
import { threadsFor } from '../src/cli/lint/parallel/lintProject';
import { DEFAULT_CONFIG } from '../src/core/config';
import { sharedParsers, type Parsers } from '../src/core/parsing/parsers';
import { buildWorkspaceIndex, reviewSource, reviewTree, type ReviewResult } from '../src/core/review';
import { diskGrammarSource } from '../src/node/grammarFiles';
import { generateCorpus, pythonRedis, sizeOf } from './corpus';
import { largeGoSource } from './goSource';
import { largeJavaServiceSource } from './javaSource';
import { redisTsComparison } from './lintVsEslint';

function timeLint(paths: string[], root: string, parsers: Parsers): number {
  const started = performance.now();
  const report = lintFiles(paths, root, root, { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 2000 });
  const elapsed = performance.now() - started;
  if (report.internalErrors) throw new Error('internal errors during lint');
  return elapsed;
}

/** ESLint with espree, its default parser (lintVsEslint.ts also runs it with typescript-eslint's). */
async function timeEslint(paths: string[], root: string): Promise<number> {
  const eslint = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
        rules: { 'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='keys']", message: 'KEYS' }] },
      },
    ],
  });
  const started = performance.now();
  const results = await eslint.lintFiles(paths);
  const elapsed = performance.now() - started;
  const fatal = results.reduce((n, r) => n + r.fatalErrorCount, 0);
  if (fatal) throw new Error(`ESLint could not parse ${fatal} files`);
  const hits = results.reduce((n, r) => n + r.errorCount, 0);
  if (hits === 0) throw new Error('ESLint found no .keys( calls: the comparison would be meaningless');
  return elapsed;
}

async function timePool(pool: LintPool, paths: string[], root: string, parsers: Parsers): Promise<number> {
  const started = performance.now();
  const { loaded, notices } = readSources(paths, root, root);
  const report = await pool.lintSources(loaded, notices, { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 2000 });
  const elapsed = performance.now() - started;
  if (report.internalErrors) throw new Error('internal errors during lint');
  return elapsed;
}

/** Wall time of one `node dist/cli.js lint` process (exit 1 means findings, which the corpus has). */
function timeCli(cli: string, root: string, jobs: number): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'lint', '.', '--format', 'json', '--jobs', String(jobs)], { cwd: root, maxBuffer: 1 << 28 });
  const elapsed = performance.now() - started;
  if (run.status !== 1 || run.stderr.toString().includes('could not lint')) throw new Error(`CLI run failed: ${run.stderr.toString().slice(0, 500)}`);
  return elapsed;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * CPU time of this thread alone where Node has it (23.9+): the process's CPU time also counts the GC's concurrent
 * marking and the JIT's background compiles on other threads, which do not hold up the editor.
 */
const threadCpuUsage = (process as { threadCpuUsage?: (since?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);

function incremental(parsers: Parsers, reuse: boolean): { p50: number; p95: number; cpuP50: number; cpuP95: number; threadP50?: number; threadP95?: number; lines: number } {
  let text = '';
  for (let i = 0; text.split('\n').length < 3000; i++) text += pythonRedis(i);
  const lines = text.split('\n').length;
  let tree: Tree = parsers.parse('python', text);
  let previous: ReviewResult = reviewTree(tree, text, { path: 'app/big_module.py', language: 'python', keepForReuse: reuse });
  const samples: number[] = [];
  // CPU time of this process next to wall time: on a loaded machine it still says what a re-analysis costs.
  const cpuSamples: number[] = [];
  const threadSamples: number[] = [];
  for (let round = 0; round < 120; round++) {
    // Change one string literal on some line: `item<n>:` -> `itemX<n>:` style one-line edit.
    const needle = text.indexOf('f"item', (round * 9973) % (text.length - 100));
    const at = needle < 0 ? text.indexOf('f"item') : needle;
    const insertAt = at + 3;
    const before = text.slice(0, insertAt);
    const row = before.split('\n').length - 1;
    const column = insertAt - (before.lastIndexOf('\n') + 1);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const threadStarted = threadCpuUsage?.();
    text = before + 'x' + text.slice(insertAt);
    tree.edit({ startIndex: insertAt, oldEndIndex: insertAt, newEndIndex: insertAt + 1, startPosition: { row, column }, oldEndPosition: { row, column }, newEndPosition: { row, column: column + 1 } });
    const next = parsers.parse('python', text, tree);
    // As the editor does: the previous review is offered, so statements the edit did not touch keep their analysis.
    previous = reviewTree(next, text, { path: 'app/big_module.py', language: 'python', previous: reuse ? previous : undefined });
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuStarted);
    const thread = threadStarted && threadCpuUsage?.(threadStarted);
    tree.delete();
    tree = next;
    if (round >= 20) samples.push(elapsed);
    if (round >= 20) cpuSamples.push((cpu.user + cpu.system) / 1000);
    if (round >= 20 && thread) threadSamples.push((thread.user + thread.system) / 1000);
  }
  tree.delete();
  const threadFigures = threadSamples.length ? { threadP50: percentile(threadSamples, 50), threadP95: percentile(threadSamples, 95) } : {};
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), cpuP50: percentile(cpuSamples, 50), cpuP95: percentile(cpuSamples, 95), ...threadFigures, lines };
}

const RUNS = 5;

/**
 * `--only go`, `--only java`, `--only go-java`: lint throughput on generated Go (go-redis) and Java (Jedis,
 * Lettuce and Spring Data Redis) services of 3,000 lines (~1 MB each language), next to the corpus's Python and
 * TS files that use Redis, linted in the same rounds of this process. MB/s of CPU time (this process), which
 * other processes on a shared machine barely change, and of wall time.
 */
async function goJavaOnly(root: string, parsers: Parsers, languages: ('go' | 'java')[]): Promise<void> {
  const corpus = generateCorpus(root);
  const sets: { name: string; paths: string[]; what: string }[] = [];
  for (const language of languages) {
    mkdirSync(join(root, language), { recursive: true });
    const paths: string[] = [];
    for (let index = 0; index < 10; index++) {
      const path = join(root, language, language === 'go' ? `service${index}.go` : `LargeService${index}.java`);
      writeFileSync(path, language === 'go' ? largeGoSource(3000).replace('package app', `package app${index}`) : largeJavaServiceSource(3000, `LargeService${index}`));
      paths.push(path);
    }
    sets.push({ name: language === 'go' ? 'Go' : 'Java', paths, what: `${paths.length} files of 3,000 lines` });
  }
  sets.push({ name: 'Python', paths: corpus.redis.filter((p) => p.endsWith('.py')), what: '' });
  sets.push({ name: 'TS', paths: corpus.redis.filter((p) => p.endsWith('.ts')), what: '' });
  for (const set of sets) if (!set.what) set.what = `${set.paths.length} files`;
  const rate = (paths: string[]) => {
    const megabytes = sizeOf(paths) / 1024 / 1024;
    const cpu = process.cpuUsage();
    const wallMs = timeLint(paths, root, parsers);
    const used = process.cpuUsage(cpu);
    return { cpu: megabytes / ((used.user + used.system) / 1e6), wall: megabytes / (wallMs / 1000) };
  };
  for (const set of sets) rate(set.paths);
  const rounds = sets.map(() => ({ cpu: [] as number[], wall: [] as number[] }));
  for (let run = 0; run < RUNS; run++) {
    sets.forEach((set, i) => {
      const measured = rate(set.paths);
      rounds[i].cpu.push(measured.cpu);
      rounds[i].wall.push(measured.wall);
    });
  }
  const median = (values: number[]) => percentile(values, 50);
  console.log(`lint throughput on files that use Redis, median of ${RUNS} rounds (MB/s of CPU time; of wall time in brackets):`);
  sets.forEach((set, i) => console.log(`  ${set.name.padEnd(6)} ${median(rounds[i].cpu).toFixed(2)} MB/s (${median(rounds[i].wall).toFixed(2)})  ${set.what}`));
  const python = median(rounds[sets.findIndex((set) => set.name === 'Python')].cpu);
  const ts = median(rounds[sets.findIndex((set) => set.name === 'TS')].cpu);
  for (const [i, set] of sets.entries()) {
    if (set.name === 'Python' || set.name === 'TS') continue;
    console.log(`  ${set.name} / Python: ${(median(rounds[i].cpu) / python).toFixed(2)}x, ${set.name} / TS: ${(median(rounds[i].cpu) / ts).toFixed(2)}x (CPU time)`);
  }
}

async function main(): Promise<void> {
  const parsers = await sharedParsers(diskGrammarSource);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (only === 'editor') {
    const { p50, p95, cpuP50, cpuP95, threadP50, threadP95, lines } = incremental(parsers, true);
    const thread = threadP50 !== undefined && threadP95 !== undefined ? `; this thread's CPU time: p50 ${threadP50.toFixed(1)} ms, p95 ${threadP95.toFixed(1)} ms` : '';
    console.log(`re-analysis of a ${lines}-line file after a one-line edit (incremental parse + review, previous review reused): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (process CPU time: p50 ${cpuP50.toFixed(1)} ms, p95 ${cpuP95.toFixed(1)} ms${thread})`);
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'redis-review-bench-'));
  try {
    if (only === 'redis-ts') return await redisTsComparison(root, parsers);
    if (only === 'go' || only === 'java' || only === 'go-java') return await goJavaOnly(root, parsers, only === 'go-java' ? ['go', 'java'] : [only]);
    if (only !== undefined) throw new Error(`--only takes redis-ts, go, java, go-java or editor, not ${only}`);
    const corpus = generateCorpus(root);
    const mb = (bytes: number) => bytes / 1024 / 1024;
    console.log(`corpus: ${corpus.all.length} files, ${corpus.lines} lines, ${mb(corpus.bytes).toFixed(2)} MB (${corpus.redis.length} files use Redis)`);

    // Steady state: one uncounted run warms the JIT and the parsers, then the median of several (the machine is
    // shared and noisy). The worker threads below are warmed the same way.
    timeLint(corpus.all, root, parsers);
    const allRuns = Array.from({ length: RUNS }, () => timeLint(corpus.all, root, parsers));
    const allMs = percentile(allRuns, 50);
    const rate = (ms: number) => (mb(corpus.bytes) / (ms / 1000)).toFixed(2);
    console.log(`redis-review lint, whole corpus (median of ${RUNS}): ${(allMs / 1000).toFixed(2)} s = ${rate(allMs)} MB/s (runs: ${allRuns.map(rate).join(', ')} MB/s)`);
    const redisBytes = sizeOf(corpus.redis);
    const redisMs = timeLint(corpus.redis, root, parsers);
    console.log(`redis-review lint, Redis-using files only (every file parsed and analysed): ${(mb(redisBytes) / (redisMs / 1000)).toFixed(2)} MB/s`);

    const tsBytes = sizeOf(corpus.ts);
    await timeEslint(corpus.ts.slice(0, 20), root);
    const eslintRuns: number[] = [];
    const oursTsRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      eslintRuns.push(await timeEslint(corpus.ts, root));
      oursTsRuns.push(timeLint(corpus.ts, root, parsers));
    }
    const eslintMs = percentile(eslintRuns, 50);
    const oursTsMs = percentile(oursTsRuns, 50);
    console.log(`TS files (${corpus.ts.length}, ${mb(tsBytes).toFixed(2)} MB): ESLint no-restricted-syntax ${(eslintMs / 1000).toFixed(2)} s (${(mb(tsBytes) / (eslintMs / 1000)).toFixed(2)} MB/s), redis-review ${(oursTsMs / 1000).toFixed(2)} s (${(mb(tsBytes) / (oursTsMs / 1000)).toFixed(2)} MB/s) -> ${(eslintMs / oursTsMs).toFixed(2)}x ESLint`);
    const tsRedis = corpus.ts.filter((p) => corpus.redis.includes(p));
    const tsRedisMs = timeLint(tsRedis, root, parsers);
    const eslintRedisMs = await timeEslint(tsRedis, root);
    console.log(`TS files that use Redis only: ESLint ${(eslintRedisMs / 1000).toFixed(2)} s, redis-review ${(tsRedisMs / 1000).toFixed(2)} s -> ${(eslintRedisMs / tsRedisMs).toFixed(2)}x ESLint`);

    // The editor's path (previous review reused) and, as its peer in the same process, a whole-file review of the same edits.
    const whole = incremental(parsers, false);
    const { p50, p95, lines } = incremental(parsers, true);
    console.log(`re-analysis of a ${lines}-line file after a one-line edit (incremental parse + review, previous review reused): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    console.log(`  same edits reviewed whole (incremental parse only): p50 ${whole.p50.toFixed(1)} ms, p95 ${whole.p95.toFixed(1)} ms -> p95 ${(whole.p95 / p95).toFixed(2)}x faster with reuse`);

    const threads = threadsFor(undefined, availableParallelism(), { files: corpus.redis.length, bytes: Number.POSITIVE_INFINITY });
    if (threads > 1) {
      const pool = LintPool.start(threads);
      await pool.ready();
      try {
        // Each worker sees 1/threads of the files per run: as many uncounted runs give each the single thread's warm-up.
        for (let warm = 0; warm < threads; warm++) await timePool(pool, corpus.all, root, parsers);
        const poolRuns: number[] = [];
        for (let run = 0; run < RUNS; run++) poolRuns.push(await timePool(pool, corpus.all, root, parsers));
        const poolMs = percentile(poolRuns, 50);
        console.log(`redis-review lint on ${threads} threads, whole corpus (median of ${RUNS}): ${(poolMs / 1000).toFixed(2)} s = ${rate(poolMs)} MB/s (runs: ${poolRuns.map(rate).join(', ')} MB/s) -> ${(allMs / poolMs).toFixed(2)}x one thread`);
      } finally {
        await pool.close();
      }
      const cli = resolve(__dirname, '../dist/cli.js');
      if (existsSync(cli)) {
        const cold: Record<number, number[]> = { 1: [], [threads]: [] };
        for (let run = 0; run < 3; run++) for (const jobs of run % 2 ? [threads, 1] : [1, threads]) cold[jobs].push(timeCli(cli, root, jobs));
        const one = percentile(cold[1], 50);
        const many = percentile(cold[threads], 50);
        console.log(`cold CLI process (node dist/cli.js lint, median of 3): --jobs 1 ${(one / 1000).toFixed(2)} s = ${rate(one)} MB/s, --jobs ${threads} ${(many / 1000).toFixed(2)} s = ${rate(many)} MB/s`);
      } else console.log('cold CLI runs skipped: build dist/ first (npm run build)');
    } else console.log('worker threads skipped: this machine has one core');

    // Sanity: the corpus really produces findings.
    const sample = corpus.redis.find((p) => p.endsWith('.py'))!;
    const findings = reviewSource(parsers, readFileSync(sample, 'utf8'), { path: 'app/x.py', language: 'python', workspace: buildWorkspaceIndex(parsers, []) }).findings;
    console.log(`sample file findings: ${findings.map((f) => f.ruleId).join(', ')}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
