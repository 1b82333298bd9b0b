/** Long key names on many keys: the name is stored per key (and again in every replica and RDB). */
import { formatCount, formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';

const AVERAGE_BYTES = 64;
const MIN_KEYS = 1000;

export const longKeyNames: Recommendation = {
  id: 'long-key-names',
  severity: 'info',
  title: 'Use shorter key names',
  rationale: 'Every key stores its full name; with many keys, names of 60+ bytes can cost as much as the values. Short, consistent prefixes keep memory down and the namespace tree readable.',
  check({ keys, report }) {
    const average = keys.averageKeyNameLength();
    if (report.totalKeys < MIN_KEYS || average < AVERAGE_BYTES) return undefined;
    return {
      evidence: `${formatCount(report.totalKeys)} keys with an average name length of ${average.toFixed(0)} bytes (about ${formatBytes(average * report.totalKeys)} in names alone).`,
      action: 'Shorten prefixes at the write sites (e.g. "user_session_storage:" → "sess:") and hash long natural identifiers (sha1 of a URL) into fixed-size ids.',
    };
  },
};
