/** The explicit registry of redis.conf lint rules, ordered by code. */
import type { ConfRule } from './rule';
import { confParseError } from './rules/conf-parse-error';
import { confUnknownDirective } from './rules/conf-unknown-directive';
import { confWrongArgCount } from './rules/conf-wrong-arg-count';
import { confInvalidValue } from './rules/conf-invalid-value';
import { confUnsupportedVersion } from './rules/conf-unsupported-version';
import { confDeprecatedAlias } from './rules/conf-deprecated-alias';
import { confIgnoredDirective } from './rules/conf-ignored-directive';
import { confDuplicateDirective } from './rules/conf-duplicate-directive';
import { confUsersAndAclfile } from './rules/conf-users-and-aclfile';
import { confRenameCommand } from './rules/conf-rename-command';
import { confActivedefragUnsupportedBuild } from './rules/conf-activedefrag-unsupported-build';
import { confUnknownWorkload } from './rules/conf-unknown-workload';
import { confMaxmemoryUnset } from './rules/conf-maxmemory-unset';
import { confMaxmemoryTooSmall } from './rules/conf-maxmemory-too-small';
import { confMaxmemoryNoHeadroom } from './rules/conf-maxmemory-no-headroom';
import { confCacheNoeviction } from './rules/conf-cache-noeviction';
import { confQueueEvictingPolicy } from './rules/conf-queue-evicting-policy';
import { confVolatileWithoutTtlKeys } from './rules/conf-volatile-without-ttl-keys';
import { confLfuParamsWithoutLfu } from './rules/conf-lfu-params-without-lfu';
import { confMaxmemoryClientsUnset } from './rules/conf-maxmemory-clients-unset';
import { confLazyfreeOff } from './rules/conf-lazyfree-off';
import { confEncodingThresholdsExtreme } from './rules/conf-encoding-thresholds-extreme';
import { confExposedWithoutAuth } from './rules/conf-exposed-without-auth';
import { confProtectedModeOff } from './rules/conf-protected-mode-off';
import { confWeakPassword } from './rules/conf-weak-password';
import { confDefaultUserUnrestricted } from './rules/conf-default-user-unrestricted';
import { confDangerousCommandsOpen } from './rules/conf-dangerous-commands-open';
import { confProtectedConfigsEnabled } from './rules/conf-protected-configs-enabled';
import { confNoTlsRemote } from './rules/conf-no-tls-remote';
import { confTlsAuthClientsOff } from './rules/conf-tls-auth-clients-off';
import { confPlaintextAclPassword } from './rules/conf-plaintext-acl-password';
import { confMasterauthMissing } from './rules/conf-masterauth-missing';
import { confNoPersistenceDurable } from './rules/conf-no-persistence-durable';
import { confImplicitDefaultSave } from './rules/conf-implicit-default-save';
import { confAppendfsyncAlways } from './rules/conf-appendfsync-always';
import { confAppendfsyncNoDurable } from './rules/conf-appendfsync-no-durable';
import { confNoAppendfsyncOnRewrite } from './rules/conf-no-appendfsync-on-rewrite';
import { confAofWithoutPreamble } from './rules/conf-aof-without-preamble';
import { confStopWritesOnBgsaveErrorOff } from './rules/conf-stop-writes-on-bgsave-error-off';
import { confAggressiveSavePoints } from './rules/conf-aggressive-save-points';
import { confDirRelative } from './rules/conf-dir-relative';
import { confRdbOnPureCache } from './rules/conf-rdb-on-pure-cache';
import { confRdbchecksumOff } from './rules/conf-rdbchecksum-off';
import { confTcpKeepaliveZero } from './rules/conf-tcp-keepalive-zero';
import { confTimeoutWithPools } from './rules/conf-timeout-with-pools';
import { confHzHigh } from './rules/conf-hz-high';
import { confLatencyMonitorOff } from './rules/conf-latency-monitor-off';
import { confSlowlogDisabled } from './rules/conf-slowlog-disabled';
import { confIoThreadsOversized } from './rules/conf-io-threads-oversized';
import { confThpEnabled } from './rules/conf-thp-enabled';
import { confKeyspaceEventsBroad } from './rules/conf-keyspace-events-broad';
import { confBusyThresholdHigh } from './rules/conf-busy-threshold-high';
import { confReplBacklogTooSmall } from './rules/conf-repl-backlog-too-small';
import { confCoblReplicaTooSmall } from './rules/conf-cobl-replica-too-small';
import { confCoblPubsubUnlimited } from './rules/conf-cobl-pubsub-unlimited';
import { confCoblNormalLimited } from './rules/conf-cobl-normal-limited';
import { confMinReplicasUnsetDurable } from './rules/conf-min-replicas-unset-durable';
import { confMinReplicasTooStrict } from './rules/conf-min-replicas-too-strict';
import { confReplicaWritable } from './rules/conf-replica-writable';
import { confMasterNoPersistence } from './rules/conf-master-no-persistence';
import { sentinelQuorum } from './rules/sentinel-quorum';
import { sentinelAuthMissing } from './rules/sentinel-auth-missing';
import { sentinelDownAfterTooLow } from './rules/sentinel-down-after-too-low';
import { sentinelScriptsReconfig } from './rules/sentinel-scripts-reconfig';
import { sentinelInvalidOption } from './rules/sentinel-invalid-option';
import { clusterNodeTimeoutExtreme } from './rules/cluster-node-timeout-extreme';
import { clusterFullCoverage } from './rules/cluster-full-coverage';
import { clusterMultiDb } from './rules/cluster-multi-db';
import { clusterReplicaof } from './rules/cluster-replicaof';

export const CONF_RULES: readonly ConfRule[] = [
  confParseError,
  confUnknownDirective,
  confWrongArgCount,
  confInvalidValue,
  confUnsupportedVersion,
  confDeprecatedAlias,
  confIgnoredDirective,
  confDuplicateDirective,
  confUsersAndAclfile,
  confRenameCommand,
  confActivedefragUnsupportedBuild,
  confUnknownWorkload,
  confMaxmemoryUnset,
  confMaxmemoryTooSmall,
  confMaxmemoryNoHeadroom,
  confCacheNoeviction,
  confQueueEvictingPolicy,
  confVolatileWithoutTtlKeys,
  confLfuParamsWithoutLfu,
  confMaxmemoryClientsUnset,
  confLazyfreeOff,
  confEncodingThresholdsExtreme,
  confExposedWithoutAuth,
  confProtectedModeOff,
  confWeakPassword,
  confDefaultUserUnrestricted,
  confDangerousCommandsOpen,
  confProtectedConfigsEnabled,
  confNoTlsRemote,
  confTlsAuthClientsOff,
  confPlaintextAclPassword,
  confMasterauthMissing,
  confNoPersistenceDurable,
  confImplicitDefaultSave,
  confAppendfsyncAlways,
  confAppendfsyncNoDurable,
  confNoAppendfsyncOnRewrite,
  confAofWithoutPreamble,
  confStopWritesOnBgsaveErrorOff,
  confAggressiveSavePoints,
  confDirRelative,
  confRdbOnPureCache,
  confRdbchecksumOff,
  confTcpKeepaliveZero,
  confTimeoutWithPools,
  confHzHigh,
  confLatencyMonitorOff,
  confSlowlogDisabled,
  confIoThreadsOversized,
  confThpEnabled,
  confKeyspaceEventsBroad,
  confBusyThresholdHigh,
  confReplBacklogTooSmall,
  confCoblReplicaTooSmall,
  confCoblPubsubUnlimited,
  confCoblNormalLimited,
  confMinReplicasUnsetDurable,
  confMinReplicasTooStrict,
  confReplicaWritable,
  confMasterNoPersistence,
  sentinelQuorum,
  sentinelAuthMissing,
  sentinelDownAfterTooLow,
  sentinelScriptsReconfig,
  sentinelInvalidOption,
  clusterNodeTimeoutExtreme,
  clusterFullCoverage,
  clusterMultiDb,
  clusterReplicaof,
];

export function confRule(id: string): ConfRule | undefined {
  return CONF_RULES.find((rule) => rule.id === id || rule.code === id);
}
