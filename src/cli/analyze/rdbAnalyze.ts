/**
 * `redis-review analyze --rdb FILE`: the memory report of an RDB backup, read in chunks straight into the parser
 * (no server, no copy of the file in memory). A file that ends early, fails its CRC or holds something the parser
 * cannot read still gives the report of what was read, marked `complete: false` with the byte offset and why.
 * `--via-rdb` adapts src/redis/rdb/snapshotAnalysis.ts (shared with the editor) to the terminal.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseRdbStream } from '../../core/rdb/parseStream';
import { RdbAnalysis } from '../../core/rdb/rdbAnalysis';
import { SnapshotError } from '../../redis/rdb/replicationSnapshot';
import type { RedisClient } from '../../redis/client';
import { analyzeViaRdb, describeSnapshotProgress, rdbCollectorOptions, viaRdbConnection, viaRdbNodes, type RdbRunResult, type SnapshotProgress } from '../../redis/rdb/snapshotAnalysis';
import type { AllocatorQuantum } from '../../core/rdb/allocator';
import type { ConnectionProfile } from '../../core/connection/profile';
import { CliFailure, UsageError, type CliIo } from '../command';
import { ANALYZE_EXIT } from './exitCodes';

/** A progress line on stderr, rewritten in place, only when stderr is a terminal. */
export function progressPrinter(io: CliIo, total: number | undefined): ((bytes: number, keys: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (bytes, keys) => {
    const mb = (n: number) => (n / 1048576).toFixed(1);
    io.stderr(`\rRead ${mb(bytes)}${total ? ` of ${mb(total)}` : ''} MB of RDB, ${keys.toLocaleString('en-US')} keys`);
  };
}

/**
 * The snapshot's progress line on stderr, rewritten in place, only at a terminal: before the first byte it says what
 * the server waits for (a server at its default repl-diskless-sync-delay forks only after 5 s, which showed as an
 * unexplained "Read 0.0 MB"), then bytes and keys.
 */
export function snapshotProgressPrinter(io: CliIo, terminal = process.stderr.isTTY === true): ((progress: SnapshotProgress) => void) | undefined {
  if (!terminal) return undefined;
  return (progress) => io.stderr(`\r\x1b[2K${describeSnapshotProgress(progress)}`);
}

/** Parse an RDB file into a report. Fails (usage) only when the file cannot be opened at all. */
export async function analyzeRdbFile(path: string, options: { delimiters: string[]; signal?: AbortSignal; io: CliIo; allocatorQuantum?: AllocatorQuantum }): Promise<RdbRunResult> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliFailure(`--rdb ${path}: not a file`, ANALYZE_EXIT.usage);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`--rdb ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, ANALYZE_EXIT.usage);
  }
  const { allocatorQuantum } = options;
  const analysis = new RdbAnalysis({ source: 'file', origin: basename(path), collector: rdbCollectorOptions(options.delimiters), allocatorQuantum });
  const progress = progressPrinter(options.io, size);
  const outcome = await parseRdbStream(createReadStream(path, { highWaterMark: 1 << 20 }), analysis, { signal: options.signal, onProgress: progress, allocatorQuantum });
  if (progress) options.io.stderr('\n');
  return { report: analysis.report({ bytes: outcome.bytes, rdbVersion: outcome.rdbVersion, complete: outcome.complete, incompleteReason: outcome.error?.message }), outcome };
}

/** Exit code of an RDB run: complete, interrupted, or unreadable input (partial report). */
export function rdbExitCode(result: RdbRunResult, signal: AbortSignal): number {
  if (result.outcome.complete) return ANALYZE_EXIT.complete;
  if (signal.aborted) return ANALYZE_EXIT.interrupted;
  const error = result.outcome.error;
  if (error instanceof SnapshotError) return error.refused ? ANALYZE_EXIT.commandRefused : ANALYZE_EXIT.connectionLost;
  return ANALYZE_EXIT.unreadableRdb;
}

/**
 * --via-rdb: the snapshot analysis of src/redis/rdb, with its progress on the terminal. A Sentinel URL names no
 * master to replicate from, so it is refused before anything is read.
 */
export async function analyzeViaRdbCli(client: RedisClient, profile: ConnectionProfile, password: string | undefined, options: { delimiters: string[]; signal: AbortSignal; io: CliIo; origin: string }): Promise<RdbRunResult> {
  if (profile.topology === 'sentinel') throw new UsageError('--via-rdb needs the master\'s address: give its redis:// URL instead of the Sentinel one');
  const nodes = await viaRdbNodes(client, { host: profile.host, port: profile.port });
  const line = snapshotProgressPrinter(options.io);
  const result = await analyzeViaRdb(nodes, viaRdbConnection(profile, password), {
    delimiters: options.delimiters, signal: options.signal, origin: options.origin,
    ...(line ? { onProgress: line } : {}),
  });
  if (line) options.io.stderr('\n');
  return result;
}
