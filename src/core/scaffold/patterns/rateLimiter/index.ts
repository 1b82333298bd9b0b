/** The rate-limiter pattern: sliding-window log in a sorted set, one Lua script per decision. */
import type { ScaffoldPattern } from '../../types';
import { rateLimiterPython } from './python';
import { rateLimiterPythonTest, rateLimiterTypescriptTest } from './tests';
import { rateLimiterTypescript } from './typescript';

export const rateLimiter: ScaffoldPattern = {
  id: 'rate-limiter',
  title: 'Rate limiter',
  description: 'Sliding-window limit per identifier, decided atomically in one Lua script (no INCR + EXPIRE race).',
  structures: 'sorted set, Lua (ZREMRANGEBYSCORE, ZCARD, ZADD, PEXPIRE)',
  defaultPrefix: 'ratelimit',
  multiKey: false,
  templates: {
    python: { moduleName: 'rate_limiter', module: rateLimiterPython, test: rateLimiterPythonTest },
    typescript: { moduleName: 'rateLimiter', module: rateLimiterTypescript, test: rateLimiterTypescriptTest },
  },
};
