/** The few INFO figures the Connections tree shows for a server, derived from parsed INFO. */
import { countOf } from '../text/plural';
import { infoNumber, parseKeyspace, type KeyspaceEntry, type ParsedInfo } from './parseInfo';
import { serverIdentity, shownVersion } from './serverIdentity';

export interface ServerSummary {
  /** As shown: "7.0.15" for Redis, "Valkey 8.0.1" for Valkey. */
  version: string;
  /** "Redis" or "Valkey" (from server_name / valkey_version). */
  serverName: string;
  /** redis_version, the Redis release the server's commands match (7.2.4 on Valkey 8). */
  redisCompatibleVersion: string;
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
    version: shownVersion(info.server),
    serverName: serverIdentity(info.server).name,
    redisCompatibleVersion: serverIdentity(info.server).redisCompatibleVersion,
    role: info.replication?.role ?? 'unknown',
    // Valkey 8 renamed redis_mode to server_mode.
    mode: info.server?.redis_mode ?? info.server?.server_mode ?? 'standalone',
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

/** "14:02:31" for a moment of the day `now` falls in, "Dec 5 14:02" otherwise (local time). */
export function formatClock(atMs: number, nowMs: number = Date.now()): string {
  const at = new Date(atMs);
  const now = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  if (at.toDateString() === now.toDateString()) return `${time}:${pad(at.getSeconds())}`;
  return `${at.toLocaleString('en-US', { month: 'short' })} ${at.getDate()} ${time}`;
}

/**
 * The one-line summary under a connection. With `readAtMs` (a tree row that is not polled) the figures carry
 * their age and the uptime becomes the start time, which stays true:
 * "7.0.15 · master · 1.2 MB / no limit (noeviction) · up since 11:02:04 · 4 clients · as of 14:00:12".
 */
export function describeServer(summary: ServerSummary, readAtMs?: number): string {
  const parts = [summary.version, summary.role];
  if (summary.usedMemoryBytes !== undefined) {
    const max = summary.maxMemoryBytes ? formatBytes(summary.maxMemoryBytes) : 'no limit';
    parts.push(`${formatBytes(summary.usedMemoryBytes)} / ${max}${summary.maxMemoryPolicy ? ` (${summary.maxMemoryPolicy})` : ''}`);
  }
  if (summary.uptimeSeconds !== undefined) {
    parts.push(readAtMs === undefined ? `up ${formatDuration(summary.uptimeSeconds)}` : `up since ${formatClock(readAtMs - summary.uptimeSeconds * 1000, readAtMs)}`);
  }
  if (summary.connectedClients !== undefined) parts.push(countOf(summary.connectedClients, 'client'));
  if (readAtMs !== undefined) parts.push(`as of ${formatClock(readAtMs, readAtMs)}`);
  return parts.join(' · ');
}
