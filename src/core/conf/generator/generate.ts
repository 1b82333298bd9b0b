/** The redis.conf generator: pure function from workload choices to the files of a deployable set. */
import { renderBackupScript, renderRestoreNotes } from './backupScript';
import { renderClusterScript } from './clusterScript';
import { renderAlertRules, renderMonitoringNotes } from './monitoring';
import { resolveOptions, type GeneratorOptions } from './options';
import { renderReadme } from './readme';
import { renderRedisConf } from './redisConf';
import { renderSentinelConf } from './sentinelConf';
import { secretsEnv, usersAcl } from './acl';

export interface GeneratedFile {
  /** Relative path inside the output folder. */
  path: string;
  content: string;
  /** File mode (0o600 for secrets, 0o755 for scripts); undefined = 0o644. */
  mode?: number;
}

/** Which file a data node's config goes to: redis.conf for the (first) master, redis-replica-N.conf, redis-<port>.conf in cluster mode. */
export function generateRedisConfig(input: GeneratorOptions): GeneratedFile[] {
  const options = resolveOptions(input);
  const files: GeneratedFile[] = [];
  // Configs with masterauth/sentinel passwords hold plaintext secrets.
  const confMode = options.mode === 'standalone' ? undefined : 0o600;
  const master = { host: options.announceHost, port: options.ports[0] };
  if (options.mode === 'cluster') {
    for (const port of options.ports.slice(0, options.nodeCount)) {
      files.push({ path: `redis-${port}.conf`, content: renderRedisConf(options, { port }), mode: confMode });
    }
    files.push({ path: 'create-cluster.sh', content: renderClusterScript(options), mode: 0o755 });
  } else {
    files.push({ path: 'redis.conf', content: renderRedisConf(options, { port: options.ports[0] }), mode: confMode });
    for (let i = 1; i < options.nodeCount; i++) {
      files.push({ path: `redis-replica-${i}.conf`, content: renderRedisConf(options, { port: options.ports[i], replicaOf: master }), mode: confMode });
    }
  }
  if (options.mode === 'sentinel') {
    options.sentinelPorts.slice(0, 3).forEach((port, index) => {
      files.push({ path: `sentinel-${index + 1}.conf`, content: renderSentinelConf(options, port), mode: 0o600 });
    });
  }
  files.push({ path: 'users.acl', content: usersAcl(options), mode: 0o640 });
  files.push({ path: 'secrets.env', content: secretsEnv(options), mode: 0o600 });
  if (options.monitoring) {
    files.push({ path: 'redis-alerts.yml', content: renderAlertRules(options) });
    files.push({ path: 'MONITORING.md', content: renderMonitoringNotes(options) });
  }
  if (options.backup) {
    files.push({ path: 'backup.sh', content: renderBackupScript(options), mode: 0o755 });
    files.push({ path: 'RESTORE.md', content: renderRestoreNotes(options) });
  }
  files.push({ path: 'README.md', content: renderReadme(options, files) });
  return files;
}

export { resolveOptions, SECRET_NAMES, DURABILITIES, type GeneratorOptions, type Durability } from './options';
export { aclUsers } from './acl';
export { PROFILES } from './profiles';
export { MASTER_NAME } from './sentinelConf';
