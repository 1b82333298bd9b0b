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
import { openReplicationSnapshot, SnapshotError, type ReplicationSnapshot, type SnapshotTarget } from '../../redis/rdb/replicationSnapshot';
import { isCluster, type RedisClient } from '../../redis/client';
import { allocatorQuantumOf } from '../../redis/rdb/allocatorQuantum';
import type { AllocatorQuantum } from '../../core/rdb/allocator';
import { tlsOptions } from '../../redis/connection/clientOptions';
import type { ConnectionProfile } from '../../core/connection/profile';
import { CliFailure, UsageError, type CliIo } from '../command';
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
  if (error instanceof SnapshotError) return /refused/.test(error.message) ? ANALYZE_EXIT.commandRefused : ANALYZE_EXIT.connectionLost;
  return ANALYZE_EXIT.unreadableRdb;
}

export interface ViaRdbNode {
  host: string;
  port: number;
  /** The node's jemalloc quantum (MEMORY MALLOC-STATS), when it said. */
  allocatorQuantum?: AllocatorQuantum;
}

/**
 * --via-rdb: a snapshot of every node over the replication protocol, each streamed straight into the parser
 * (no temp file), in parallel; one report. A node that refuses SYNC or breaks off leaves a partial report.
 */
export async function analyzeViaRdb(
  nodes: ViaRdbNode[],
  connection: Omit<SnapshotTarget, 'host' | 'port'>,
  options: { delimiters: string[]; signal: AbortSignal; io: CliIo; origin: string },
): Promise<RdbRunResult & { waitedMs: number[] }> {
  const root = new RdbAnalysis({ source: 'replication', origin: options.origin, collector: rdbCollectorOptions(options.delimiters), manyNodes: true, nowMs: Date.now() });
  const progressLine = progressPrinter(options.io, undefined);
  const read = new Map<string, { bytes: number; keys: number }>();
  const results = await Promise.all(nodes.map(async (node) => {
    const address = `${node.host}:${node.port}`;
    const listener = root.nodeListener(address, node.allocatorQuantum);
    let snapshot: ReplicationSnapshot;
    try {
      snapshot = await openReplicationSnapshot({ ...connection, host: node.host, port: node.port });
    } catch (error) {
      return { address, waitedMs: 0, outcome: { complete: false, error: error as Error, bytes: 0, rdbVersion: 0, trailing: new Uint8Array(0) } as RdbStreamOutcome };
    }
    const stop = () => snapshot.close();
    options.signal.addEventListener('abort', stop, { once: true });
    try {
      const outcome = await parseRdbStream(snapshot.chunks, listener, {
        signal: options.signal,
        allocatorQuantum: node.allocatorQuantum,
        stopWhenDone: true,
        onProgress: progressLine && ((bytes, keys) => {
          read.set(address, { bytes, keys });
          const all = [...read.values()].reduce((sum, r) => ({ bytes: sum.bytes + r.bytes, keys: sum.keys + r.keys }), { bytes: 0, keys: 0 });
          progressLine(all.bytes, all.keys);
        }),
      });
      if (outcome.complete && !(await snapshot.confirmEnd(outcome.trailing))) {
        return { address, waitedMs: snapshot.waitedMs, outcome: { ...outcome, complete: false, error: new Error(`${address}: the snapshot did not end with its EOF mark`) } };
      }
      // Transport errors name the address already (and keep their class: the exit code depends on it).
      const error = outcome.error && !(outcome.error instanceof SnapshotError) ? new Error(`${address}: ${outcome.error.message}`) : outcome.error;
      return { address, waitedMs: snapshot.waitedMs, outcome: error ? { ...outcome, error } : outcome };
    } finally {
      options.signal.removeEventListener('abort', stop);
      snapshot.close();
    }
  }));
  if (progressLine) options.io.stderr('\n');
  const failed = results.find((r) => !r.outcome.complete);
  const outcome: RdbStreamOutcome = {
    complete: !failed,
    ...(failed ? { error: failed.outcome.error ?? new Error(`${failed.address}: the snapshot ended early`) } : {}),
    bytes: results.reduce((sum, r) => sum + r.outcome.bytes, 0),
    rdbVersion: results.find((r) => r.outcome.rdbVersion)?.outcome.rdbVersion ?? 0,
    trailing: new Uint8Array(0),
  };
  const report = root.report({ bytes: outcome.bytes, rdbVersion: outcome.rdbVersion, complete: outcome.complete, incompleteReason: outcome.error?.message });
  const slowest = Math.max(0, ...results.map((r) => r.waitedMs));
  // Diskless replication waits repl-diskless-sync-delay (5 s by default) for more replicas before it forks.
  if (slowest >= 1000) (report.warnings ??= []).push(`the server${nodes.length > 1 ? 's' : ''} took ${(slowest / 1000).toFixed(1)} s to start sending the snapshot (repl-diskless-sync-delay, then the fork); the parse itself took the rest`);
  return { report, outcome, waitedMs: results.map((r) => r.waitedMs) };
}

/** The nodes to snapshot for --via-rdb, the server itself or every Cluster master, each with its allocator's quantum. */
export async function viaRdbNodes(client: RedisClient, profile: ConnectionProfile): Promise<ViaRdbNode[]> {
  if (isCluster(client)) {
    return Promise.all(client.nodes('master').map(async (node) => ({
      host: node.options.host ?? '127.0.0.1', port: node.options.port ?? 6379, allocatorQuantum: await allocatorQuantumOf(node),
    })));
  }
  if (profile.topology === 'sentinel') throw new UsageError('--via-rdb needs the master\'s address: give its redis:// URL instead of the Sentinel one');
  return [{ host: profile.host, port: profile.port, allocatorQuantum: await allocatorQuantumOf(client) }];
}

/** Replication connection settings from the analysis profile. */
export function viaRdbConnection(profile: ConnectionProfile, password: string | undefined): Omit<SnapshotTarget, 'host' | 'port'> {
  const tls = tlsOptions(profile);
  return { ...(profile.username ? { username: profile.username } : {}), ...(password !== undefined ? { password } : {}), ...(tls ? { tls } : {}) };
}
