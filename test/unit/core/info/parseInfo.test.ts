/** INFO parsing, server summary and CLUSTER NODES parsing. */
import { describe, expect, it } from 'vitest';
import { formatSlots, parseClusterNodes, slotCount } from '../../../../src/core/info/clusterNodes';
import { flattenInfo, infoNumber, parseCommandStats, parseInfo, parseKeyspace } from '../../../../src/core/info/parseInfo';
import { describeServer, formatBytes, formatDuration, summarizeServer } from '../../../../src/core/info/serverSummary';

const INFO = [
  '# Server', 'redis_version:7.0.15', 'redis_mode:standalone', 'uptime_in_seconds:7380', '',
  '# Clients', 'connected_clients:4', '',
  '# Memory', 'used_memory:1572864', 'maxmemory:0', 'maxmemory_policy:noeviction', '',
  '# Replication', 'role:master', '',
  '# Commandstats', 'cmdstat_get:calls=3,usec=12,usec_per_call=4.00,rejected_calls=0,failed_calls=1', 'cmdstat_config|get:calls=1,usec=5,usec_per_call=5.00,rejected_calls=2,failed_calls=0', '',
  '# Keyspace', 'db0:keys=10,expires=2,avg_ttl=1000', 'db3:keys=1,expires=0,avg_ttl=0', '',
].join('\r\n');

describe('parseInfo', () => {
  const info = parseInfo(INFO);
  it('splits sections and fields', () => {
    expect(info.server.redis_version).toBe('7.0.15');
    expect(infoNumber(info.memory, 'used_memory')).toBe(1572864);
    expect(infoNumber(info.memory, 'maxmemory_policy')).toBeUndefined();
    expect(flattenInfo(info).role).toBe('master');
    expect(parseInfo('a:1').default).toEqual({ a: '1' });
  });

  it('parses keyspace and commandstats', () => {
    expect(parseKeyspace(info.keyspace)).toEqual([{ db: 0, keys: 10, expires: 2, avgTtlMs: 1000 }, { db: 3, keys: 1, expires: 0, avgTtlMs: 0 }]);
    expect(parseCommandStats(info.commandstats)).toEqual([
      { command: 'get', calls: 3, usec: 12, rejectedCalls: 0, failedCalls: 1 },
      { command: 'config|get', calls: 1, usec: 5, rejectedCalls: 2, failedCalls: 0 },
    ]);
  });

  it('summarises a server for the tree', () => {
    const summary = summarizeServer(info);
    expect(summary).toMatchObject({ version: '7.0.15', role: 'master', connectedClients: 4, maxMemoryPolicy: 'noeviction' });
    expect(describeServer(summary)).toBe('7.0.15 · master · 1.50 MB / no limit (noeviction) · up 2h 3m · 4 clients');
    // For a row that is not polled: the start time instead of a frozen uptime, and the age of the figures.
    const readAt = new Date(2024, 4, 1, 14, 0, 12).getTime();
    expect(describeServer(summary, readAt)).toBe('7.0.15 · master · 1.50 MB / no limit (noeviction) · up since 11:57:12 · 4 clients · as of 14:00:12');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatDuration(90061)).toBe('1d 1h');
  });
});

describe('parseClusterNodes', () => {
  const text = [
    'a1 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460',
    'b2 127.0.0.1:7001@17001 master - 0 1 2 connected 5461-10922 [5000->-a1]',
    'c3 127.0.0.1:7002@17002 master,fail - 0 1 3 disconnected 10923-16383',
    'd4 127.0.0.1:7003@17003 slave a1 0 1 1 connected',
  ].join('\n');
  it('reads roles, masters, flags and slot ranges', () => {
    const nodes = parseClusterNodes(text);
    expect(nodes.map((n) => [n.address, n.role])).toEqual([['127.0.0.1:7000', 'master'], ['127.0.0.1:7001', 'master'], ['127.0.0.1:7002', 'master'], ['127.0.0.1:7003', 'replica']]);
    expect(nodes[0].flags).toEqual(['myself']);
    expect(nodes[2]).toMatchObject({ flags: ['fail'], connected: false });
    expect(nodes[3].masterId).toBe('a1');
    expect(nodes[1].slots).toEqual([[5461, 10922]]);
    expect(nodes.reduce((sum, n) => sum + slotCount(n.slots), 0)).toBe(16384);
    expect(formatSlots([[0, 10], [12, 12]])).toBe('0-10, 12');
    expect(formatSlots([])).toBe('no slots');
  });
});
