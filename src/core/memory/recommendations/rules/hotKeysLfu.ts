/** Under an LFU policy, keys whose access counter is near saturation: one hot key pins one shard's CPU. */
import { formatBytes } from '../evidence';
import type { Recommendation } from '../recommendation';
import { countOf } from '../../../text/plural';

/** With the default lfu-log-factor 10, a counter of 100 takes on the order of a million accesses. */
const HOT_COUNTER = 100;

export const hotKeysLfu: Recommendation = {
  id: 'hot-keys-lfu',
  severity: 'info',
  title: 'Hot keys',
  rationale: 'Every access to a single key lands on one server (one shard in a Cluster); a few keys with saturated LFU counters show where caching closer to the application or splitting the key pays off.',
  check({ facts, keys }) {
    const policy = facts.nodes[0]?.config['maxmemory-policy'] ?? '';
    if (!policy.endsWith('-lfu')) return undefined;
    const hot = keys.hotKeys.values().filter((k) => k.lfuFrequency >= HOT_COUNTER);
    if (hot.length === 0) return undefined;
    return {
      evidence: `${countOf(hot.length, 'key')} with an LFU counter of ${HOT_COUNTER} or more (${policy}, lfu-log-factor ${facts.nodes[0]?.config['lfu-log-factor'] ?? '?'}): ${hot
        .slice(0, 5)
        .map((k) => `${k.key} (counter ${k.lfuFrequency}, ${formatBytes(k.memoryBytes)})`)
        .join(', ')}.`,
      action: 'Cache these values in the application (client-side caching: CLIENT TRACKING with redis-py/ioredis caching support), read them from replicas, or split a hot key into N copies (<key>:{0..N-1}) read at random.',
      examples: hot.slice(0, 5).map((k) => k.key),
    };
  },
};
