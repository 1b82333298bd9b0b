/** CLIENT LIST and SLOWLOG parsing, and commandstats ranking across nodes. */
import { describe, expect, it } from 'vitest';
import { parseClientList, parseSlowlog, rankCommands } from '../../../../src/core/info/activity';

describe('parseClientList', () => {
  it('reads each client line into a row', () => {
    const text =
      'id=4 addr=127.0.0.1:56144 laddr=127.0.0.1:35111 fd=7 name=api age=12 idle=3 flags=N db=2 sub=0 psub=0 multi=-1 qbuf=26 tot-mem=37658 cmd=client|list user=default\n' +
      'id=5 addr=[::1]:50000 fd=8 name= age=1 idle=1 flags=S db=0 cmd=replconf tot-mem=20000\n';
    const rows = parseClientList('node-a', text);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({ node: 'node-a', id: '4', addr: '127.0.0.1:56144', name: 'api', ageSeconds: 12, idleSeconds: 3, db: 2, cmd: 'client|list', flags: 'N', totalMemory: 37658 });
    expect(rows[1]).toMatchObject({ addr: '[::1]:50000', name: '', flags: 'S' });
  });
});

describe('parseSlowlog', () => {
  it('reads entries with and without client address and name', () => {
    const rows = parseSlowlog('n', [
      [9, 1795642420, 3, ['HSCAN', 'h', '0'], '127.0.0.1:1', 'worker'],
      [8, 1795642419, 37, ['KEYS', '*']],
      'garbage',
    ]);
    expect(rows).toEqual([
      { node: 'n', id: 9, timestamp: 1795642420, durationMicros: 3, args: ['HSCAN', 'h', '0'], clientAddress: '127.0.0.1:1', clientName: 'worker' },
      { node: 'n', id: 8, timestamp: 1795642419, durationMicros: 37, args: ['KEYS', '*'], clientAddress: '', clientName: '' },
    ]);
  });
});

describe('rankCommands', () => {
  it('sums commands over nodes and sorts by total time', () => {
    const rows = rankCommands([
      [{ command: 'get', calls: 10, usec: 100, rejectedCalls: 0, failedCalls: 0 }, { command: 'keys', calls: 1, usec: 500, rejectedCalls: 0, failedCalls: 0 }],
      [{ command: 'get', calls: 30, usec: 500, rejectedCalls: 0, failedCalls: 0 }],
    ]);
    expect(rows.map((row) => row.command)).toEqual(['get', 'keys']);
    expect(rows[0]).toEqual({ command: 'get', calls: 40, usec: 600, usecPerCall: 15 });
    expect(rows[1].usecPerCall).toBe(500);
  });
});
