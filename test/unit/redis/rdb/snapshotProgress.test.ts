/** The progress line of a snapshot analysis: the wait for the fork first, then bytes (of the size, when announced) and keys. */
import { describe, expect, it } from 'vitest';
import { describeSnapshotProgress } from '../../../../src/redis/rdb/snapshotAnalysis';

describe('describeSnapshotProgress', () => {
  it('says what it waits for before any server sends', () => {
    expect(describeSnapshotProgress({ bytes: 0, keys: 0, nodes: 1, waitingNodes: 1 })).toBe('waiting for the server to fork and start sending (repl-diskless-sync-delay, 5 s by default)');
    expect(describeSnapshotProgress({ bytes: 0, keys: 0, nodes: 3, waitingNodes: 3 })).toMatch(/^waiting for 3 masters/);
  });

  it('counts bytes and keys, against the announced size when every server gave one', () => {
    expect(describeSnapshotProgress({ bytes: 3 * 1048576, keys: 1234, nodes: 1, waitingNodes: 0 })).toBe('3.0 MB of the snapshot, 1,234 keys parsed');
    expect(describeSnapshotProgress({ bytes: 1048576, keys: 1, totalBytes: 4 * 1048576, nodes: 1, waitingNodes: 0 })).toBe('1.0 MB of 4.0 MB of the snapshot, 1 key parsed');
  });

  it('says how many Cluster masters have not started yet', () => {
    expect(describeSnapshotProgress({ bytes: 2048, keys: 10, nodes: 3, waitingNodes: 1 })).toMatch(/\(1 of 3 masters not sending yet\)$/);
  });
});
