/** sentinel.conf for each of the three sentinels watching the generated master. */
import { ConfWriter } from './confWriter';
import type { ResolvedOptions } from './options';
import { headerLine } from './redisConf';

export const MASTER_NAME = 'redis-main';

export function renderSentinelConf(options: ResolvedOptions, port: number): string {
  const writer = new ConfWriter();
  const masterPort = options.ports[0];
  writer.raw(headerLine(options));
  writer.comment(`Sentinel ${port} for the ${options.workload} deployment. Run three sentinels on independent hosts.`);
  writer.comment('Sentinel rewrites this file with its state: it must be writable by the redis user. It holds secrets: mode 0600.');
  writer.section('Network');
  writer.set('port', [options.tls ? 0 : port], options.tls ? 'no plaintext listener' : undefined);
  writer.set('bind', ['127.0.0.1', '-::1', ...options.bind], 'explicit interfaces only');
  writer.set('protected-mode', ['yes'], 'the shipped sentinel.conf turns this off; keep it on and require a password instead');
  writer.set('daemonize', ['no'], 'systemd supervises the process');
  writer.set('pidfile', [`${options.runDir}/redis-sentinel-${port}.pid`]);
  writer.set('logfile', [`${options.logDir}/redis-sentinel-${port}.log`]);
  writer.set('dir', [`${options.dataDir}/sentinel-${port}`], 'absolute working directory');
  if (options.tls) {
    writer.set('tls-port', [port], 'clients and peers reach Sentinel over TLS');
    writer.set('tls-cert-file', [`${options.configDir}/tls/redis.crt`]);
    writer.set('tls-key-file', [`${options.configDir}/tls/redis.key`]);
    writer.set('tls-ca-cert-file', [`${options.configDir}/tls/ca.crt`]);
    writer.set('tls-replication', ['yes'], 'talk TLS to the data nodes');
  }
  writer.section('Authentication');
  writer.set('requirepass', [options.secrets['sentinel-clients'] ?? ''], 'clients (and the other sentinels) must authenticate to this sentinel');
  writer.set('sentinel', ['sentinel-pass', options.secrets['sentinel-clients'] ?? ''], 'password this sentinel uses towards the other sentinels');
  writer.section('Monitoring');
  writer.set('sentinel', ['monitor', MASTER_NAME, options.announceHost, masterPort, 2], 'quorum 2 of 3: one partitioned sentinel cannot trigger a failover');
  writer.set('sentinel', ['auth-user', MASTER_NAME, 'sentinel'], 'dedicated ACL user on the data nodes with only the commands Sentinel needs');
  writer.set('sentinel', ['auth-pass', MASTER_NAME, options.secrets.sentinel ?? '']);
  writer.set('sentinel', ['down-after-milliseconds', MASTER_NAME, options.downAfterMs], 'how long the master may be unreachable before it is considered down');
  writer.set('sentinel', ['failover-timeout', MASTER_NAME, 60000]);
  writer.set('sentinel', ['parallel-syncs', MASTER_NAME, 1], 'reconfigure one replica at a time so the others keep serving reads');
  writer.set('sentinel', ['deny-scripts-reconfig', 'yes'], 'clients may not change the scripts Sentinel runs');
  return writer.toString();
}
