/** Facts about a Go file that only the Go rules read (redigo dials, connections taken from pools, clients closed per call). */
import type { FunctionInfo } from '../model';
import type { Span } from '../../findings';

/** A redigo `redis.Dial*` call and the timeouts it sets. */
export interface GoDial {
  /** "Dial", "DialURL", "DialContext", "DialTimeout". */
  factory: string;
  span: Span;
  callSpan: Span;
  hasReadTimeout: boolean;
  hasWriteTimeout: boolean;
  /** Options come from the caller (`opts...`): they may carry timeouts. */
  optionsFromCaller: boolean;
  /** Inside the `Dial` function of a `redis.Pool` literal. */
  inPoolDial: boolean;
  enclosingFunction?: FunctionInfo;
  /** The dial runs in `main` of package main: a one-shot program rather than a server, unless it serves HTTP. */
  inMain: boolean;
}

/** A redigo connection taken from a pool or dialled, and what the function does with it. */
export interface GoConnectionTake {
  /** Variable holding the connection. */
  name: string;
  /** "Get", "Dial", ... */
  factory: string;
  span: Span;
  /** `defer name.Close()` (or a deferred func closing it) in the function. */
  deferredClose: boolean;
  /** A plain `name.Close()` somewhere in the function. */
  plainClose: boolean;
  /** A `return` between the take and the deferred close that leaves without closing (error checks on conn.Err() excepted). */
  returnBeforeDefer: boolean;
  /** The connection leaves the function: returned, stored in a field, passed to a function or goroutine. */
  handedOver: boolean;
  enclosingFunction?: FunctionInfo;
  inMain: boolean;
}

/** A client created inside a function and closed there again: a client per call. */
export interface GoClientPerCall {
  /** The constructor or factory ("redis.NewClient", "config.RedisClient"). */
  factory: string;
  span: Span;
  closed: boolean;
  enclosingFunction?: FunctionInfo;
}

export interface GoFileFacts {
  dials: GoDial[];
  connectionTakes: GoConnectionTake[];
  clientsPerCall: GoClientPerCall[];
  /** Package-level function names of the file (helpers whose calls in loops are round trips). */
  redisHelpers: Map<string, { command: string; span: Span }>;
}
