/**
 * Parses Redis 8's INFO KEYSIZES section ("db0_distrib_strings_sizes:2=1,4=3,1K=2"): per database and type,
 * how many keys fall in each power-of-two size bucket (bytes for strings, items for collections).
 */
import type { InfoSection } from '../info/parseInfo';

/** { "db0 strings sizes": { "2": 1, "4": 3, "1K": 2 } } */
export type KeySizeHistograms = Record<string, Record<string, number>>;

const FIELD = /^db(\d+)_distrib_([a-z]+)_(sizes|items)$/;

export function parseKeySizes(section: InfoSection | undefined): KeySizeHistograms {
  const histograms: KeySizeHistograms = {};
  for (const [field, value] of Object.entries(section ?? {})) {
    const match = FIELD.exec(field);
    if (!match) continue;
    const buckets: Record<string, number> = {};
    for (const part of value.split(',')) {
      const [bucket, count] = part.split('=');
      if (bucket && count !== undefined && Number.isFinite(Number(count))) buckets[bucket] = Number(count);
    }
    histograms[`db${match[1]} ${match[2]} ${match[3]}`] = buckets;
  }
  return histograms;
}

/** Total keys the histograms account for (for the overview line shown before the scan starts). */
export function keySizeTotal(histograms: KeySizeHistograms): number {
  return Object.values(histograms).reduce((sum, buckets) => sum + Object.values(buckets).reduce((a, b) => a + b, 0), 0);
}
