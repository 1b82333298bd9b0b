/** Streams with more than 10,000 entries: XADD without MAXLEN/MINID keeps every entry forever. */
import { countKeys, describeKey, exampleKeys, formatCount } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf, wordFor } from '../../../text/plural';

const THRESHOLD = 10_000;

export const streamWithoutTrim: Recommendation = {
  id: 'stream-without-trim',
  severity: 'warning',
  title: 'Trim streams as you add to them',
  rationale: 'A stream keeps every entry until trimmed, acknowledged or not; consumers do not remove entries. Without MAXLEN or MINID the stream is an unbounded log in RAM.',
  check({ keys }) {
    const count = countKeys(keys, 'stream', (k) => k.length > THRESHOLD);
    if (count === 0) return undefined;
    const examples = exampleKeys(keys, 'stream', (k) => k.length > THRESHOLD);
    return {
      evidence: `${countOf(count, 'stream')} ${wordFor(count, 'holds', 'hold')} more than ${formatCount(THRESHOLD)} entries, e.g. ${examples.map((k) => describeKey(k, 'entries')).join(', ')}.`,
      action: 'Add an approximate cap to every write: XADD <key> MAXLEN ~ 10000 * field value (or MINID ~ <ms-id> for time-based retention), or run XTRIM <key> MAXLEN ~ 10000 periodically.',
      examples: examples.map((k) => k.key),
    };
  },
};
