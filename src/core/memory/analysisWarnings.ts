/** Sentences that warn about side effects of reading a live server, shown before the run and kept in the report. */

/**
 * Before Redis 7.2 there is no CLIENT NO-TOUCH: the length reads of an analysis (STRLEN, HLEN, …) count as
 * accesses, so every key's LRU idle time drops to 0 and an allkeys-lru / volatile-lru server then evicts in a
 * different order than the application's traffic would have led to.
 */
export function lruResetWarning(serverVersion: string, nodes: string[]): string {
  const where = nodes.length > 1 ? ` (${nodes.join(', ')})` : '';
  return `Redis ${serverVersion}${where} has no CLIENT NO-TOUCH (it came in 7.2): this analysis resets every key's LRU idle time (OBJECT IDLETIME becomes 0), which changes what an LRU maxmemory-policy evicts next. To leave the server untouched, analyse an RDB snapshot instead (redis-cli --rdb dump.rdb, then an RDB memory analyser), or run against a replica.`;
}

/** The server has CLIENT NO-TOUCH (7.2+, Valkey) but the ACL user may not run it: same effect, another remedy. */
export function noTouchRefusedWarning(serverName: string, nodes: string[], refusal: string): string {
  const where = nodes.length > 1 ? ` (${nodes.join(', ')})` : '';
  return `${serverName}${where} refused CLIENT NO-TOUCH to this user (${refusal.slice(0, 120)}): this analysis resets every key's LRU idle time (OBJECT IDLETIME becomes 0), which changes what an LRU maxmemory-policy evicts next. Allow the user +client|no-touch to leave idle times untouched.`;
}
