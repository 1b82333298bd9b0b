/**
 * The host side of the instance webview against a real server: the ready handshake, replies by id, and the
 * refusals a hostile webview meets — malformed messages, and writes on a read-only connection.
 */
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandalone, type Standalone } from '../../helpers/redisServers';
import type { ConnectedSession, ConnectionsApi } from '../../../src/extension/connections/api';
import type { HostUi } from '../../../src/extension/instance/methodHandlers';
import { WebviewController } from '../../../src/extension/instance/webviewController';
import { PROTOCOL_VERSION, type HostToWebview } from '../../../src/shared/protocol';

let server: Standalone;
let client: Redis;

beforeAll(async () => {
  server = await startStandalone({ password: 'hunter2-secret' });
  client = new Redis({ port: server.port, host: '127.0.0.1', password: 'hunter2-secret' });
  await client.hset('user:1', 'name', 'Ada');
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

function harness(readOnly: boolean, confirm = true) {
  const session: ConnectedSession = { id: 'c1', name: 'Local', topology: 'standalone', readOnly, state: 'connected', delimiters: [':'], client, serverVersion: '7.0.15' };
  const connections: ConnectionsApi = { list: () => [session], session: (id) => (id === 'c1' ? session : undefined), connect: async () => session, activeId: () => 'c1', onDidChange: () => ({ dispose() {} }) };
  const sent: HostToWebview[] = [];
  const asked: string[] = [];
  let receive: (message: unknown) => void = () => undefined;
  const ui: HostUi = {
    confirmEdit: async (edit) => (asked.push(edit.op), confirm),
    confirmAction: async (message) => (asked.push(message), confirm),
    writeClipboard: async () => undefined,
    saveFile: async () => null,
  };
  const controller = new WebviewController({
    webview: {
      postMessage: async (message: unknown) => (sent.push(message as HostToWebview), true),
      onDidReceiveMessage: ((listener: (message: unknown) => void) => ((receive = listener), { dispose() {} })) as never,
    },
    surface: 'panel',
    connections,
    connectionId: () => 'c1',
    output: { warn: () => undefined },
    ui,
  });
  const reply = async (message: unknown) => {
    const before = sent.length;
    receive(message);
    for (let i = 0; i < 200 && sent.length === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    return sent[sent.length - 1];
  };
  return { controller, sent, asked, reply };
}

describe('instance webview host', () => {
  it('answers ready with init, without any secret', async () => {
    const { reply, controller } = harness(false);
    const init = await reply({ kind: 'ready', protocolVersion: PROTOCOL_VERSION });
    expect(init).toEqual({ kind: 'notification', type: 'init', surface: 'panel', connection: { id: 'c1', name: 'Local', topology: 'standalone', readOnly: false, serverVersion: '7.0.15' } });
    expect(JSON.stringify(init)).not.toContain('hunter2');
    controller.dispose();
  });

  it('answers requests by id with results from the server', async () => {
    const { reply, controller } = harness(false);
    const response = await reply({ kind: 'request', id: 3, method: 'keySummary', params: { key: 'tuser:1' } });
    expect(response).toMatchObject({ kind: 'response', id: 3, ok: true, result: { type: 'hash', length: 1 } });
    controller.dispose();
  });

  it('refuses malformed messages with an INVALID error and runs nothing', async () => {
    const { reply, controller } = harness(false);
    const response = await reply({ kind: 'request', id: 4, method: 'editKey', params: { key: 'tuser:1', edit: { op: 'delete' }, command: 'FLUSHALL' } });
    expect(response).toMatchObject({ kind: 'response', id: 4, ok: false, error: { code: 'INVALID' } });
    const unknown = await reply({ kind: 'request', id: 5, method: 'eval', params: { script: 'return 1' } });
    expect(unknown).toMatchObject({ id: 5, ok: false, error: { code: 'INVALID' } });
    expect(await client.exists('user:1')).toBe(1);
    controller.dispose();
  });

  it('refuses a crafted write on a read-only connection before asking or sending anything', async () => {
    const { reply, asked, controller } = harness(true);
    for (const edit of [{ op: 'hashSet', field: 'tname', value: 'tMallory' }, { op: 'delete' }, { op: 'rename', newKey: 'tstolen' }]) {
      const response = await reply({ kind: 'request', id: 6, method: 'editKey', params: { key: 'tuser:1', edit } });
      expect(response).toMatchObject({ id: 6, ok: false, error: { code: 'READ_ONLY' } });
    }
    const reset = await reply({ kind: 'request', id: 7, method: 'slowlogReset', params: {} });
    expect(reset).toMatchObject({ id: 7, ok: false, error: { code: 'READ_ONLY' } });
    expect(asked).toEqual([]);
    expect(await client.hget('user:1', 'name')).toBe('Ada');
    expect(await client.exists('stolen')).toBe(0);
    controller.dispose();
  });

  it('asks before deleting and does nothing when the user declines', async () => {
    const declined = harness(false, false);
    const response = await declined.reply({ kind: 'request', id: 8, method: 'editKey', params: { key: 'tuser:1', edit: { op: 'delete' } } });
    expect(response).toMatchObject({ id: 8, ok: true, result: { applied: false } });
    expect(declined.asked).toEqual(['delete']);
    expect(await client.exists('user:1')).toBe(1);
    declined.controller.dispose();
    const accepted = harness(false, true);
    await client.set('temp', '1');
    expect(await accepted.reply({ kind: 'request', id: 9, method: 'editKey', params: { key: 'ttemp', edit: { op: 'delete' } } })).toMatchObject({ ok: true, result: { applied: true } });
    expect(await client.exists('temp')).toBe(0);
    accepted.controller.dispose();
  });

  it('continues a scan by id across requests', async () => {
    await client.call('DEBUG', 'POPULATE', '3000', 'scan');
    const { reply, controller } = harness(false);
    const first = (await reply({ kind: 'request', id: 10, method: 'scanKeys', params: { pattern: 'scan:*', type: '', want: 1000 } })) as { result: { scanId: string; keys: string[]; done: boolean } };
    const seen = new Set(first.result.keys);
    let done = first.result.done;
    while (!done) {
      const next = (await reply({ kind: 'request', id: 11, method: 'scanKeys', params: { scanId: first.result.scanId, pattern: 'scan:*', type: '', want: 1000 } })) as { result: { keys: string[]; done: boolean } };
      next.result.keys.forEach((key) => seen.add(key));
      done = next.result.done;
    }
    expect(seen.size).toBe(3000);
    controller.dispose();
  });
});
