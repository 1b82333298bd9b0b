/**
 * The "memory available to Redis" the generator sizes everything from, as a person types it ("4gb", "512mb").
 * Every refusal names the value and the accepted range, so a typo never reads as a missing option.
 */
import { formatMemory } from '../values';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1024, m: 1000 ** 2, mb: 1024 ** 2, g: 1000 ** 3, gb: 1024 ** 3 };

/** Below this, maxmemory after headroom leaves too little for buffers and the replication backlog. */
export const MIN_MEMORY_BYTES = 16 * 1024 ** 2;
/** 16 TB: more than any single host offers, and far inside exact integer arithmetic. */
export const MAX_MEMORY_BYTES = 16 * 1024 ** 4;

const RANGE = `from ${formatMemory(MIN_MEMORY_BYTES)} to ${formatMemory(MAX_MEMORY_BYTES)} (e.g. 512mb, 4gb)`;

export type MemorySize = { ok: true; bytes: number } | { ok: false; message: string };

export function parseMemorySize(input: string): MemorySize {
  const text = input.trim();
  const shown = JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input);
  if (!text) return { ok: false, message: `a memory size is required, ${RANGE}` };
  const match = /^([+-]?)(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text);
  if (!match) return { ok: false, message: `${shown} is not a memory size; give a whole number with a unit b, kb, mb or gb, ${RANGE}` };
  const [, sign, digits, unitText] = match;
  // Own properties only: `1constructor` is not a size.
  const unit = Object.hasOwn(UNITS, unitText.toLowerCase()) ? UNITS[unitText.toLowerCase()] : undefined;
  if (unit === undefined) return { ok: false, message: `${shown} has an unknown unit "${unitText}"; use b, kb, mb or gb, ${RANGE}` };
  if (digits.includes('.')) return { ok: false, message: `${shown} is not a whole number; write 1536mb rather than 1.5gb, ${RANGE}` };
  const bytes = Number(digits) * unit;
  if (sign === '-' || bytes < MIN_MEMORY_BYTES) return { ok: false, message: `${shown} is too small: memory must be ${RANGE}` };
  if (bytes > MAX_MEMORY_BYTES) return { ok: false, message: `${shown} is too large: memory must be ${RANGE}` };
  return { ok: true, bytes };
}
