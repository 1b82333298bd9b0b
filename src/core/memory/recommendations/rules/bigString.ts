/** Strings over 100 KB: every GET copies the whole value through the single command thread and the network. */
import { countKeys, exampleKeys, formatBytes, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

const THRESHOLD = 100_000;

export const bigString: Recommendation = {
  id: 'big-string',
  severity: 'warning',
  title: 'Avoid large strings',
  rationale: 'Reading or writing a string of hundreds of kilobytes occupies the server for the whole copy, fills client output buffers and, in a Cluster, makes one slot disproportionately heavy.',
  check({ keys }) {
    const count = countKeys(keys, 'string', (k) => k.memory > THRESHOLD);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'string', (k) => k.memoryBytes > THRESHOLD);
    return {
      evidence: `${countOf(count, 'string')} above ${formatBytes(THRESHOLD)}, e.g. ${examples.map((k) => `${k.key} (${formatBytes(k.memoryBytes)})`).join(', ')}.`,
      action: 'Store the value compressed (gzip/zstd before SET), split it into chunks (SET <key>:part:<n>), or keep the blob in object storage and only its reference in Redis.',
      examples: examples.map((k) => k.key),
    };
  },
};
