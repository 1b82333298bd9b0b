/** The extension activates in a real VS Code and contributes its commands and views. */
import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('activation', () => {
  it('activates and registers the Redis commands', async () => {
    const extension = vscode.extensions.getExtension('redis-review.redis-review');
    assert.ok(extension, 'extension redis-review.redis-review is installed');
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['redisReview.addConnection', 'redisReview.connect', 'redisReview.refreshConnections']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
