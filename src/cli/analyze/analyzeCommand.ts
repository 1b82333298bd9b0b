/** `redis-review analyze`: memory analysis of a live server or Cluster, with recommendations and code linkage. */
import { accessSync, constants, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { linkReportToCode } from '../../core/memory/codeLinkage';
import { profileToUrl } from '../../core/connection/url';
import { toJsonText, toMarkdown, toText } from '../../core/memory/reportFormats';
import { terminalSafe } from '../../core/memory/outputEscaping';
import { analyzeMemory } from '../../redis/analysis/analyzeMemory';
import { CliFailure, UsageError, type CliCommand, type CliIo } from '../command';
import { ANALYZE_EXIT } from './exitCodes';
import { loadResumeState, removeResumeState, saveResumeState } from './resumeState';
import { openAnalysisClient } from './openAnalysisClient';
import { sharedParsers } from '../../core/parsing/parsers';
import { diskGrammarSource } from '../../node/grammarFiles';
import { workspaceWriteSites } from '../../node/workspaceWriteSites';
import { OutputError, writeOutputFiles } from '../../node/outputFiles';
import type { AllocatorQuantum } from '../../core/rdb/allocator';
import { analyzeRdbFile, analyzeViaRdbCli, rdbExitCode } from './rdbAnalyze';
import type { MemoryReport } from '../../core/memory/types';

const DEFAULT_STATE_FILE = 'redis-review-analyze.state.json';

const USAGE = `Usage: redis-review analyze --url redis://[user:pass@]host:port[/db] [options]
       redis-review analyze --rdb dump.rdb [options]

Memory analysis: totals, types with size percentiles, a namespace tree, top keys, TTL buckets, encodings
and recommendations with evidence and actions.

Options:
  --url URL              Server to analyse (redis://, rediss://, redis+sentinel://). Required unless --rdb.
                         Leave the password out of it: set REDISCLI_AUTH, or pass --ask-password.
  --rdb FILE             Analyse an RDB file (a backup) instead of a server: no server is contacted; sizes are
                         MEMORY USAGE as modelled from each key's encoding. --format, --out, --delimiter and
                         --workspace apply.
  --via-rdb              With --url: stream a fresh snapshot over the replication protocol (as redis-cli --rdb
                         does, same ACL needs: +sync +replconf) straight into the parser, instead of inspecting
                         key by key: the server only forks. With --cluster, every master in parallel.
  --allocator-quantum N  With --rdb: how the server that wrote the file rounds allocations, 8 (default: builds from
                         source, Docker images, Valkey) or 16 (Debian's and Ubuntu's redis-server packages, linked
                         to the system jemalloc). --via-rdb asks each server (MEMORY MALLOC-STATS).
  --ask-password         Prompt for the password on the terminal (not echoed) when REDISCLI_AUTH is unset.
  --cluster              Treat the URL as a Cluster seed and analyse every master in parallel.
  --replicas             In a Cluster, read the replicas instead of the masters.
  --full                 Inspect every key (default).
  --sample N             Inspect a uniform random sample of N keys and scale up (the error is stated).
  --exact                MEMORY USAGE ... SAMPLES 0 for keys of up to 1,000 elements (bigger keys are
                         sampled, so no single call holds the server for long); slower.
  --delimiter D          Namespace delimiter; repeat for several (default ":").
  --workspace DIR        Link namespaces to the code under DIR that writes them.
  --format F             text (default), json or markdown.
  --out FILE             Write the report to FILE instead of stdout.
  --keys-per-call N      Keys inspected per server call (default 30; bounds each call's duration).
  --scan-count N         SCAN COUNT (default 1000).
  --strategy S           auto (default), script or pipeline.
  --state FILE           Where an interrupted run saves its progress (default: ${DEFAULT_STATE_FILE}).
  --resume FILE          Continue the interrupted full scan saved in FILE (same URL and options).

A partial report (Ctrl-C, or the server lost mid-run) is still written, marked "complete: false" with the
reason, and its progress saved for --resume.

Exit codes: ${ANALYZE_EXIT.complete} complete report; ${ANALYZE_EXIT.usage} bad arguments or internal error; ${ANALYZE_EXIT.cannotConnect} could not connect (or the
database was refused); ${ANALYZE_EXIT.connectionLost} connection lost mid-run (partial report); ${ANALYZE_EXIT.commandRefused} the server refused a command
mid-run (partial report; with --via-rdb: refused SYNC); ${ANALYZE_EXIT.unreadableRdb} the RDB could not be read to its end: truncated, CRC mismatch or
unknown content (partial report, the error names the byte offset); ${ANALYZE_EXIT.interrupted} interrupted by SIGINT (partial report).`;

function positiveInteger(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number <= 0) throw new UsageError(`${name} needs a positive integer, got "${value}"`);
  return number;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' }, cluster: { type: 'boolean' }, replicas: { type: 'boolean' }, full: { type: 'boolean' },
        sample: { type: 'string' }, exact: { type: 'boolean' }, delimiter: { type: 'string', multiple: true },
        workspace: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
        'keys-per-call': { type: 'string' }, 'scan-count': { type: 'string' }, strategy: { type: 'string' },
        state: { type: 'string' }, resume: { type: 'string' }, 'ask-password': { type: 'boolean' },
        rdb: { type: 'string' }, 'via-rdb': { type: 'boolean' }, 'allocator-quantum': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.rdb !== undefined) return runRdbFile(values.rdb, values, io);
  if (values['allocator-quantum'] !== undefined) throw new UsageError('--allocator-quantum describes the server that wrote an --rdb file; --via-rdb asks the server itself');
  if (!values.url) throw new UsageError('--url is required');
  if (values.full && values.sample) throw new UsageError('--full and --sample exclude each other');
  const format = values.format ?? 'text';
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, got "${format}"`);
  const strategy = values.strategy ?? 'auto';
  if (!['auto', 'script', 'pipeline'].includes(strategy)) throw new UsageError(`--strategy must be auto, script or pipeline`);
  if (values['via-rdb'] && (values.sample || values.resume || values.exact || values.replicas)) throw new UsageError('--via-rdb reads a whole snapshot of the masters; --sample, --resume, --exact and --replicas do not apply');
  const sampleSize = positiveInteger(values.sample, '--sample');
  const keysPerCall = positiveInteger(values['keys-per-call'], '--keys-per-call');
  const scanCount = positiveInteger(values['scan-count'], '--scan-count');

  if (values.resume && sampleSize) throw new UsageError('--resume continues a full scan; a sample is simply drawn again');

  if (values.out) checkOutputFolder(resolve(io.cwd, values.out));
  // Warnings and the prompt go to stderr: stdout may be the report. The URL warning is for people at a terminal.
  const output = new Writable({ write: (chunk, _encoding, done) => (io.stderr(chunk.toString()), done()) });
  const { client, profile, password } = await openAnalysisClient(values.url, values.cluster ?? false, { env: process.env, ask: values['ask-password'] ?? false, input: process.stdin, output, warnAboutUrl: process.stderr.isTTY === true });
  const target = profileToUrl(profile);
  const settings = { exact: values.exact ?? false, replicas: values.replicas ?? false, cluster: values.cluster ?? false };
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted by Ctrl-C (SIGINT)'));
  process.once('SIGINT', onSignal);
  try {
    if (values['via-rdb']) {
      const result = await analyzeViaRdbCli(client, profile, password, {
        delimiters: values.delimiter?.length ? values.delimiter : [':'], signal: controller.signal, io, origin: target,
      });
      await emitReport(result.report, format, values, io);
      if (!result.outcome.complete) io.stderr(terminalSafe(`Partial report (complete: false): ${result.report.incompleteReason}.`) + '\n');
      return rdbExitCode(result, controller.signal);
    }
    const resume = values.resume ? loadResumeState(resolve(io.cwd, values.resume), target, settings) : undefined;
    let outcome;
    try {
      outcome = await analyzeMemory(client, {
        mode: sampleSize ? 'sample' : 'full',
        sampleSize,
        exact: settings.exact,
        delimiters: values.delimiter?.length ? values.delimiter : [':'],
        useReplicas: settings.replicas,
        limits: { ...(keysPerCall ? { keysPerCall } : {}), ...(scanCount ? { scanCount } : {}) },
        strategy: strategy as 'auto' | 'script' | 'pipeline',
        signal: controller.signal,
        resume,
        // Said before the scan starts, so the user can stop before any key is touched.
        onWarning: (warning) => io.stderr(terminalSafe(`Warning: ${warning}`) + '\n'),
      });
    } catch (error) {
      // Server errors (a refused script, NOPERM) are reported as they are; a transport failure before any key was read is a lost connection.
      if ((error as Error)?.name === 'ReplyError') throw new CliFailure(`the server refused the analysis: ${(error as Error).message}`, ANALYZE_EXIT.cannotConnect);
      throw new CliFailure(`lost the connection to ${target} before any key was analysed (${(error as Error)?.message ?? String(error)})`, ANALYZE_EXIT.connectionLost);
    }
    const report = outcome.report;
    if (values.workspace) linkReportToCode(report, await workspaceWriteSites(resolve(io.cwd, values.workspace), await sharedParsers(diskGrammarSource)));
    const text = format === 'json' ? toJsonText(report) : format === 'markdown' ? toMarkdown(report) + '\n' : toText(report);
    if (values.out) writeReport(resolve(io.cwd, values.out), text);
    else io.stdout(text);
    const statePath = resolve(io.cwd, values.state ?? values.resume ?? DEFAULT_STATE_FILE);
    if (outcome.complete) {
      if (values.resume) removeResumeState(resolve(io.cwd, values.resume));
      return ANALYZE_EXIT.complete;
    }
    let resumeHint = '';
    if (!sampleSize) {
      try {
        saveResumeState(statePath, { target, settings, cursors: outcome.cursors, collector: outcome.collector.snapshot() });
        resumeHint = ` Progress saved; continue with: redis-review analyze --url <same URL> --resume ${values.state ?? values.resume ?? DEFAULT_STATE_FILE}${settings.cluster ? ' --cluster' : ''}${settings.exact ? ' --exact' : ''}${settings.replicas ? ' --replicas' : ''}`;
      } catch (error) {
        // The partial report is out already; only resuming is lost.
        resumeHint = ` Progress could not be saved to ${statePath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); a later run starts over.`;
      }
    }
    io.stderr(terminalSafe(`Partial report (complete: false): ${outcome.incompleteReason}.${resumeHint}`) + '\n');
    if (outcome.stoppedBy === 'failure') return ANALYZE_EXIT.connectionLost;
    return outcome.stoppedBy === 'refused' ? ANALYZE_EXIT.commandRefused : ANALYZE_EXIT.interrupted;
  } finally {
    process.off('SIGINT', onSignal);
    client.disconnect();
  }
}

type AnalyzeValues = { 'allocator-quantum'?: string; format?: string; out?: string; workspace?: string; delimiter?: string[]; url?: string; cluster?: boolean; sample?: string; resume?: string; replicas?: boolean; exact?: boolean };

/** --rdb FILE: the report of a backup; no server involved. */
async function runRdbFile(path: string, values: AnalyzeValues, io: CliIo): Promise<number> {
  const serverOnly = (['url', 'cluster', 'sample', 'resume', 'replicas', 'exact'] as const).filter((name) => values[name] !== undefined);
  if (serverOnly.length) throw new UsageError(`--rdb reads a file; --${serverOnly[0]} is about a server`);
  const format = checkedFormat(values.format);
  if (values.out) checkOutputFolder(resolve(io.cwd, values.out));
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Error('interrupted by Ctrl-C (SIGINT)'));
  process.once('SIGINT', onSignal);
  try {
    const result = await analyzeRdbFile(resolve(io.cwd, path), {
      delimiters: values.delimiter?.length ? values.delimiter : [':'], signal: controller.signal, io, allocatorQuantum: checkedQuantum(values['allocator-quantum']),
    });
    await emitReport(result.report, format, values, io);
    if (!result.outcome.complete) io.stderr(terminalSafe(`Partial report (complete: false): ${result.report.incompleteReason}.`) + '\n');
    return rdbExitCode(result, controller.signal);
  } finally {
    process.off('SIGINT', onSignal);
  }
}

function checkedQuantum(value: string | undefined): AllocatorQuantum | undefined {
  if (value === undefined) return undefined;
  if (value !== '8' && value !== '16') throw new UsageError(`--allocator-quantum must be 8 or 16, got "${value}"`);
  return value === '8' ? 8 : 16;
}

function checkedFormat(format = 'text'): string {
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format must be text, json or markdown, got "${format}"`);
  return format;
}

/** Link to code when asked, render in the chosen format, write to --out or stdout. */
async function emitReport(report: MemoryReport, format: string, values: AnalyzeValues, io: CliIo): Promise<void> {
  if (values.workspace) linkReportToCode(report, await workspaceWriteSites(resolve(io.cwd, values.workspace), await sharedParsers(diskGrammarSource)));
  const text = format === 'json' ? toJsonText(report) : format === 'markdown' ? toMarkdown(report) + '\n' : toText(report);
  if (values.out) writeReport(resolve(io.cwd, values.out), text);
  else io.stdout(text);
}

/** Fail before a long run, not after it, when the report could not be saved where asked. */
function checkOutputFolder(path: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw new CliFailure(`--out ${path}: ${folder} is a file, not a folder`, ANALYZE_EXIT.usage);
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : code === 'EACCES' || code === 'EPERM' ? 'is not writable' : `cannot be used (${code ?? (error as Error).message})`;
    throw new CliFailure(`--out ${path}: the folder ${folder} ${why}`, ANALYZE_EXIT.usage);
  }
}

/** --out: replaced atomically and never through a symlink (same writer as conf/scaffold); failures in one sentence. */
function writeReport(path: string, text: string): void {
  try {
    writeOutputFiles(dirname(path), [{ path: basename(path), content: text }], { force: true });
  } catch (error) {
    if (error instanceof OutputError) throw new CliFailure(`--out ${path}: ${error.message}`, ANALYZE_EXIT.usage);
    throw error;
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: 'Memory analysis of a Redis server or Cluster, with recommendations',
  usage: USAGE,
  run,
};
