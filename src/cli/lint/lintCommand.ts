/** `redis-review lint`: reviews Python/TS/JS files (and redis.conf files) and prints text, JSON or SARIF. */
import { parseArgs } from 'node:util';
import { RULE_SETTINGS, withRuleOverrides, type RuleSetting } from '../../core/config';
import type { Finding } from '../../core/findings';
import { sharedParsers } from '../../core/parsing/parsers';
import { RULE_IDS, isLuaScriptPath } from '../../core/review';
import { diskGrammarSource } from '../../node/grammarFiles';
import { loadProjectConfig } from '../../node/projectConfig';
import { TARGET_SERVERS, isTargetServer } from '../../core/servers/targetServers';
import { walkFiles, type WalkResult } from '../../node/workspaceFiles';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { kindFor } from './fileKinds';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { displayPathOf, type LintReport } from './lintFiles';
import { lintProject } from './parallel/lintProject';

const VERSION = '0.1.0';
const PER_FILE_TIME_BUDGET_MS = 2000;

const USAGE = `Usage: redis-review lint [PATH...] [--format text|json|sarif] [--config FILE] [--server ID] [--rule ID=off|info|warning|error] [--max-warnings N] [--jobs N]

Reviews Redis usage in Python (redis-py), TypeScript and JavaScript (ioredis, node-redis) files, and
redis*.conf / valkey*.conf / sentinel*.conf files. Directories are walked recursively; .gitignore is honoured and
node_modules, virtual environments and build output are skipped. Files over 2 MB are skipped with a notice.

Options:
  --format F        text (default), json or sarif (SARIF 2.1.0, for GitHub code scanning)
  --config FILE     use this .redis-review.json instead of the nearest one
  --rule ID=LEVEL   override a rule's severity (off, info, warning, error); repeatable
  --server ID       the server the project runs on: ${TARGET_SERVERS.join(', ')} (overrides "server" in
                    .redis-review.json; without either, valkey*.conf files are checked for valkey-8, others for
                    ${TARGET_SERVERS[0]})
  --max-warnings N  exit 1 when there are more than N warnings
  --jobs N          threads to lint with (default: one per core, up to 4, once the Redis code passes 512 KB;
                    1 lints in a single thread)

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 usage error, a file or folder that could not
be read, or an internal error.`;

function parseRuleOverrides(values: string[]): Record<string, RuleSetting> {
  const overrides: Record<string, RuleSetting> = {};
  for (const value of values) {
    const match = /^([a-z0-9-]+)=([a-z]+)$/.exec(value.trim());
    if (!match) throw new UsageError(`--rule expects ID=off|info|warning|error, got "${value}"`);
    const [, id, level] = match;
    if (!RULE_IDS.includes(id)) throw new UsageError(`unknown rule "${id}"`);
    if (!RULE_SETTINGS.includes(level as RuleSetting) || level === 'hint') throw new UsageError(`--rule ${id}: level must be off, info, warning or error`);
    overrides[id] = level as RuleSetting;
  }
  return overrides;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        config: { type: 'string' },
        server: { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        'max-warnings': { type: 'string' },
        jobs: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, got "${format}"`);
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError('--max-warnings expects a non-negative integer');
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = Number(values.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) throw new UsageError('--jobs expects a whole number of threads from 1 to 32');
  }
  const overrides = parseRuleOverrides(values.rule ?? []);
  if (values.server !== undefined && !isTargetServer(values.server)) throw new UsageError(`--server must be one of ${TARGET_SERVERS.join(', ')}, got "${values.server}"`);
  const loaded = loadProjectConfig(io.cwd, values.config);
  if (loaded.problems.length) {
    const where = loaded.path ?? 'configuration';
    throw new UsageError(loaded.problems.map((p) => `${where}${p.path ? ` (${p.path})` : ''}: ${p.message}`).join('\n'));
  }
  const declared = isTargetServer(values.server) ? { server: values.server, serverDeclared: true } : {};
  const config = { ...withRuleOverrides(loaded.config, overrides), ...declared };
  let walked: WalkResult;
  try {
    // `.lua` files are read (not linted) so that scripts the code loads from them are reviewed at the call.
    walked = walkFiles(positionals.length ? positionals : ['.'], { root: io.cwd, accept: (path) => kindFor(path) !== undefined || isLuaScriptPath(path), ignoreGlobs: config.ignore });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const warning of walked.warnings) io.stderr(`redis-review: warning: ${warning}\n`);
  const parsers = await sharedParsers(diskGrammarSource);
  const linted = await lintProject(walked.files, loaded.root, io.cwd, { parsers, config, timeBudgetMs: PER_FILE_TIME_BUDGET_MS }, { jobs });
  const walkUnreadable = walked.unreadable.map((entry) => ({ displayPath: displayPathOf(entry.path, io.cwd), kind: entry.kind, reason: entry.reason }));
  const report: LintReport = { ...linted, unreadable: [...walkUnreadable, ...linted.unreadable] };
  for (const notice of report.notices) io.stderr(`redis-review: ${notice}\n`);
  for (const entry of report.unreadable) io.stderr(`redis-review: error: cannot read ${entry.kind} ${entry.displayPath}: ${entry.reason}\n`);
  if (format === 'json') io.stdout(formatJson(report));
  else if (format === 'sarif') io.stdout(formatSarif(report, io.cwd, VERSION));
  else io.stdout(formatText(report));
  // Unread files could hide any finding: the run cannot pass.
  if (report.internalErrors > 0 || report.unreadable.length > 0) return 2;
  const all: Finding[] = report.files.flatMap((f) => f.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr(`redis-review: ${warnings} warnings exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Review Redis usage in Python/TS/JS code and redis.conf files (text, JSON or SARIF)',
  usage: USAGE,
  run,
};
