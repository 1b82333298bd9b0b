/** Dotted version numbers as Redis and Valkey write them ("7.4.0", "7.0.15"). */

/** Compares dotted versions numerically ("7.4.0" > "7.0.15"); missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
