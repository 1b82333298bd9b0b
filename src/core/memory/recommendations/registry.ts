/** The explicit registry of memory recommendations, in the order they are reported. */
import { aofWriteFailed } from './rules/aofWriteFailed';
import { bigHash } from './rules/bigHash';
import { bigSet } from './rules/bigSet';
import { bigSortedSet } from './rules/bigSortedSet';
import { bigString } from './rules/bigString';
import { cacheNamespaceWithoutTtl } from './rules/cacheNamespaceWithoutTtl';
import { clusterKeyImbalance } from './rules/clusterKeyImbalance';
import { clusterMemoryImbalance } from './rules/clusterMemoryImbalance';
import { evictionsHappening } from './rules/evictionsHappening';
import { hashPastListpack } from './rules/hashPastListpack';
import { highFragmentation } from './rules/highFragmentation';
import { hotKeysLfu } from './rules/hotKeysLfu';
import { listCompression } from './rules/listCompression';
import { listWithoutTrim } from './rules/listWithoutTrim';
import { logicalDatabases } from './rules/logicalDatabases';
import { longKeyNames } from './rules/longKeyNames';
import { lowHitRatio } from './rules/lowHitRatio';
import { manyCachedScripts } from './rules/manyCachedScripts';
import { manyConnectedClients } from './rules/manyConnectedClients';
import { maxmemoryNearLimit } from './rules/maxmemoryNearLimit';
import { noMaxmemory } from './rules/noMaxmemory';
import { noPersistencePrimaryData } from './rules/noPersistencePrimaryData';
import { noevictionOnCache } from './rules/noevictionOnCache';
import { nopassUser } from './rules/nopassUser';
import { oldServerVersion } from './rules/oldServerVersion';
import { rdbSaveFailed } from './rules/rdbSaveFailed';
import { rejectedConnections } from './rules/rejectedConnections';
import { setIntsetLimit } from './rules/setIntsetLimit';
import { smallReplicationBacklog } from './rules/smallReplicationBacklog';
import { smallStringsToHashes } from './rules/smallStringsToHashes';
import { streamWithoutTrim } from './rules/streamWithoutTrim';
import { volatilePolicyWithoutTtls } from './rules/volatilePolicyWithoutTtls';
import { zsetPastListpack } from './rules/zsetPastListpack';
import type { Recommendation } from './recommendation';

export const RECOMMENDATIONS: Recommendation[] = [
  bigHash,
  bigString,
  bigSet,
  bigSortedSet,
  smallStringsToHashes,
  hashPastListpack,
  zsetPastListpack,
  setIntsetLimit,
  listCompression,
  listWithoutTrim,
  streamWithoutTrim,
  cacheNamespaceWithoutTtl,
  longKeyNames,
  noMaxmemory,
  maxmemoryNearLimit,
  volatilePolicyWithoutTtls,
  noevictionOnCache,
  evictionsHappening,
  lowHitRatio,
  highFragmentation,
  noPersistencePrimaryData,
  rdbSaveFailed,
  aofWriteFailed,
  smallReplicationBacklog,
  hotKeysLfu,
  clusterMemoryImbalance,
  clusterKeyImbalance,
  logicalDatabases,
  manyConnectedClients,
  rejectedConnections,
  manyCachedScripts,
  nopassUser,
  oldServerVersion,
];
