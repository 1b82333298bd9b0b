/** The few INFO figures the Connections tree shows for a server, derived from parsed INFO. */
import { infoNumber, parseKeyspace, type KeyspaceEntry, type ParsedInfo } from './parseInfo';

export interface ServerSummary {
  version: string;
  role: string;
  mode: string;
  usedMemoryBytes?: number;
  maxMemoryBytes?: number;
  maxMemoryPolicy?: string;
  uptimeSeconds?: number;
  connectedClients?: number;
  keyspace: KeyspaceEntry[];
}

export function summarizeServer(info: ParsedInfo): ServerSummary {
  return {
    version: info.server?.redis_version ?? 'unknown',
    role: info.replication?.role ?? 'unknown',
    mode: info.server?.redis_mode ?? 'standalone',
    usedMemoryBytes: infoNumber(info.memory, 'used_memory'),
    maxMemoryBytes: infoNumber(info.memory, 'maxmemory'),
    maxMemoryPolicy: info.memory?.maxmemory_policy,
    uptimeSeconds: infoNumber(info.server, 'uptime_in_seconds'),
    connectedClients: infoNumber(info.clients, 'connected_clients'),
    keyspace: parseKeyspace(info.keyspace),
  };
}

/** "1.5 MB" style sizes (binary units, as redis-cli prints used_memory_human). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** "3d 4h", "5h 2m", "42s". */
export function formatDuration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d) return `${d}d ${h}h`;
  if (h) return `${h}h ${m}m`;
  if (m) return `${m}m ${seconds % 60}s`;
  return `${seconds}s`;
}

/** The one-line summary under a connection: "7.0.15 · master · 1.2 MB / no limit (noeviction) · up 3h 2m · 4 clients". */
export function describeServer(summary: ServerSummary): string {
  const parts = [summary.version, summary.role];
  if (summary.usedMemoryBytes !== undefined) {
    const max = summary.maxMemoryBytes ? formatBytes(summary.maxMemoryBytes) : 'no limit';
    parts.push(`${formatBytes(summary.usedMemoryBytes)} / ${max}${summary.maxMemoryPolicy ? ` (${summary.maxMemoryPolicy})` : ''}`);
  }
  if (summary.uptimeSeconds !== undefined) parts.push(`up ${formatDuration(summary.uptimeSeconds)}`);
  if (summary.connectedClients !== undefined) parts.push(`${summary.connectedClients} clients`);
  return parts.join(' · ');
}
