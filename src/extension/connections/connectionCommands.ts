/**
 * Commands on connections: add (guided, or from a URL argument without prompts), edit, duplicate, remove,
 * connect/disconnect/reconnect, refresh, server info. Every command takes a tree element or
 * `{connectionId}` / an id string, so tests and other features can call them without prompts.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { newProfile } from '../../core/connection/profile';
import { parseConnectionUrl } from '../../core/connection/url';
import { validateProfile } from '../../core/connection/validation';
import { ConnectionFailure } from '../../redis/connection/openConnection';
import { isCluster } from '../../redis/client';
import type { ConnectionManager } from './connectionManager';
import type { ConnectionsTreeProvider } from './connectionsTree';
import type { ProfileStore } from './profileStore';
import { editProfile, startNewProfile, type WizardResult } from './profileWizard';

export interface CommandContext {
  store: ProfileStore;
  manager: ConnectionManager;
  tree: ConnectionsTreeProvider;
  log: vscode.LogOutputChannel;
}

/** Arguments accepted by redisReview.addConnection for prompt-free use. */
export interface AddConnectionArgument {
  url: string;
  name?: string;
  readOnly?: boolean;
  delimiters?: string[];
}

/** Arguments accepted by redisReview.editConnection for prompt-free use. */
export interface EditConnectionArgument {
  connectionId: string;
  /** The new password ("" for none), stored in secret storage. */
  password?: string;
}

/** The connection id a command argument names, or one the user picks. */
export async function resolveConnectionId(ctx: CommandContext, argument: unknown, placeHolder = 'Pick a connection'): Promise<string | undefined> {
  if (typeof argument === 'string') return argument;
  if (argument && typeof argument === 'object' && typeof (argument as { connectionId?: unknown }).connectionId === 'string') {
    return (argument as { connectionId: string }).connectionId;
  }
  const all = ctx.manager.list();
  if (all.length === 0) {
    void vscode.window.showInformationMessage('No Redis connections yet.', 'Add Connection').then((choice) => {
      if (choice) void vscode.commands.executeCommand('redisReview.addConnection');
    });
    return undefined;
  }
  if (all.length === 1) return all[0].id;
  const picked = await vscode.window.showQuickPick(all.map((c) => ({ label: c.name, description: c.state, id: c.id })), { placeHolder });
  return picked?.id;
}

async function saveResult(ctx: CommandContext, result: WizardResult): Promise<void> {
  await ctx.store.save(result.profile);
  for (const which of ['password', 'sentinelPassword'] as const) {
    if (result.secrets[which] !== undefined) await ctx.store.storeSecret(result.profile.id, which, result.secrets[which]);
  }
}

async function connectWithFeedback(ctx: CommandContext, id: string): Promise<{ id: string; serverVersion: string } | undefined> {
  try {
    const session = await vscode.window.withProgress(
      { location: { viewId: 'redisReview.connections' }, title: 'Connecting…' },
      () => ctx.manager.connect(id),
    );
    return { id, serverVersion: session.serverVersion };
  } catch (error) {
    const message = error instanceof ConnectionFailure ? error.message : String((error as Error)?.message ?? error);
    const auth = error instanceof ConnectionFailure && (error.kind === 'auth' || error.kind === 'noauth');
    void vscode.window.showErrorMessage(`Redis: ${message}`, ...(auth ? ['Edit Connection'] : []), 'Show Log').then((choice) => {
      if (choice === 'Show Log') ctx.log.show(true);
      if (choice === 'Edit Connection') void vscode.commands.executeCommand('redisReview.editConnection', { connectionId: id });
    });
    return undefined;
  }
}

export function registerConnectionCommands(ctx: CommandContext): vscode.Disposable[] {
  const register = (id: string, handler: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, handler);
  return [
    register('redisReview.addConnection', async (argument?: unknown) => {
      const id = randomUUID();
      let result: WizardResult | undefined;
      if (argument && typeof argument === 'object' && typeof (argument as AddConnectionArgument).url === 'string') {
        const given = argument as AddConnectionArgument;
        const { fields, password } = parseConnectionUrl(given.url);
        const profile = newProfile({ id, ...fields, ...(given.name ? { name: given.name } : {}), readOnly: given.readOnly ?? false, ...(given.delimiters ? { delimiters: given.delimiters } : {}) });
        const problems = validateProfile(profile);
        if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
        result = { profile, secrets: { password } };
      } else {
        result = await startNewProfile(id);
      }
      if (!result) return undefined;
      await saveResult(ctx, result);
      ctx.log.info(`Added connection "${result.profile.name}"`);
      if (!argument) void connectWithFeedback(ctx, id);
      return id;
    }),
    register('redisReview.editConnection', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Edit which connection?');
      const profile = id ? ctx.store.get(id) : undefined;
      if (!profile) return;
      // Scripted use ({connectionId, password}) sets the password without the wizard, as the wizard's field would.
      const scripted = typeof (argument as EditConnectionArgument | undefined)?.password === 'string' ? (argument as EditConnectionArgument).password! : undefined;
      const result = scripted !== undefined
        ? { profile: { ...profile, passwordExpected: scripted !== '' }, secrets: { password: scripted } }
        : await editProfile({ profile, secrets: {} }, `Redis: Edit "${profile.name}"`);
      if (!result) return;
      await saveResult(ctx, result);
      if (profile.source === 'settings') void vscode.window.showInformationMessage(`"${profile.name}" comes from settings; your edits are kept as your own copy.`);
      // Connected, connecting or failed: the edit (a corrected password, usually) is what the user wants tried now.
      // Only a connection the user never opened (or closed) stays as it is.
      const state = ctx.manager.list().find((summary) => summary.id === profile.id)?.state ?? 'disconnected';
      if (state !== 'disconnected') return connectAgain(ctx, profile.id);
      return undefined;
    }),
    register('redisReview.duplicateConnection', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Duplicate which connection?');
      const profile = id ? ctx.store.get(id) : undefined;
      if (!profile) return;
      const copyId = randomUUID();
      const { source: _source, ...plain } = profile;
      const copy = { ...structuredClone(plain), id: copyId, name: `${profile.name} (copy)` };
      const secrets = await ctx.store.secrets(profile.id);
      await ctx.store.save(copy);
      if (secrets.password) await ctx.store.storeSecret(copyId, 'password', secrets.password);
      if (secrets.sentinelPassword) await ctx.store.storeSecret(copyId, 'sentinelPassword', secrets.sentinelPassword);
      return copyId;
    }),
    register('redisReview.removeConnection', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Remove which connection?');
      const profile = id ? ctx.store.get(id) : undefined;
      if (!profile) return;
      if (profile.source === 'settings') {
        void vscode.window.showWarningMessage(`"${profile.name}" is declared in the redisReview.connections setting; remove it there.`);
        return;
      }
      const skipConfirm = (argument as { confirm?: boolean } | undefined)?.confirm === false;
      if (!skipConfirm) {
        const answer = await vscode.window.showWarningMessage(`Remove the connection "${profile.name}" and its stored password?`, { modal: true }, 'Remove');
        if (answer !== 'Remove') return;
      }
      await ctx.manager.disconnect(profile.id);
      await ctx.store.remove(profile.id);
    }),
    register('redisReview.connect', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Connect to which Redis?');
      return id ? connectWithFeedback(ctx, id) : undefined;
    }),
    register('redisReview.disconnect', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Disconnect which connection?');
      if (id) await ctx.manager.disconnect(id);
    }),
    register('redisReview.reconnect', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Reconnect which connection?');
      return id ? connectAgain(ctx, id) : undefined;
    }),
    register('redisReview.refreshConnections', (argument?: unknown) => {
      const id = argument && typeof argument === 'object' ? (argument as { connectionId?: string }).connectionId : undefined;
      if (id) ctx.tree.refreshConnection(id);
      else ctx.tree.refresh();
    }),
    register('redisReview.showServerInfo', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument, 'Server info of which connection?');
      if (!id) return;
      const session = await ctx.manager.connect(id);
      const client = session.client;
      const targets = isCluster(client) ? client.nodes('all') : [client];
      const sections = await Promise.all(
        targets.map(async (node) => {
          const header = isCluster(client) ? `# ==== ${node.options.host}:${node.options.port} ====\n` : '';
          return header + (await node.info().catch((error: Error) => `# INFO failed: ${error.message}`));
        }),
      );
      const document = await vscode.workspace.openTextDocument({ content: `# INFO of "${session.name}" (${session.serverLabel ?? `Redis ${session.serverVersion}`})\n${sections.join('\n')}`, language: 'properties' });
      await vscode.window.showTextDocument(document, { preview: true });
    }),
  ];
}

async function connectAgain(ctx: CommandContext, id: string): Promise<{ id: string; serverVersion: string } | undefined> {
  await ctx.manager.disconnect(id);
  ctx.tree.refreshConnection(id);
  return connectWithFeedback(ctx, id);
}
