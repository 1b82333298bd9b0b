/** The pubsub-invalidation pattern: local cache invalidated across instances over Pub/Sub. */
import type { ScaffoldPattern } from '../../types';
import { pubsubInvalidationPython } from './python';
import { pubsubInvalidationPythonTest, pubsubInvalidationTypescriptTest } from './tests';
import { pubsubInvalidationTypescript } from './typescript';

export const pubsubInvalidation: ScaffoldPattern = {
  id: 'pubsub-invalidation',
  title: 'Pub/Sub invalidation',
  description: 'In-process cache in front of Redis, invalidated across instances via Pub/Sub on a dedicated subscriber connection.',
  structures: 'string with TTL, Pub/Sub channel (PUBLISH / SUBSCRIBE)',
  defaultPrefix: 'shared',
  multiKey: false,
  templates: {
    python: { moduleName: 'pubsub_invalidation', module: pubsubInvalidationPython, test: pubsubInvalidationPythonTest },
    typescript: { moduleName: 'pubsubInvalidation', module: pubsubInvalidationTypescript, test: pubsubInvalidationTypescriptTest },
  },
};
