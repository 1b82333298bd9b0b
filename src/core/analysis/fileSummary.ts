/** What one project file contributes to the workspace index, as the indexer summarises it. */
import type { HelperSummary } from './crossFileHelpers';
import type { ClientLibrary, ReceiverKind } from './model';
import type { GoClientFields } from './go/goFieldTypes';
import type { GoProjectFacts } from './go/goProjectFacts';
import type { GoHashWrites } from './go/goRecordHashes';

/**
 * Prefix of the commands a script file runs in FileSummary.keyCommands: a key only seeding or maintenance scripts
 * fill is loaded by an operator, not grown by the application's own events.
 */
export const SCRIPT_COMMAND = 'script:';

export interface FileSummary {
  path: string;
  /** fresh: a function that makes a new client on every call, in a module that attaches no 'error' listener. */
  exports: { name: string; kind: ReceiverKind; library: ClientLibrary; async: boolean; returnsClient: boolean; fresh?: boolean; ownMethods?: readonly string[] }[];
  /** Identities ("<path>#<name>") of imported clients this file attaches an 'error' listener to. */
  errorListeners: string[];
  /** Commands run per key pattern ("RPOP jobs:*"); a script file's (`scripts/`, `migrations/`…) carry SCRIPT_COMMAND. */
  keyCommands: { command: string; key: string }[];
  /** The file imports a Redis client library (or a library built on one) or exports a client. */
  usesRedis?: boolean;
  /** A Redis library the module re-exports whole (`module.exports = require(<redis library>)`). */
  reexports?: string;
  /** Functions and methods that send one command per call, for loops in other files that call them. */
  helpers?: HelperSummary[];
  /** The module attaches an 'error' listener somewhere, or imports another project module it may hand a client on to. */
  mayListen?: boolean;
  /** Without a listener of its own: the project modules (import specifiers) it may hand a client on to. */
  handsOnTo?: string[];
  /** The file speaks of Redis Cluster (a cluster client, cluster options, a cluster mode): evidence for clients that may be one. */
  mentionsCluster?: boolean;
  /** Go: struct fields by the go-redis client type they are declared with (for calls in other files of the package). */
  goClientFields?: GoClientFields;
  /** Go: the go-redis clients the file creates, whether it is a program's main package, its hash-tagging key helpers. */
  goFacts?: GoProjectFacts;
  /** Go: the hash key families the file writes with fixed fields only, and those it writes with fields from data. */
  goHashWrites?: GoHashWrites;
  /** Python serializer classes whose loads/deserialize unpickles (see picklingClasses.ts). */
  picklingClasses?: string[];
  /** Commands the module exports bound to its client (`export const getAsync = promisify(client.get).bind(client)`). */
  boundCommands?: { name: string; method: string; receiver: string; library: ClientLibrary }[];
  /** Python: database numbers the module's top level gives constants named for a database (see databaseSettings.ts). */
  databaseSettings?: Record<string, number>;
  /** Java: the file keeps values in Redisson buckets, maps, collections, queues or topics with the client's codec. */
  storesRedissonObjects?: boolean;
  /** Java: the file gives the Spring Redis cache manager's defaults a TTL (see setsCacheDefaultTtl). */
  setsCacheDefaultTtl?: boolean;
  /** Java: the file declares a Spring cache manager or Redis cache configuration (see declaresCacheManager). */
  declaresCacheManager?: boolean;
}
