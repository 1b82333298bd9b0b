/** `redis-review scaffold`: lists the patterns, or writes one pattern's module (and tests) into a folder. */
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScaffold, isScaffoldLanguage, ScaffoldError } from '../../core/scaffold/generate';
import { scaffoldCatalog } from '../../core/scaffold/registry';
import { OutputError, writeOutputFiles } from '../../node/outputFiles';
import { UsageError, type CliCommand, type CliIo } from '../command';

const USAGE = `Usage: redis-review scaffold --list
       redis-review scaffold PATTERN --lang python|typescript --out DIR [--prefix P] [--with-tests] [--force]

Writes production-ready Redis data-structure code for a pattern (and, with --with-tests, a pytest or vitest
file that runs against the Redis at REDIS_URL). Existing files are never overwritten unless --force is given.

Options:
  --list          list the patterns with their languages and default prefixes
  --lang L        python (redis-py) or typescript (ioredis)
  --out DIR       folder to write into (created when missing)
  --prefix P      key prefix baked into the generated class (default: the pattern's own)
  --with-tests    also write test_<module>.py / <module>.test.ts
  --force         overwrite files that already exist`;

function listPatterns(io: CliIo): number {
  const catalog = scaffoldCatalog();
  const width = Math.max(...catalog.map((pattern) => pattern.id.length));
  for (const pattern of catalog) {
    const prefix = pattern.options.find((option) => option.name === 'prefix')?.default;
    io.stdout(`${pattern.id.padEnd(width)}  ${pattern.description}\n${' '.repeat(width)}  ${pattern.structures}; ${pattern.languages.join(', ')}; prefix "${String(prefix)}"\n`);
  }
  return 0;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        list: { type: 'boolean' },
        lang: { type: 'string' },
        out: { type: 'string' },
        prefix: { type: 'string' },
        'with-tests': { type: 'boolean' },
        force: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.list) return listPatterns(io);
  if (positionals.length !== 1) throw new UsageError('give exactly one PATTERN (see --list)');
  if (!values.lang || !isScaffoldLanguage(values.lang)) throw new UsageError('--lang must be python or typescript');
  if (!values.out) throw new UsageError('--out DIR is required');
  let files;
  try {
    files = generateScaffold(positionals[0], values.lang, { prefix: values.prefix, withTests: values['with-tests'] ?? false });
  } catch (error) {
    if (error instanceof ScaffoldError) throw new UsageError(error.message);
    throw error;
  }
  const outDir = resolve(io.cwd, values.out);
  let written: string[];
  try {
    written = writeOutputFiles(outDir, files, { force: values.force ?? false });
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    io.stderr(`redis-review scaffold: ${error.message}\n`);
    return 1;
  }
  for (const path of written) io.stdout(`wrote ${relative(io.cwd, path) || path}\n`);
  return 0;
}

export const scaffoldCommand: CliCommand = {
  name: 'scaffold',
  summary: 'generate Redis data-structure code (rate limiter, lock, queue, cache...) in Python or TypeScript',
  usage: USAGE,
  run,
};
