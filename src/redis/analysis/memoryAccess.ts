/**
 * Whether this connection may run MEMORY USAGE. ACL users without +memory, servers with `rename-command MEMORY`
 * and managed caches that block it refuse it — inside the inspect script that aborts the whole call, and in a
 * pipeline every size silently reads as 0. One probe up front lets the analysis switch to labelled estimates.
 */
import type Redis from 'ioredis';

export type MemoryAccess = { readable: true } | { readable: false; reason: string };

/** A name no application uses; MEMORY USAGE of a missing key answers nil, so nothing is read or created. */
const PROBE_KEY = 'redis-review:memory-usage-probe';

export async function probeMemoryAccess(connection: Redis, username?: string): Promise<MemoryAccess> {
  try {
    await connection.call('MEMORY', 'USAGE', PROBE_KEY);
    return { readable: true };
  } catch (error) {
    const message = String((error as Error).message);
    // Redis checks the command and the ACL before redirecting: a Cluster redirect means MEMORY USAGE is allowed.
    if (/^(MOVED|ASK|TRYAGAIN|CLUSTERDOWN)\b/.test(message)) return { readable: true };
    // A key-pattern refusal says nothing about the command itself: real keys may well be readable.
    if (/NOPERM/i.test(message) && /key/i.test(message) && !/command/i.test(message)) return { readable: true };
    if (/NOPERM/i.test(message)) {
      return { readable: false, reason: `the ACL user "${username ?? 'default'}" may not run MEMORY USAGE (grant it with ACL SETUSER ${username ?? 'default'} +memory|usage)` };
    }
    if (/unknown command|unknown subcommand/i.test(message)) {
      return { readable: false, reason: 'the server does not offer MEMORY USAGE (the command is renamed or disabled, as managed services often do)' };
    }
    return { readable: false, reason: `the server refused MEMORY USAGE (${message.slice(0, 200)})` };
  }
}
