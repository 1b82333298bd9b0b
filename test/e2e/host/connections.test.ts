/**
 * Connections in the real extension host: add a connection by URL (no prompts), connect to the real server
 * the harness started (REDIS_REVIEW_TEST_URL), and read the server version and keys from the tree provider.
 */
import * as assert from 'node:assert';
import * as vscode from 'vscode';

interface TreeProvider {
  getChildren(element?: unknown): vscode.ProviderResult<unknown[]>;
  getTreeItem(element: unknown): vscode.TreeItem | Thenable<vscode.TreeItem>;
}

interface Api {
  services: {
    connections?: {
      list(): Array<{ id: string; name: string; state: string }>;
      session(id: string): { serverVersion: string; client: { set(k: string, v: string): Promise<unknown>; get(k: string): Promise<string | null>; call(...args: string[]): Promise<unknown> } } | undefined;
      treeProvider?: TreeProvider;
      /** Not part of the API interface: the stored profile (what global state holds) and the last error. */
      profile?(id: string): unknown;
      lastError?(id: string): string | undefined;
    };
  };
}

async function children(provider: TreeProvider, element?: unknown): Promise<Array<{ element: unknown; item: vscode.TreeItem }>> {
  const list = (await provider.getChildren(element)) ?? [];
  return Promise.all(list.map(async (child) => ({ element: child, item: await provider.getTreeItem(child) })));
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('connections', function () {
  this.timeout(30_000);
  const url = process.env.REDIS_REVIEW_TEST_URL;

  it('adds a connection by URL, connects, and shows the server version in the tree', async function () {
    if (!url) this.skip();
    const extension = vscode.extensions.getExtension('redis-review.redis-review');
    assert.ok(extension);
    const api = (await extension.activate()) as Api;
    const connections = api.services.connections;
    assert.ok(connections, 'the Connections feature provides services.connections');
    const provider = connections.treeProvider;
    assert.ok(provider, 'the tree provider is exposed');

    const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url, name: 'e2e server' })) as string;
    assert.ok(connections.list().some((c) => c.id === id && c.name === 'e2e server'));
    const connected = (await vscode.commands.executeCommand('redisReview.connect', { connectionId: id })) as { serverVersion: string } | undefined;
    assert.ok(connected, 'connect resolves with the session');
    assert.match(connected.serverVersion, /^\d+\.\d+\.\d+/);

    const roots = await children(provider);
    const root = roots.find((r) => label(r.item) === 'e2e server');
    assert.ok(root, 'the connection is a root of the tree');
    assert.match(String(root.item.description), new RegExp(`Redis ${connected.serverVersion.replace(/\./g, '\\.')}`));
    assert.strictEqual(root.item.contextValue, 'connection.connected');

    // Seed a namespaced key through the same session and find it under db0 → namespace → key.
    const session = connections.session(id);
    assert.ok(session);
    await session.client.set('e2e:ns:key', 'v');
    await vscode.commands.executeCommand('redisReview.refreshConnections', { connectionId: id });
    const level1 = await children(provider, root.element);
    const server = level1.find((c) => label(c.item) === 'Server');
    assert.ok(server && String(server.item.description).startsWith(connected.serverVersion));
    const db0 = level1.find((c) => label(c.item) === 'db0');
    assert.ok(db0, 'db0 is listed');
    const namespaces = await children(provider, db0.element);
    const e2e = namespaces.find((c) => label(c.item) === 'e2e');
    assert.ok(e2e, 'namespace e2e is listed');
    const below = await children(provider, e2e.element);
    const ns = below.find((c) => label(c.item) === 'ns');
    assert.ok(ns);
    const keys = await children(provider, ns.element);
    const key = keys.find((c) => label(c.item) === 'key');
    assert.ok(key, 'the key is listed');
    assert.strictEqual(key.item.contextValue, 'key');

    await vscode.commands.executeCommand('redisReview.deleteKey', key.element, { confirm: false });
    assert.strictEqual(await session.client.get('e2e:ns:key'), null);

    await vscode.commands.executeCommand('redisReview.disconnect', { connectionId: id });
    assert.strictEqual(connections.session(id), undefined);
    await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: id, confirm: false });
    assert.ok(!connections.list().some((c) => c.id === id));
  });

  it('keeps passwords out of profiles and settings, and reports a wrong password specifically', async function () {
    if (!url) this.skip();
    const api = (await vscode.extensions.getExtension('redis-review.redis-review')!.activate()) as Api;
    const connections = api.services.connections!;
    const adminId = (await vscode.commands.executeCommand('redisReview.addConnection', { url, name: 'e2e admin' })) as string;
    await vscode.commands.executeCommand('redisReview.connect', { connectionId: adminId });
    const admin = connections.session(adminId);
    assert.ok(admin);
    const password = 'S3cr3t-e2e-pw';
    await admin.client.call('ACL', 'SETUSER', 'e2euser', 'on', `>${password}`, '~*', '+@all');
    const withUser = url.replace('redis://', `redis://e2euser:${password}@`);
    const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url: withUser, name: 'e2e user' })) as string;
    const connected = (await vscode.commands.executeCommand('redisReview.connect', { connectionId: id })) as { serverVersion: string } | undefined;
    assert.ok(connected, 'connects with the password from the URL');
    assert.ok(!JSON.stringify(connections.profile?.(id)).includes(password), 'no password in the stored profile');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('redisReview').inspect('connections')).includes(password), 'no password in settings');
    assert.ok(!JSON.stringify(connections.list()).includes(password), 'no password in summaries');

    const wrongId = (await vscode.commands.executeCommand('redisReview.addConnection', { url: url.replace('redis://', 'redis://e2euser:wrong@'), name: 'e2e wrong' })) as string;
    const failed = await vscode.commands.executeCommand('redisReview.connect', { connectionId: wrongId });
    assert.strictEqual(failed, undefined);
    assert.strictEqual(connections.list().find((c) => c.id === wrongId)?.state, 'error');
    assert.match(String(connections.lastError?.(wrongId)), /Authentication failed for user "e2euser"/);

    for (const remove of [id, wrongId, adminId]) {
      await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: remove, confirm: false });
    }
  });

  it('a read-only connection refuses writes from the tree commands and the client, and still reads', async function () {
    if (!url) this.skip();
    const api = (await vscode.extensions.getExtension('redis-review.redis-review')!.activate()) as Api;
    const connections = api.services.connections!;
    const writableId = (await vscode.commands.executeCommand('redisReview.addConnection', { url, name: 'e2e writable' })) as string;
    await vscode.commands.executeCommand('redisReview.connect', { connectionId: writableId });
    await connections.session(writableId)!.client.set('ro:kept', 'v');
    const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url, name: 'e2e read-only', readOnly: true })) as string;
    await vscode.commands.executeCommand('redisReview.connect', { connectionId: id });
    const session = connections.session(id);
    assert.ok(session);
    await assert.rejects(session.client.set('ro:kept', 'changed'), /Read-only connection/);
    assert.strictEqual(await session.client.get('ro:kept'), 'v');
    const keyBase64 = Buffer.from('ro:kept').toString('base64');
    await vscode.commands.executeCommand('redisReview.deleteKey', { connectionId: id, db: 0, keyBase64 }, { confirm: false });
    assert.strictEqual(await session.client.get('ro:kept'), 'v');
    const roots = await children(connections.treeProvider!);
    const root = roots.find((r) => label(r.item) === 'e2e read-only');
    assert.strictEqual(root?.item.contextValue, 'connection.connected.readonly');
    for (const remove of [id, writableId]) await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: remove, confirm: false });
  });
});
