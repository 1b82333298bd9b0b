/**
 * Connections in the real extension host: add a connection by URL (no prompts), connect to the real server
 * the harness started (REDIS_REVIEW_TEST_URL), and read the server version and keys from the tree provider.
 */
import * as assert from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { REDIS_SENTINEL, REDIS_SERVER, startCluster, startSentinel } from '../../helpers/redisServers';

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

/** Files under `dir` (recursively) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) walk(join(path, name));
    } else if (stat.isFile() && stat.size < 50_000_000) {
      try {
        if (readFileSync(path).includes(needle)) found.push(path);
      } catch {
        // unreadable (socket, permission): nothing we wrote
      }
    }
  };
  walk(dir);
  return found;
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
    // Correcting the password of the failed connection connects it again at once: the row does not stay "error".
    await vscode.commands.executeCommand('redisReview.editConnection', { connectionId: wrongId, password });
    assert.strictEqual(connections.list().find((c) => c.id === wrongId)?.state, 'connected');
    const corrected = (await children(connections.treeProvider!)).find((r) => label(r.item) === 'e2e wrong');
    assert.strictEqual(corrected?.item.contextValue, 'connection.connected');

    // Under code-server HOME is <data>/home and the user data (settings, global state, logs) is <data>/user.
    const userData = join(dirname(process.env.HOME ?? '/nonexistent'), 'user');
    if (existsSync(userData)) {
      await new Promise((resolve) => setTimeout(resolve, 1500)); // let the log and state writers flush
      // The search covers the output channel's log file: it holds the connect line of this very connection.
      assert.ok(filesContaining(userData, 'Connected "e2e user"').some((file) => file.endsWith('.log')), 'the log file is searched');
      assert.deepStrictEqual(filesContaining(userData, password), [], 'no file of settings, global state or logs holds the password');
    }

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

  it('pages keys with "Load more…" and filters by pattern', async function () {
    if (!url) this.skip();
    const api = (await vscode.extensions.getExtension('redis-review.redis-review')!.activate()) as Api;
    const connections = api.services.connections!;
    const provider = connections.treeProvider!;
    const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url, name: 'e2e paging' })) as string;
    await vscode.commands.executeCommand('redisReview.connect', { connectionId: id });
    const client = connections.session(id)!.client;
    await client.call('DEBUG', 'POPULATE', '1500', 'bulk');
    await vscode.commands.executeCommand('redisReview.refreshConnections', { connectionId: id });
    const root = (await children(provider)).find((r) => label(r.item) === 'e2e paging')!;
    const db0 = (await children(provider, root.element)).find((c) => label(c.item) === 'db0')!;
    const seen = async () => {
      const level = await children(provider, db0.element);
      const bulk = level.find((c) => label(c.item) === 'bulk');
      return { bulk: Number((/^([\d,]+)/.exec(String(bulk?.item.description))?.[1] ?? '0').replace(/,/g, '')), more: level.find((c) => label(c.item) === 'Load more…') };
    };
    const first = await seen();
    assert.ok(first.more, 'a first page of 1500 keys ends with "Load more…"');
    assert.ok(first.bulk > 0 && first.bulk < 1500, `first page saw ${first.bulk}`);
    let page = first;
    while (page.more) {
      await vscode.commands.executeCommand('redisReview.loadMoreKeys', page.more.element);
      page = await seen();
    }
    assert.strictEqual(page.bulk, 1500, 'after loading every page the namespace count equals the keys');

    await vscode.commands.executeCommand('redisReview.filterKeys', { connectionId: id }, 'bulk:14??');
    const filtered = await children(provider, db0.element);
    assert.strictEqual(filtered.filter((c) => c.item.contextValue === 'key').length, 100);
    await vscode.commands.executeCommand('redisReview.clearKeyFilter', { connectionId: id });
    await client.call('FLUSHDB');
    await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: id, confirm: false });
  });

  it('follows a Sentinel failover in the tree without user action', async function () {
    if (!existsSync(REDIS_SENTINEL)) this.skip();
    this.timeout(90_000);
    const set = await startSentinel();
    try {
      const api = (await vscode.extensions.getExtension('redis-review.redis-review')!.activate()) as Api;
      const connections = api.services.connections!;
      const provider = connections.treeProvider! as TreeProvider & { onDidChangeTreeData?: vscode.Event<unknown> };
      const sentinelUrl = `redis+sentinel://${set.sentinelAddresses.map((a) => `${a.host}:${a.port}`).join(',')}/${set.masterName}`;
      const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url: sentinelUrl, name: 'e2e sentinel' })) as string;
      assert.ok(await vscode.commands.executeCommand('redisReview.connect', { connectionId: id }));
      const masterShown = async () => {
        const root = (await children(provider)).find((r) => label(r.item) === 'e2e sentinel')!;
        const group = (await children(provider, root.element)).find((c) => label(c.item).startsWith('Sentinel:'))!;
        return String(group.item.description);
      };
      assert.strictEqual(await masterShown(), `master 127.0.0.1:${set.master.port}`);
      let refreshed = 0;
      const subscription = provider.onDidChangeTreeData!(() => refreshed++);
      const killedAt = Date.now();
      await set.master.kill();
      let shown = '';
      while (Date.now() - killedAt < 30_000) {
        if (refreshed > 0) {
          shown = await masterShown();
          if (shown === `master 127.0.0.1:${set.replica.port}`) break;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      subscription.dispose();
      console.log(`tree showed the new Sentinel master ${Date.now() - killedAt} ms after the old one was killed`);
      assert.strictEqual(shown, `master 127.0.0.1:${set.replica.port}`);
      await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: id, confirm: false });
    } finally {
      await set.stop();
    }
  });

  it('shows Cluster nodes with roles and slots, and keys merged across masters', async function () {
    if (!existsSync(REDIS_SERVER)) this.skip();
    this.timeout(90_000);
    const cluster = await startCluster();
    try {
      const api = (await vscode.extensions.getExtension('redis-review.redis-review')!.activate()) as Api;
      const connections = api.services.connections!;
      const provider = connections.treeProvider!;
      const clusterUrl = `redis://${cluster.seeds.slice(0, 2).map((s) => `${s.host}:${s.port}`).join(',')}`;
      const id = (await vscode.commands.executeCommand('redisReview.addConnection', { url: clusterUrl, name: 'e2e cluster' })) as string;
      assert.ok(await vscode.commands.executeCommand('redisReview.connect', { connectionId: id }));
      const client = connections.session(id)!.client;
      for (let i = 0; i < 30; i++) await client.set(`shard:${i}`, String(i));
      const root = (await children(provider)).find((r) => label(r.item) === 'e2e cluster')!;
      const level1 = await children(provider, root.element);
      const nodesGroup = level1.find((c) => label(c.item) === 'Cluster nodes')!;
      assert.strictEqual(nodesGroup.item.description, '3 masters, 3 replicas');
      const nodes = await children(provider, nodesGroup.element);
      const masters = nodes.filter((n) => label(n.item).startsWith('master '));
      assert.strictEqual(masters.length, 3);
      assert.ok(masters.every((m) => /slots \d+-\d+ \(\d+\)/.test(String(m.item.description))), masters.map((m) => m.item.description).join('; '));
      const keysNode = level1.find((c) => label(c.item) === 'Keys (all masters)')!;
      assert.strictEqual(keysNode.item.description, '30 keys');
      const shard = (await children(provider, keysNode.element)).find((c) => label(c.item) === 'shard')!;
      assert.strictEqual(shard.item.description, '30 keys');
      await vscode.commands.executeCommand('redisReview.removeConnection', { connectionId: id, confirm: false });
    } finally {
      await cluster.stop();
    }
  });
});
