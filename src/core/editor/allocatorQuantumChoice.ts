/**
 * Which jemalloc quantum "Redis: Analyze RDB File…" models sizes with. An RDB does not say how the server that
 * wrote it was built, and the build decides the size classes (core/rdb/allocator.ts): Redis's bundled jemalloc
 * (every build from source, the official Docker images, Valkey) is configured with an 8-byte
 * quantum; distribution packages linked to the system jemalloc (Debian's and Ubuntu's redis-server, whatever the
 * Redis version) keep its 16-byte one. The setting `redisReview.rdb.allocatorQuantum` fixes it; by default the
 * user is asked, with what a connected server reports (MEMORY MALLOC-STATS) offered first.
 */
import type { AllocatorQuantum } from '../rdb/allocator';

export type AllocatorQuantumSetting = 'ask' | '8' | '16';

/** How each choice is shown: what it is, and which servers are built that way. */
export const QUANTUM_CHOICES: Readonly<Record<AllocatorQuantum, { label: string; detail: string }>> = {
  8: {
    label: '8-byte quantum — builds from source, official Docker images, Valkey',
    detail: "Redis's bundled jemalloc, configured with --with-lg-quantum=3 (size classes 8, 16, 24 … 64)",
  },
  16: {
    label: '16-byte quantum — Debian and Ubuntu redis-server packages',
    detail: "linked to the distribution's jemalloc, which keeps its default quantum (size classes 16, 32, 48 … 128)",
  },
};

/** A connected server and what MEMORY MALLOC-STATS said about its allocator. */
export interface ReportedQuantum {
  connection: string;
  quantum: AllocatorQuantum;
}

export type QuantumDecision =
  | { ask: false; quantum: AllocatorQuantum; because: string }
  /** Ask, offering `order[0]` first; `reportedBy` names the connections that report each quantum. */
  | { ask: true; order: [AllocatorQuantum, AllocatorQuantum]; reportedBy: Partial<Record<AllocatorQuantum, string[]>> };

export function allocatorQuantumSetting(value: unknown): AllocatorQuantumSetting {
  return value === '8' || value === '16' ? value : 'ask';
}

/**
 * The quantum to use, or what to ask. A scripted call (a path given, no one to ask) takes the connected servers'
 * answer when they agree, else 8 (the parser's default).
 */
export function decideAllocatorQuantum(input: { argument?: AllocatorQuantum; setting: AllocatorQuantumSetting; reported: ReportedQuantum[]; interactive: boolean }): QuantumDecision {
  if (input.argument) return { ask: false, quantum: input.argument, because: 'given by the caller' };
  if (input.setting !== 'ask') return { ask: false, quantum: input.setting === '16' ? 16 : 8, because: 'the redisReview.rdb.allocatorQuantum setting' };
  const reportedBy: Partial<Record<AllocatorQuantum, string[]>> = {};
  for (const { connection, quantum } of input.reported) (reportedBy[quantum] ??= []).push(connection);
  const agreed = reportedBy[8] && !reportedBy[16] ? 8 : reportedBy[16] && !reportedBy[8] ? 16 : undefined;
  if (!input.interactive) {
    return agreed ? { ask: false, quantum: agreed, because: `reported by ${reportedBy[agreed]!.join(', ')}` } : { ask: false, quantum: 8, because: 'the default (no connected server said)' };
  }
  return { ask: true, order: agreed === 16 ? [16, 8] : [8, 16], reportedBy };
}
