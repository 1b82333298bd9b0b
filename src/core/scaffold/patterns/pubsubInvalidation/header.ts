/** The opening comment of the generated pub/sub invalidation modules. */
import type { ModuleHeader } from '../../header';

export function pubsubInvalidationHeader(prefix: string): ModuleHeader {
  return {
    patternId: 'pubsub-invalidation',
    title: 'Pub/Sub invalidation: an in-process cache in front of Redis, invalidated across instances by Pub/Sub.',
    why: [
      'Hot values are served from local memory; Redis strings (with a TTL) are the shared copy. Every write',
      'publishes the key on one channel, and every instance listens on a dedicated subscriber connection and',
      'drops its local copy. Pub/Sub is at-most-once, so a subscriber that reconnects clears its whole local',
      'cache, local entries also expire on their own, and a read that races an invalidation does not keep the',
      'stale value (a generation counter detects the race).',
    ],
    complexity: ['get: O(1) locally, one GET on a local miss. set, delete: O(1) plus one PUBLISH (O(subscribers)).'],
    memory: ['Redis: ~70 bytes + value size per key. Local: max_items entries of the deserialised value per instance.'],
    keys: [`${prefix}:<key> (string, TTL = ttl), channel ${prefix}:invalidations.`],
    limits: [
      'On Redis Cluster PUBLISH is broadcast to every node; at high write rates consider sharded pub/sub (SPUBLISH).',
      'Between a write and the delivery of its message, other instances may serve the old value (milliseconds).',
    ],
  };
}
