/**
 * `redis-review analyze --rdb FILE`: the memory report of an RDB backup, read in chunks straight into the parser
 * (no server, no copy of the file in memory). A file that ends early, fails its CRC or holds something the parser
 * cannot read still gives the report of what was read, marked `complete: false` with the byte offset and why.
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseRdbStream, type RdbStreamOutcome } from '../../core/rdb/parseStream';
import { RdbAnalysis } from '../../core/rdb/rdbAnalysis';
import { DEFAULT_COLLECTOR_OPTIONS } from '../../core/memory/memoryCollector';
import { DEFAULT_NAMESPACE_OPTIONS } from '../../core/memory/namespaceTree';
import type { MemoryReport } from '../../core/memory/types';
import { CliFailure, type CliIo } from '../command';
import { ANALYZE_EXIT } from './exitCodes';

export interface RdbRunResult {
  report: MemoryReport;
  outcome: RdbStreamOutcome;
}

/** Collector options with the user's namespace delimiters. */
export function rdbCollectorOptions(delimiters: string[]) {
  return { ...DEFAULT_COLLECTOR_OPTIONS, namespaces: { ...DEFAULT_NAMESPACE_OPTIONS, delimiters } };
}

/** A progress line on stderr, rewritten in place, only when stderr is a terminal. */
export function progressPrinter(io: CliIo, total: number | undefined): ((bytes: number, keys: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  return (bytes, keys) => {
    const mb = (n: number) => (n / 1048576).toFixed(1);
    io.stderr(`\rRead ${mb(bytes)}${total ? ` of ${mb(total)}` : ''} MB of RDB, ${keys.toLocaleString('en-US')} keys`);
  };
}

/** Parse an RDB file into a report. Fails (usage) only when the file cannot be opened at all. */
export async function analyzeRdbFile(path: string, options: { delimiters: string[]; signal?: AbortSignal; io: CliIo }): Promise<RdbRunResult> {
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new CliFailure(`--rdb ${path}: not a file`, ANALYZE_EXIT.usage);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliFailure) throw error;
    throw new CliFailure(`--rdb ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`, ANALYZE_EXIT.usage);
  }
  const analysis = new RdbAnalysis({ source: 'file', origin: basename(path), collector: rdbCollectorOptions(options.delimiters) });
  const progress = progressPrinter(options.io, size);
  const outcome = await parseRdbStream(createReadStream(path, { highWaterMark: 1 << 20 }), analysis, { signal: options.signal, onProgress: progress });
  if (progress) options.io.stderr('\n');
  return { report: analysis.report({ bytes: outcome.bytes, rdbVersion: outcome.rdbVersion, complete: outcome.complete, incompleteReason: outcome.error?.message }), outcome };
}

/** Exit code of an RDB run: complete, interrupted, or unreadable input (partial report). */
export function rdbExitCode(result: RdbRunResult, signal: AbortSignal): number {
  if (result.outcome.complete) return ANALYZE_EXIT.complete;
  if (signal.aborted) return ANALYZE_EXIT.interrupted;
  return ANALYZE_EXIT.unreadableRdb;
}
