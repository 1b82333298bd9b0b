/** "Redis: Scaffold Data Structure…" writes a pattern into the workspace, refuses silent overwrites and opens the files. */
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const COMMAND = 'redisReview.scaffold';

async function text(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('scaffold', () => {
  const folderName = `scaffold-e2e-${Date.now()}`;
  let root: vscode.Uri;

  before(async () => {
    await vscode.extensions.getExtension('redis-review.redis-review')!.activate();
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'a workspace folder is open');
    root = vscode.Uri.joinPath(workspace.uri, folderName);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false });
  });

  it('is contributed as a command, in the Explorer folder menu, with a Scaffolding settings section', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes(COMMAND));
    const contributes = vscode.extensions.getExtension('redis-review.redis-review')!.packageJSON.contributes;
    const explorerEntry = contributes.menus['explorer/context'].find((item: { command: string }) => item.command === COMMAND);
    assert.strictEqual(explorerEntry?.when, 'explorerResourceIsFolder');
    const section = contributes.configuration.find((entry: { title: string }) => entry.title === 'Scaffolding');
    assert.ok(section?.properties['redisReview.scaffold.defaultLanguage']);
  });

  it('follows the withTests setting when the caller does not say', async () => {
    const config = vscode.workspace.getConfiguration('redisReview.scaffold');
    await config.update('withTests', false, vscode.ConfigurationTarget.Workspace);
    try {
      const folder = vscode.Uri.joinPath(root, 'settings').fsPath;
      const written = await vscode.commands.executeCommand<string[]>(COMMAND, { pattern: 'leaderboard', language: 'python', folder, open: false });
      assert.deepStrictEqual(written.map((path) => path.split(/[\\/]/).pop()), ['leaderboard.py']);
    } finally {
      await config.update('withTests', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('writes the rate limiter and its tests into the chosen folder and opens them', async () => {
    const written = await vscode.commands.executeCommand<string[]>(COMMAND, {
      pattern: 'rate-limiter',
      language: 'python',
      folder: root,
      prefix: 'shop:rl',
      withTests: true,
    });
    assert.deepStrictEqual(written.map((path) => path.split(/[\\/]/).pop()), ['rate_limiter.py', 'test_rate_limiter.py']);
    const found = await vscode.workspace.findFiles(`${folderName}/*.py`);
    assert.deepStrictEqual(found.map((uri) => uri.path.split('/').pop()).sort(), ['rate_limiter.py', 'test_rate_limiter.py']);
    const module = await text(vscode.Uri.joinPath(root, 'rate_limiter.py'));
    assert.match(module, /^"""Rate limiter/);
    assert.match(module, /prefix: str = "shop:rl"/);
    const opened = vscode.window.visibleTextEditors.map((editor) => editor.document.uri.path.split('/').pop());
    assert.ok(vscode.workspace.textDocuments.some((document) => document.uri.path.endsWith('/rate_limiter.py')), `opened: ${opened.join(', ')}`);
  });

  it('leaves existing files alone unless overwriting is confirmed', async () => {
    const target = vscode.Uri.joinPath(root, 'rate_limiter.py');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('# my own edits\n'));
    const skipped = await vscode.commands.executeCommand<string[]>(COMMAND, { pattern: 'rate-limiter', language: 'python', folder: root, overwrite: false, open: false });
    assert.deepStrictEqual(skipped, []);
    assert.strictEqual(await text(target), '# my own edits\n');
    const replaced = await vscode.commands.executeCommand<string[]>(COMMAND, { pattern: 'rate-limiter', language: 'python', folder: root, overwrite: true, open: false, withTests: false });
    assert.strictEqual(replaced.length, 1);
    assert.match(await text(target), /class RateLimiter/);
  });

  it('generates TypeScript from a folder path given as a string', async () => {
    const folder = vscode.Uri.joinPath(root, 'ts').fsPath;
    const written = await vscode.commands.executeCommand<string[]>(COMMAND, { pattern: 'distributed-lock', language: 'typescript', folder, withTests: false, open: false });
    assert.deepStrictEqual(written.map((path) => path.split(/[\\/]/).pop()), ['distributedLock.ts']);
    assert.match(await text(vscode.Uri.file(written[0])), /export class RedisLock/);
  });
});
