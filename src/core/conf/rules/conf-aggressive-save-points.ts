/** conf-aggressive-save-points: snapshots more often than once a minute fork constantly. */
import type { ConfRule } from '../rule';

export const confAggressiveSavePoints: ConfRule = {
  id: 'conf-aggressive-save-points',
  code: 'RC067',
  severity: 'warning',
  category: 'latency',
  summary: 'RDB save point under 60 seconds.',
  rationale: 'Each snapshot forks: the fork pauses the server (about 10–20 ms per GB) and copy-on-write can double memory. For sub-minute durability use the AOF.',
  bad: 'save 10 1',
  good: 'save 3600 1 300 100',
  sentinel: false,
  check(context) {
    const fast = context.savePoints().filter(([seconds]) => seconds < 60);
    const directive = context.all('save').find((line) => line.args.some((arg, index) => index % 2 === 0 && Number(arg.value) < 60));
    if (fast.length === 0 || !directive) return [];
    return [{ message: `Save point every ${fast[0][0]} s: frequent forks cost latency and memory; use appendonly for sub-minute durability.`, ...context.lineRange(directive) }];
  },
};
