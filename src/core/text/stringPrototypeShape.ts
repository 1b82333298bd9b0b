/**
 * Keeps String.prototype in V8's fast-properties mode for the per-key paths of a memory analysis (live or from an
 * RDB), which read key names through charCodeAt millions of times.
 *
 * Declaring a class that extends String (ioredis does at load, for RESP3 verbatim strings) turns String.prototype
 * into a slow dictionary-mode object; every charCodeAt then takes a slow lookup (five times slower in a loop), and
 * an analysis in a process that had loaded ioredis (the CLI, the extension) took about a third longer than in
 * one that had not. V8 makes a prototype fast again once an inline cache records a property load through an
 * object inheriting from it: a loop of loads long enough for this function to get its feedback does that, in
 * microseconds. Nothing observable changes.
 */
export function keepStringPrototypeFast(): void {
  const inheriting = Object.create(String.prototype) as { charCodeAt?: unknown };
  for (let i = 0; i < 1000; i++) void inheriting.charCodeAt;
}
