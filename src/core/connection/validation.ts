/** Checks a profile before it is saved or used, returning every problem with the field it concerns. */
import type { ConnectionProfile, HostPort } from './profile';

export interface ProfileProblem {
  field: string;
  message: string;
}

function checkAddress(field: string, address: HostPort, problems: ProfileProblem[]): void {
  if (!address.host || /\s/.test(address.host)) problems.push({ field, message: `"${address.host}" is not a host name` });
  if (!Number.isInteger(address.port) || address.port < 1 || address.port > 65535) {
    problems.push({ field, message: `${address.port} is not a TCP port (1-65535)` });
  }
}

export function validateProfile(profile: ConnectionProfile): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  if (!profile.name.trim()) problems.push({ field: 'name', message: 'A connection needs a name' });
  if (!Number.isInteger(profile.db) || profile.db < 0) problems.push({ field: 'db', message: 'The database is a number ≥ 0' });
  if (profile.topology === 'standalone') checkAddress('host', { host: profile.host, port: profile.port }, problems);
  if (profile.topology === 'sentinel') {
    if (!profile.sentinel?.addresses.length) problems.push({ field: 'sentinel.addresses', message: 'Give at least one Sentinel address' });
    else profile.sentinel.addresses.forEach((a) => checkAddress('sentinel.addresses', a, problems));
    if (!profile.sentinel?.masterName.trim()) problems.push({ field: 'sentinel.masterName', message: 'Give the master name Sentinel monitors (e.g. "mymaster")' });
  }
  if (profile.topology === 'cluster') {
    if (!profile.cluster?.seeds.length) problems.push({ field: 'cluster.seeds', message: 'Give at least one cluster node address' });
    else profile.cluster.seeds.forEach((a) => checkAddress('cluster.seeds', a, problems));
    if (profile.db !== 0) problems.push({ field: 'db', message: 'Redis Cluster only has database 0' });
  }
  if (profile.tls) {
    if (Boolean(profile.tls.certFile) !== Boolean(profile.tls.keyFile)) {
      problems.push({ field: 'tls', message: 'A client certificate needs its key file too (and the other way round)' });
    }
  }
  for (const [field, value] of [['connectTimeoutMs', profile.connectTimeoutMs], ['commandTimeoutMs', profile.commandTimeoutMs]] as const) {
    if (!Number.isFinite(value) || value < 100 || value > 600_000) problems.push({ field, message: 'Timeouts are between 100 ms and 10 minutes' });
  }
  if (!profile.delimiters.length || profile.delimiters.some((d) => d === '')) {
    problems.push({ field: 'delimiters', message: 'Give at least one non-empty key delimiter' });
  }
  return problems;
}
