/**
 * `npx tsx bench/lint.ts --only redis-ts`: redis-review lint against ESLint 9 on the corpus's TypeScript files that
 * use Redis (annotation-free, so ESLint's own parser reads them too).
 *
 * THE ACCEPTANCE FIGURE (#14: "lint keeps at least 3x ESLint's throughput on Redis-dense TS/JS") is the first ratio
 * printed: CPU time of ESLint with espree and one rule over CPU time of redis-review, one thread each, in this
 * process, warm, median of alternating rounds. Why that one: both sides do the same unit of work (read, parse and
 * check the same files on one thread, as `redis-review lint` does below 512 KB of Redis files and as ESLint's CLI
 * does by default); CPU time is what the work costs whatever else loads the machine; and espree with a single
 * `no-restricted-syntax` rule is the fastest ESLint can be run, so the ratio is the least favourable to us.
 * Printed next to it, never in its place:
 *  - ESLint with @typescript-eslint/parser, as TS projects configure it (espree cannot read type annotations);
 *  - each parser alone on the same texts (tree-sitter's TS grammar, espree, typescript-estree): the floor. Even a
 *    lint that did nothing but parse could not be faster than its parser, so tree-sitter's parse alone bounds the
 *    ratio any analysis on top of it can reach;
 *  - when dist/ is built, the CLIs as users run them, each a fresh process (start-up included): `node dist/cli.js
 *    lint .` with its default --jobs, and ESLint's CLI (single-threaded unless --concurrency is given) with the
 *    same configurations; wall time and the process's CPU time (all its threads) per MB.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ESLint, type Linter } from 'eslint';
import * as typescriptParser from '@typescript-eslint/parser';
import { lintFiles } from '../src/cli/lint/lintFiles';
import { DEFAULT_CONFIG } from '../src/core/config';
import type { Parsers } from '../src/core/parsing/parsers';
import { generateCorpus, sizeOf } from './corpus';

const RUNS = 5;
const KEYS_RULE: Linter.RulesRecord = { 'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='keys']", message: 'KEYS' }] };
/** The options ESLint hands its parser (lib/languages/js/source-code and the espree defaults it sets). */
const PARSER_OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true } as const;
/** ESLint's own parser, resolved where ESLint resolves it. */
const espree = createRequire(require.resolve('eslint'))('espree') as { parse(text: string, options: object): unknown };

function eslintFor(root: string, parser?: Linter.Parser): ESLint {
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', ...(parser ? { parser } : {}) }, rules: KEYS_RULE }],
  });
}

async function runEslint(eslint: ESLint, paths: string[]): Promise<void> {
  const results = await eslint.lintFiles(paths);
  if (results.some((r) => r.fatalErrorCount > 0)) throw new Error('ESLint could not parse some files');
  if (!results.some((r) => r.errorCount > 0)) throw new Error('ESLint found no .keys( calls: the comparison would be meaningless');
}

function runOurs(paths: string[], root: string, parsers: Parsers): void {
  const report = lintFiles(paths, root, root, { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 2000 });
  if (report.internalErrors) throw new Error('internal errors during lint');
}

interface Measured {
  cpuMs: number;
  wallMs: number;
}

async function measure(work: () => unknown): Promise<Measured> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function redisTsComparison(root: string, parsers: Parsers): Promise<void> {
  const corpus = generateCorpus(root);
  const paths = corpus.ts.filter((p) => corpus.redis.includes(p));
  const texts = paths.map((p) => readFileSync(p, 'utf8'));
  const megabytes = sizeOf(paths) / 1024 / 1024;
  const espreeEslint = eslintFor(root);
  const tsEslint = eslintFor(root, typescriptParser);
  const subjects: { name: string; run: () => unknown }[] = [
    { name: 'ESLint, espree, 1 rule', run: () => runEslint(espreeEslint, paths) },
    { name: 'redis-review lint', run: () => runOurs(paths, root, parsers) },
    { name: 'ESLint, @typescript-eslint/parser, 1 rule', run: () => runEslint(tsEslint, paths) },
    { name: 'parse alone: tree-sitter (TS grammar)', run: () => texts.forEach((text) => parsers.parse('typescript', text).delete()) },
    { name: 'parse alone: espree', run: () => texts.forEach((text) => espree.parse(text, PARSER_OPTIONS)) },
    { name: 'parse alone: typescript-estree', run: () => texts.forEach((text, i) => typescriptParser.parseForESLint(text, { ...PARSER_OPTIONS, filePath: paths[i] })) },
  ];
  // One uncounted round warms the JIT, the parsers and ESLint's caches of configs and rules.
  for (const subject of subjects) await subject.run();
  const rounds = subjects.map(() => [] as Measured[]);
  for (let run = 0; run < RUNS; run++) for (const [i, subject] of subjects.entries()) rounds[i].push(await measure(subject.run));
  const cpu = rounds.map((r) => median(r.map((m) => m.cpuMs)));
  const wall = rounds.map((r) => median(r.map((m) => m.wallMs)));
  console.log(`TS files that use Redis: ${paths.length} files, ${megabytes.toFixed(2)} MB; one thread each, in this process, median of ${RUNS} alternating rounds`);
  subjects.forEach((subject, i) =>
    console.log(`  ${subject.name.padEnd(42)} CPU ${cpu[i].toFixed(0).padStart(5)} ms = ${(cpu[i] / megabytes).toFixed(0).padStart(5)} ms/MB = ${(megabytes / (cpu[i] / 1000)).toFixed(2).padStart(5)} MB/s (wall ${wall[i].toFixed(0)} ms)`),
  );
  const [eslintCpu, oursCpu, tsEslintCpu, treeSitterCpu, espreeCpu] = cpu;
  console.log(`ACCEPTANCE (#14, target >= 3x): ESLint (espree) CPU / redis-review CPU = ${(eslintCpu / oursCpu).toFixed(2)}x (wall ${(wall[0] / wall[1]).toFixed(2)}x)`);
  console.log(`  with @typescript-eslint/parser, as TS projects run ESLint: ${(tsEslintCpu / oursCpu).toFixed(2)}x (wall ${(wall[2] / wall[1]).toFixed(2)}x)`);
  console.log(
    `  floor: tree-sitter's parse alone is ${((100 * treeSitterCpu) / oursCpu).toFixed(0)}% of redis-review's CPU and ${(treeSitterCpu / espreeCpu).toFixed(2)}x espree's parse;` +
      ` a lint that only parsed with tree-sitter would reach ${(eslintCpu / treeSitterCpu).toFixed(2)}x ESLint (espree), ${(tsEslintCpu / treeSitterCpu).toFixed(2)}x with typescript-eslint;` +
      ` 3x ESLint (espree) leaves ${(eslintCpu / 3 - treeSitterCpu).toFixed(0)} ms for everything after the parse (now ${(oursCpu - treeSitterCpu).toFixed(0)} ms)`,
  );
  cliComparison(root, paths, megabytes);
}

/** Writes the preload that reports a process's CPU time (all its threads) when it exits. */
function cpuReporter(root: string): string {
  const path = join(root, 'cpu-at-exit.cjs');
  writeFileSync(path, "process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(process.env.CPU_AT_EXIT_FILE, String((u.user + u.system) / 1000)); });\n");
  return path;
}

/** Wall and CPU time of one fresh process; lint exit status 1 (findings) is expected. */
function timeProcess(args: string[], cwd: string, reporter: string): Measured {
  const cpuFile = `${reporter}.out`;
  rmSync(cpuFile, { force: true });
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', reporter, ...args], { cwd, maxBuffer: 1 << 28, env: { ...process.env, CPU_AT_EXIT_FILE: cpuFile } });
  const wallMs = performance.now() - started;
  if (run.status !== 1 || !existsSync(cpuFile)) throw new Error(`${args.join(' ')} failed (${run.status}): ${run.stderr.toString().slice(0, 500)}`);
  return { wallMs, cpuMs: Number(readFileSync(cpuFile, 'utf8')) };
}

/** The CLIs as users run them on a folder of just these files: ours with its default --jobs, ESLint's with each parser. */
function cliComparison(root: string, paths: string[], megabytes: number): void {
  const cli = resolve(__dirname, '../dist/cli.js');
  if (!existsSync(cli)) {
    console.log('CLI comparison skipped: build dist/ first (npm run build)');
    return;
  }
  const folder = join(root, 'cli-run');
  mkdirSync(folder);
  paths.forEach((path, i) => cpSync(path, join(folder, `module${i}.ts`)));
  const rule = JSON.stringify(KEYS_RULE);
  // The configurations sit next to the folder, not in it: ESLint would lint them as .cjs files of the project.
  writeFileSync(join(root, 'espree.config.cjs'), `module.exports = [{ files: ['**/*.ts'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module' }, rules: ${rule} }];\n`);
  writeFileSync(
    join(root, 'typescript.config.cjs'),
    `module.exports = [{ files: ['**/*.ts'], languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parser: require(${JSON.stringify(require.resolve('@typescript-eslint/parser'))}) }, rules: ${rule} }];\n`,
  );
  const eslintBin = join(resolve(require.resolve('eslint'), '../..'), 'bin', 'eslint.js');
  const reporter = cpuReporter(root);
  const commands = [
    { name: 'node dist/cli.js lint . (default --jobs)', args: [cli, 'lint', '.', '--format', 'json'] },
    { name: 'eslint . (espree)', args: [eslintBin, '-c', join(root, 'espree.config.cjs'), '.'] },
    { name: 'eslint . (@typescript-eslint/parser)', args: [eslintBin, '-c', join(root, 'typescript.config.cjs'), '.'] },
  ];
  const runs = commands.map(() => [] as Measured[]);
  for (let run = 0; run < 3; run++) commands.forEach((command, i) => runs[i].push(timeProcess(command.args, folder, reporter)));
  const cpu = runs.map((r) => median(r.map((m) => m.cpuMs)));
  const wall = runs.map((r) => median(r.map((m) => m.wallMs)));
  console.log('CLIs as users run them, a fresh process each (start-up included), median of 3:');
  commands.forEach((command, i) =>
    console.log(`  ${command.name.padEnd(42)} wall ${wall[i].toFixed(0).padStart(5)} ms = ${(megabytes / (wall[i] / 1000)).toFixed(2)} MB/s; CPU ${cpu[i].toFixed(0)} ms = ${(cpu[i] / megabytes).toFixed(0)} ms/MB`),
  );
  console.log(`  ESLint CLI (espree) / redis-review CLI: ${(wall[1] / wall[0]).toFixed(2)}x wall, ${(cpu[1] / cpu[0]).toFixed(2)}x CPU; with @typescript-eslint/parser ${(wall[2] / wall[0]).toFixed(2)}x wall, ${(cpu[2] / cpu[0]).toFixed(2)}x CPU`);
}
