/** The terminal progress line of analyze --via-rdb. */
import { describe, expect, it } from 'vitest';
import { snapshotProgressPrinter } from '../../../src/cli/analyze/rdbAnalyze';

describe('snapshotProgressPrinter', () => {
  it('rewrites one terminal line with what the server waits for, then bytes and keys; nothing when stderr is not a terminal', () => {
    let written = '';
    const print = snapshotProgressPrinter({ stdout: () => undefined, stderr: (text) => (written += text), cwd: '.' }, true)!;
    print({ bytes: 0, keys: 0, nodes: 1, waitingNodes: 1 });
    print({ bytes: 1048576, keys: 2, nodes: 1, waitingNodes: 0 });
    expect(written.split('\r\x1b[2K')).toEqual(['', 'waiting for the server to fork and start sending (repl-diskless-sync-delay, 5 s by default)', '1.0 MB of the snapshot, 2 keys parsed']);
    expect(snapshotProgressPrinter({ stdout: () => undefined, stderr: () => undefined, cwd: '.' }, false)).toBeUndefined();
  });
});
