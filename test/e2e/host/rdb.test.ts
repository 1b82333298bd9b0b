/** "Redis: Analyze RDB File…" in the real extension host: a redis-server 7.0 dump becomes the Markdown report. */
import * as assert from 'node:assert';
import { join } from 'node:path';
import * as vscode from 'vscode';

const COMMAND = 'redisReview.analyzeRdbFile';

describe('rdb', () => {
  let fixture: string;

  before(async () => {
    const extension = vscode.extensions.getExtension('redis-review.redis-review')!;
    await extension.activate();
    fixture = join(extension.extensionPath, 'test', 'fixtures', 'rdb', 'redis-7.0-every-encoding.rdb');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is contributed and analyses a file into the Markdown report', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
    const report = await vscode.commands.executeCommand<{ complete: boolean; totalKeys: number; rdb: { redisVersion: string } }>(COMMAND, { path: fixture });
    assert.strictEqual(report.complete, true);
    assert.ok(report.totalKeys > 10);
    assert.match(report.rdb.redisVersion, /^7\.0\./);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(text, /Read from the RDB file redis-7\.0-every-encoding\.rdb/);
    assert.match(text, /## By type/);
  });

  it('models sizes with the allocator quantum it is given (a scripted call is never asked)', async () => {
    const debian = await vscode.commands.executeCommand<{ totalMemoryBytes: number; rdb: { sizeModel: string } }>(COMMAND, { path: fixture, allocatorQuantum: 16 });
    const upstream = await vscode.commands.executeCommand<{ totalMemoryBytes: number; rdb: { sizeModel: string } }>(COMMAND, { path: fixture, allocatorQuantum: 8 });
    assert.match(debian.rdb.sizeModel, /16-byte quantum/);
    assert.match(upstream.rdb.sizeModel, /8-byte quantum/);
    // Coarser size classes round small allocations up further.
    assert.ok(debian.totalMemoryBytes > upstream.totalMemoryBytes, `${debian.totalMemoryBytes} > ${upstream.totalMemoryBytes}`);
  });
});
