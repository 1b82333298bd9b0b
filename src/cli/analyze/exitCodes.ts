/** Exit codes of `redis-review analyze`, distinct so scripts can tell a full report from a partial one and why. */
export const ANALYZE_EXIT = {
  /** The report covers every key (or the whole sample). */
  complete: 0,
  /** Bad command-line input (also internal errors, as for every subcommand). */
  usage: 2,
  /** No analysis started: the server could not be reached, refused the login or the database. */
  cannotConnect: 3,
  /** The connection was lost mid-run: a partial report (`complete: false`) was written, resumable. */
  connectionLost: 4,
  /** The server refused a command mid-run (e.g. an ACL change): a partial report was written, resumable once fixed. */
  commandRefused: 5,
  /** An RDB (--rdb, --via-rdb) could not be read to its end: truncated, CRC mismatch, unknown opcode. A partial report was written. */
  unreadableRdb: 6,
  /** Interrupted (Ctrl-C / SIGINT): a partial report was written, resumable. 128 + SIGINT, as shells report it. */
  interrupted: 130,
} as const;
