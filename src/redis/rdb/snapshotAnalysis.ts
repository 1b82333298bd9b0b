/**
 * Memory analysis from a fresh snapshot: every node (the server, or each Cluster master) streams an RDB over the
 * replication protocol straight into the parser, in parallel, into one MemoryReport. The server only forks; no
 * key is inspected on its main thread and no key's LRU/LFU is touched. A node that refuses SYNC or breaks off
 * leaves a partial report (`complete: false`) whose reason names the node and what was read from it.
 * Used by `redis-review analyze --via-rdb` and by the editor's Analysis tab.
 */
import { parseRdbStream, type RdbStreamOutcome } from '../../core/rdb/parseStream';
import { RdbAnalysis } from '../../core/rdb/rdbAnalysis';
import type { AllocatorQuantum } from '../../core/rdb/allocator';
import { DEFAULT_COLLECTOR_OPTIONS } from '../../core/memory/memoryCollector';
import { DEFAULT_NAMESPACE_OPTIONS } from '../../core/memory/namespaceTree';
import { formatBytes } from '../../core/memory/recommendations/evidence';
import type { MemoryReport } from '../../core/memory/types';
import type { ConnectionProfile, HostPort } from '../../core/connection/profile';
import { countOf } from '../../core/text/plural';
import { isCluster, type RedisClient } from '../client';
import { tlsOptions } from '../connection/clientOptions';
import { allocatorQuantumOf } from './allocatorQuantum';
import { openReplicationSnapshot, SnapshotError, type ReplicationSnapshot, type SnapshotTarget } from './replicationSnapshot';

export interface RdbRunResult {
  report: MemoryReport;
  outcome: RdbStreamOutcome;
}

export interface ViaRdbNode {
  host: string;
  port: number;
  /** The node's jemalloc quantum (MEMORY MALLOC-STATS), when it said. */
  allocatorQuantum?: AllocatorQuantum;
}

/** How far the snapshots are, summed over the nodes. */
export interface SnapshotProgress {
  /** RDB bytes received so far. */
  bytes: number;
  /** Keys parsed so far (expired ones included). */
  keys: number;
  /** The payload size, once every node announced one (disk-based transfers do; diskless ones stream without). */
  totalBytes?: number;
  nodes: number;
  /** Nodes whose server has not started sending (it waits repl-diskless-sync-delay, then forks). */
  waitingNodes: number;
  /** Nodes whose server saved the snapshot to its own RDB file before sending it (repl-diskless-sync no). */
  savedToDiskNodes?: number;
}

/** Said wherever the disk-based path was taken: the user's server wrote (and replaced) its RDB file for us. */
export function savedToDiskNote(nodes: number, of: number): string {
  const who = of > 1 ? `${nodes} of ${of} masters` : 'the server';
  const their = nodes > 1 ? 'their' : 'its';
  return `repl-diskless-sync is off: ${who} wrote this snapshot to ${their} RDB file on disk (dbfilename, dump.rdb by default) before sending it, replacing ${their} last one`;
}

/** One line for a progress display: the fork first (diskless replication waits repl-diskless-sync-delay), then bytes and keys. */
export function describeSnapshotProgress(progress: SnapshotProgress): string {
  const servers = progress.nodes > 1 ? `${progress.nodes} masters` : 'the server';
  // Redis and Valkey wait repl-diskless-sync-delay (5 s unless configured) for other replicas before they fork.
  if (progress.waitingNodes === progress.nodes) return `waiting for ${servers} to fork and start sending (repl-diskless-sync-delay, 5 s by default)`;
  const read = `${formatBytes(progress.bytes)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''} of the snapshot, ${countOf(progress.keys, 'key')} parsed`;
  const line = progress.waitingNodes > 0 ? `${read} (${progress.waitingNodes} of ${progress.nodes} masters not sending yet)` : read;
  return progress.savedToDiskNodes ? `${line}; ${savedToDiskNote(progress.savedToDiskNodes, progress.nodes)}` : line;
}

/** Replication connection settings (everything but the address) for a connection profile. */
export type SnapshotConnection = Omit<SnapshotTarget, 'host' | 'port' | 'signal'>;

export interface ViaRdbOptions {
  delimiters: string[];
  signal: AbortSignal;
  /** The server address or connection name the report is of. */
  origin: string;
  /** At the start, when a node's snapshot starts, and about every half second while they stream. */
  onProgress?(progress: SnapshotProgress): void;
}

/** Collector options with the user's namespace delimiters. */
export function rdbCollectorOptions(delimiters: string[]) {
  return { ...DEFAULT_COLLECTOR_OPTIONS, namespaces: { ...DEFAULT_NAMESPACE_OPTIONS, delimiters } };
}

type NodeResult = { address: string; waitedMs: number; outcome: RdbStreamOutcome; savedToDisk?: boolean };

/** "1.2 MB of the snapshot read, 3,400 keys": what a failed node had sent, so a partial report says how partial. */
function whatWasRead(result: NodeResult, keys: number): string {
  if (result.outcome.bytes === 0 && keys === 0) return 'nothing of the snapshot was read';
  return `${formatBytes(result.outcome.bytes)} of the snapshot read, ${countOf(keys, 'key')} in the report`;
}

/** The node's error with the address and what was read; transport errors keep their class (exit codes depend on it). */
function nodeError(result: NodeResult, keys: number): Error {
  const error = result.outcome.error ?? new Error('the snapshot ended early');
  const named = error instanceof SnapshotError || error.message.startsWith(result.address) ? error.message : `${result.address}: ${error.message}`;
  const message = `${named} — ${whatWasRead(result, keys)}`;
  return error instanceof SnapshotError ? new SnapshotError(message, error.refused) : new Error(message);
}

/**
 * A snapshot of every node over the replication protocol, each streamed straight into the parser (no temp file),
 * in parallel; one report.
 */
export async function analyzeViaRdb(nodes: ViaRdbNode[], connection: SnapshotConnection, options: ViaRdbOptions): Promise<RdbRunResult & { waitedMs: number[] }> {
  const root = new RdbAnalysis({ source: 'replication', origin: options.origin, collector: rdbCollectorOptions(options.delimiters), manyNodes: true, nowMs: Date.now() });
  const read = new Map<string, { bytes: number; keys: number; total?: number; started: boolean; savedToDisk?: boolean }>();
  const emit = () => {
    if (!options.onProgress) return;
    const all = [...read.values()];
    const sized = all.every((r) => r.total !== undefined);
    const savedToDiskNodes = all.filter((r) => r.savedToDisk).length;
    options.onProgress({
      bytes: all.reduce((sum, r) => sum + r.bytes, 0),
      keys: all.reduce((sum, r) => sum + r.keys, 0),
      ...(sized ? { totalBytes: all.reduce((sum, r) => sum + (r.total ?? 0), 0) } : {}),
      nodes: nodes.length,
      waitingNodes: all.filter((r) => !r.started).length,
      ...(savedToDiskNodes ? { savedToDiskNodes } : {}),
    });
  };
  for (const node of nodes) read.set(`${node.host}:${node.port}`, { bytes: 0, keys: 0, started: false });
  emit();
  const results = await Promise.all(nodes.map(async (node): Promise<NodeResult> => {
    const address = `${node.host}:${node.port}`;
    const progress = read.get(address)!;
    const listener = root.nodeListener(address, node.allocatorQuantum);
    let snapshot: ReplicationSnapshot;
    try {
      snapshot = await openReplicationSnapshot({ ...connection, host: node.host, port: node.port, signal: options.signal });
    } catch (error) {
      return { address, waitedMs: 0, outcome: { complete: false, error: error as Error, bytes: 0, rdbVersion: 0, trailing: new Uint8Array(0) } };
    }
    progress.started = true;
    // A payload announced by its length was written to the server's disk first (diskless transfers stream unsized).
    if (snapshot.framing.kind === 'length') {
      progress.total = snapshot.framing.length;
      progress.savedToDisk = true;
    }
    emit();
    const stop = () => snapshot.close();
    options.signal.addEventListener('abort', stop, { once: true });
    try {
      const outcome = await parseRdbStream(snapshot.chunks, listener, {
        signal: options.signal,
        allocatorQuantum: node.allocatorQuantum,
        stopWhenDone: true,
        onProgress: (bytes, keys) => {
          progress.bytes = bytes;
          progress.keys = keys;
          emit();
        },
      });
      if (outcome.complete && !(await snapshot.confirmEnd(outcome.trailing))) {
        return { address, waitedMs: snapshot.waitedMs, outcome: { ...outcome, complete: false, error: new Error(`${address}: the snapshot did not end with its EOF mark`) } };
      }
      return { address, waitedMs: snapshot.waitedMs, outcome, savedToDisk: progress.savedToDisk };
    } finally {
      options.signal.removeEventListener('abort', stop);
      snapshot.close();
    }
  }));
  const failed = results.filter((r) => !r.outcome.complete);
  const bytes = results.reduce((sum, r) => sum + r.outcome.bytes, 0);
  const rdbVersion = results.find((r) => r.outcome.rdbVersion)?.outcome.rdbVersion ?? 0;
  const report = root.report({ bytes, rdbVersion, complete: failed.length === 0 });
  let error: Error | undefined;
  if (failed.length) {
    // Worded once the report exists: it says how many of the node's keys made it in.
    error = nodeError(failed[0], report.nodes.find((n) => n.node === failed[0].address)?.keys ?? 0);
    if (failed.length > 1) error.message += `; ${countOf(failed.length - 1, 'other node')} did not finish either (${failed.slice(1).map((r) => r.address).join(', ')})`;
    report.incompleteReason = error.message;
  }
  const outcome: RdbStreamOutcome = { complete: !error, ...(error ? { error } : {}), bytes, rdbVersion, trailing: new Uint8Array(0) };
  const savedToDisk = results.filter((r) => r.savedToDisk).length;
  if (savedToDisk) (report.warnings ??= []).push(savedToDiskNote(savedToDisk, nodes.length));
  const slowest = Math.max(0, ...results.map((r) => r.waitedMs));
  // Diskless replication waits repl-diskless-sync-delay (5 s by default) for more replicas before it forks.
  if (slowest >= 1000) (report.warnings ??= []).push(`the server${nodes.length > 1 ? 's' : ''} took ${(slowest / 1000).toFixed(1)} s to start sending the snapshot (repl-diskless-sync-delay, then the fork); the parse itself took the rest`);
  return { report, outcome, waitedMs: results.map((r) => r.waitedMs) };
}

/** Sentinel connections have no fixed master address; the caller passes the current one. */
export class SnapshotTargetError extends Error {
  override name = 'SnapshotTargetError';
}

/**
 * The nodes to snapshot, each with its allocator's quantum: every Cluster master, or the server at `address`
 * (a standalone server's own, or the master a Sentinel client follows now).
 */
export async function viaRdbNodes(client: RedisClient, address: HostPort | undefined): Promise<ViaRdbNode[]> {
  if (isCluster(client)) {
    if (client.status !== 'ready') await new Promise<void>((resolve) => client.once('ready', () => resolve()));
    return Promise.all(client.nodes('master').map(async (node) => ({
      host: node.options.host ?? '127.0.0.1', port: node.options.port ?? 6379, allocatorQuantum: await allocatorQuantumOf(node),
    })));
  }
  if (!address) throw new SnapshotTargetError('the address of the master is not known yet (Sentinel): reconnect, then try again');
  return [{ host: address.host, port: address.port, allocatorQuantum: await allocatorQuantumOf(client) }];
}

/** Replication connection settings from a connection profile: the same user, password and TLS material. */
export function viaRdbConnection(profile: ConnectionProfile, password: string | undefined): SnapshotConnection {
  const tls = tlsOptions(profile);
  return { ...(profile.username ? { username: profile.username } : {}), ...(password !== undefined ? { password } : {}), ...(tls ? { tls } : {}) };
}
