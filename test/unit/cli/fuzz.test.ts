/**
 * Acceptance fuzz (issue 15), fixed seeds: 1,000 mutated source and redis.conf files linted in-process, and
 * random `redis-review` command lines. Zero crashes: no thrown error, no internal error, no stack trace, exit
 * codes 0/1/2 only. Zero hangs: the explicit timeout is the detector (generous, so a busy machine still passes).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { kindFor } from '../../../src/cli/lint/fileKinds';
import { lintSources, type LoadedFile } from '../../../src/cli/lint/lintFiles';
import { DEFAULT_CONFIG } from '../../../src/core/config';
import { sharedParsers, type Parsers } from '../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../src/node/grammarFiles';
import { mutateText, pick, seededRandom } from '../../helpers/fuzzing';

const repository = join(__dirname, '..', '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const corpus = [join(repository, 'test', 'fixtures'), join(repository, 'examples')]
  .flatMap(filesUnder)
  .filter((path) => kindFor(path) !== undefined)
  .map((path) => ({ path: relative(repository, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));

let parsers: Parsers;
beforeAll(async () => {
  parsers = await sharedParsers(diskGrammarSource);
});

describe('fuzz: 1,000 mutated files linted in-process', () => {
  it('never crashes, never reports an internal error, and keeps every finding inside its file', { timeout: 600_000 }, () => {
    expect(corpus.length).toBeGreaterThan(60);
    expect(corpus.some((file) => file.path.endsWith('.conf'))).toBe(true);
    const next = seededRandom(15_2026);
    const FILES = 1000;
    const BATCH = 50; // a batch is linted as one project, so the workspace index sees mutated files side by side
    let linted = 0;
    for (let start = 0; start < FILES; start += BATCH) {
      const loaded: LoadedFile[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const source = pick(next, corpus);
        const path = `/fuzz/${i}/${source.path}`;
        loaded.push({ path, projectPath: `${i}/${source.path}`, displayPath: `${i}/${source.path}`, text: mutateText(source.text, next) });
      }
      // The CLI's own per-file budget: a pathological file is cut short (with a notice) instead of stalling the run.
      const report = lintSources(loaded, [], { parsers, config: DEFAULT_CONFIG, timeBudgetMs: 2000 });
      expect(report.internalErrors, report.notices.join('\n')).toBe(0);
      expect(report.notices.filter((notice) => /failed|internal/.test(notice))).toEqual([]);
      for (const file of report.files) {
        const text = loaded.find((entry) => entry.path === file.path)!.text;
        for (const finding of file.findings) {
          expect(finding.span.startOffset).toBeGreaterThanOrEqual(0);
          expect(finding.span.endOffset).toBeLessThanOrEqual(text.length);
          for (const fix of finding.fixes ?? []) for (const edit of fix.edits) expect(edit.endOffset).toBeLessThanOrEqual(text.length);
        }
      }
      linted += report.files.length;
    }
    expect(linted).toBe(FILES);
  });
});

describe('fuzz: random command lines', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'redis-review-cli-fuzz-'));
    mkdirSync(join(root, '.git'));
    mkdirSync(join(root, 'app'));
    writeFileSync(join(root, 'app', 'users.py'), 'import redis\nr = redis.Redis()\nr.keys("user:*")\n');
    writeFileSync(join(root, 'app', 'redis.conf'), 'bind 0.0.0.0\nprotected-mode no\n');
    writeFileSync(join(root, 'afile'), 'not a folder');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  // Values chosen to hit edges: empty, dashes, huge numbers, unicode, control characters, paths that cannot work.
  // Output folders stay inside the temp project (or are impossible), and analyze never gets a reachable server.
  const WEIRD = ['', '-', '--', '-1', '0', '1', '2', '1e9', 'NaN', '99999999999999999999', '-1gb', '4gb', '10tb', 'abc', '😀', '\u0000', 'a'.repeat(300), '../', '%ZZ', '{', '[', '*', '\\'];
  const VALUES: Record<string, string[]> = {
    '--format': ['text', 'json', 'sarif', 'markdown', 'xml', ...WEIRD],
    '--config': ['missing.json', 'afile', 'app', ...WEIRD],
    '--rule': ['keys-command=off', 'keys-command=error', 'nope=off', 'keys-command=hint', '=', ...WEIRD],
    '--max-warnings': ['0', '3', ...WEIRD],
    '--jobs': ['1', '1', '33', ...WEIRD.filter((w) => w !== '2')],
    '--workload': ['cache', 'session', 'queue', 'nonsense', ...WEIRD],
    '--memory': ['16mb', '4gb', '15mb', '16385gb', '1.5gb', ...WEIRD],
    '--mode': ['standalone', 'replica', 'sentinel', 'cluster', 'ring', ...WEIRD],
    '--masters': ['3', '4', '2', '501', ...WEIRD],
    '--replicas': ['0', '1', '11', ...WEIRD],
    '--durability': ['none', 'rdb', 'aof', 'aof-always', 'fsync', ...WEIRD],
    '--out': ['out', 'out/nested', 'afile', 'app/users.py', '.', '/proc/redis-review-fuzz', 'a'.repeat(300), ''],
    '--ports': ['6379', '1,2,3', '0', '70000', 'a,b', ...WEIRD],
    '--sentinel-ports': ['26379,26380,26381', '1', ...WEIRD],
    '--down-after': ['1000', '99', ...WEIRD],
    '--server': ['redis-7.0', 'redis-7.4', 'valkey-8', 'redis-7.2', ...WEIRD],
    '--bind': ['10.0.0.1', ',,', ...WEIRD],
    '--lang': ['python', 'typescript', 'go', ...WEIRD],
    '--prefix': ['app:', ...WEIRD],
    '--url': ['redis://user:TOPSECRET/pw@host:notaport', 'redis://:TOPSECRET@bad host', 'redis://u:TOP%ZZSECRET@h', 'http://x', 'redis+sentinel://s1', 'redis://h/notadb', ...WEIRD.filter((w) => !/^\d|^-1$/.test(w))],
    '--sample': WEIRD,
    '--strategy': ['auto', 'script', 'pipeline', 'magic', ...WEIRD],
  };
  const FLAGS = ['--tls', '--monitoring', '--backup', '--force', '--with-tests', '--list', '--cluster', '--replicas', '--full', '--exact', '--help', '-h', '--nope', '-x'];
  const COMMANDS: Record<string, string[]> = {
    lint: ['--format', '--config', '--rule', '--max-warnings', '--jobs', '--server'],
    conf: ['--workload', '--memory', '--mode', '--masters', '--replicas', '--durability', '--out', '--ports', '--sentinel-ports', '--down-after', '--server', '--bind'],
    scaffold: ['--lang', '--out', '--prefix'],
    // Only arguments that fail before a connection is attempted: a fuzz must not depend on the network.
    analyze: ['--url', '--sample', '--format', '--strategy'],
  };
  const POSITIONALS = ['app', 'app/users.py', 'app/redis.conf', 'missing', 'afile', 'rate-limiter', 'distributed-lock', 'nope', '.', '😀'];

  function randomArguments(next: () => number): string[] {
    const roll = next();
    if (roll < 0.04) return [pick(next, ['', 'help', '--help', '-h', '--version', '-v', 'nonsense', '😀'])];
    const command = pick(next, Object.keys(COMMANDS));
    const argv = [command];
    const count = Math.floor(next() * 8);
    for (let i = 0; i < count; i++) {
      const kind = next();
      if (kind < 0.6) {
        const option = pick(next, COMMANDS[command]);
        const value = pick(next, VALUES[option]);
        if (next() < 0.3) argv.push(`${option}=${value}`);
        else argv.push(option, value);
      } else if (kind < 0.8) argv.push(pick(next, FLAGS));
      else argv.push(pick(next, POSITIONALS));
    }
    // analyze with a --url that parses would connect: make sure it never does.
    if (command === 'analyze' && !argv.some((a) => a.startsWith('--url'))) argv.push('--url', 'redis://u:TOPSECRET@bad host');
    if (command === 'analyze' && argv.includes('--help')) argv.splice(argv.indexOf('--help'), 1);
    return argv;
  }

  it('answers 400 random command lines with an exit code and a message, never a crash or a secret', { timeout: 600_000 }, async () => {
    const next = seededRandom(42_15);
    const codes = new Map<number, number>();
    for (let run = 0; run < 400; run++) {
      const argv = randomArguments(next);
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, { cwd: root, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
      const label = JSON.stringify(argv);
      expect([0, 1, 2], label).toContain(code);
      expect(stderr, label).not.toMatch(/internal error:/);
      expect(stderr + stdout, label).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
      expect(stderr + stdout, label).not.toContain('TOPSECRET');
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }
    // The generator reaches success, findings and refusals alike (it is not only testing usage errors).
    expect(codes.get(0)).toBeGreaterThan(5);
    expect(codes.get(2)).toBeGreaterThan(50);
  });
});
