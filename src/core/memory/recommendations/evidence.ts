/** Small helpers the recommendation checks share: counting keys by condition, picking examples, formatting numbers. */
import type { MemoryCollector } from '../memoryCollector';
import type { KeySummary } from '../types';

export interface KeyFacts {
  memory: number;
  length: number;
  /** -1 without a TTL, positive with one (only whether a key has one is kept per key). */
  ttl: number;
}

/** Weighted number of keys of `type` meeting `predicate` (an estimate when sampling). */
export function countKeys(keys: MemoryCollector, type: string, predicate: (key: KeyFacts) => boolean): number {
  const columns = keys.columns.get(type);
  if (!columns) return 0;
  let count = 0;
  const facts: KeyFacts = { memory: 0, length: 0, ttl: 0 };
  const table = columns.facts;
  for (let i = 0; i < table.rowCount; i++) {
    facts.memory = table.memory[i];
    facts.length = table.length[i];
    facts.ttl = table.ttl[i];
    if (predicate(facts)) count += table.weight[i];
  }
  return Math.round(count);
}

/** Up to `limit` of the biggest keys of `type` (by memory and by length) that meet `predicate`. */
export function exampleKeys(keys: MemoryCollector, type: string, predicate: (key: KeySummary) => boolean, limit = 3): KeySummary[] {
  const columns = keys.columns.get(type);
  if (!columns) return [];
  const seen = new Set<string>();
  const out: KeySummary[] = [];
  for (const summary of [...columns.byLength.values(), ...columns.byMemory.values()]) {
    if (out.length >= limit) break;
    if (seen.has(summary.key) || !predicate(summary)) continue;
    seen.add(summary.key);
    out.push(summary);
  }
  return out;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '0 %';
}

/** "user:1 (6,000 fields, 310.2 KB)" for evidence lines. */
export function describeKey(summary: KeySummary, unit: string): string {
  return `${summary.key} (${formatCount(summary.length)} ${unit}, ${formatBytes(summary.memoryBytes)})`;
}

/** Namespace patterns that look like caches or sessions by name. */
export const CACHE_LIKE = /(^|[:._/-])(cache|cached|session|sessions|sess|tmp|temp|token|tokens|otp|nonce|lock|locks|ratelimit|rate|rl|throttle)([:._/-]|\*|$)/i;
