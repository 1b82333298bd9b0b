/**
 * Commands on keys and key listings in the Connections tree: copy name, set TTL / persist, rename, delete
 * (UNLINK after confirmation), filter by pattern, load more. Keys travel as base64 so binary keys stay exact.
 */
import * as vscode from 'vscode';
import { displayKey, keyFromBase64, keyToBase64, parseDisplayedKey } from '../../core/keys/keyBytes';
import { isReadOnlyRefusal } from '../../redis/readOnlyGuard';
import { expireKey, persistKey, renameKey, unlinkKey } from '../../redis/keyOperations';
import type { CommandContext } from './connectionCommands';
import { resolveConnectionId } from './connectionCommands';
import type { TreeElement } from './treeElements';

type KeyElement = Extract<TreeElement, { kind: 'key' }>;

function keyElement(argument: unknown): KeyElement | undefined {
  const candidate = argument as Partial<KeyElement> | undefined;
  if (!candidate || typeof candidate.connectionId !== 'string' || typeof candidate.keyBase64 !== 'string') return undefined;
  return { kind: 'key', connectionId: candidate.connectionId, db: candidate.db ?? 0, keyBase64: candidate.keyBase64, label: candidate.label ?? '', type: candidate.type ?? '', pttl: candidate.pttl ?? -1 };
}

function reportError(error: unknown): void {
  const message = isReadOnlyRefusal(error) ? error.message : `Redis: ${(error as Error).message}`;
  void vscode.window.showErrorMessage(message);
}

export function registerKeyCommands(ctx: CommandContext): vscode.Disposable[] {
  /** Run `work` on the key's client, refusing up front on read-only connections with a clear message. */
  const withKey = (write: boolean, work: (element: KeyElement, key: Buffer, name: string) => Promise<void>) => async (argument?: unknown) => {
    const element = keyElement(argument);
    if (!element) return;
    if (write && ctx.manager.profile(element.connectionId)?.readOnly) {
      void vscode.window.showWarningMessage('This connection is read-only: keys cannot be changed.');
      return;
    }
    const key = Buffer.from(keyFromBase64(element.keyBase64));
    try {
      await work(element, key, displayKey(key));
    } catch (error) {
      reportError(error);
    }
  };
  const client = async (element: KeyElement) => {
    const found = await ctx.manager.clientForDb(element.connectionId, element.db);
    if (!found) throw new Error('Not connected');
    return found;
  };

  return [
    vscode.commands.registerCommand('redisReview.copyKeyName', withKey(false, async (_element, key, name) => {
      // Valid UTF-8 copies as the exact text; other bytes copy in the escaped form shown in the tree.
      await vscode.env.clipboard.writeText(name.includes('\\') ? name : key.toString('utf8'));
    })),
    vscode.commands.registerCommand('redisReview.setKeyTtl', async (argument?: unknown, seconds?: number) => {
      await withKey(true, async (element, key, name) => {
        let ttl = seconds;
        if (ttl === undefined) {
          const text = await vscode.window.showInputBox({ title: `TTL of ${name}`, prompt: 'Seconds until the key expires', validateInput: (t) => (/^\d+$/.test(t) && Number(t) > 0 ? undefined : 'A whole number of seconds > 0') });
          if (text === undefined) return;
          ttl = Number(text);
        }
        if (!(await expireKey(await client(element), key, ttl))) void vscode.window.showWarningMessage(`${name} no longer exists.`);
        ctx.tree.updateKeyTtl(element.connectionId, element.db, element.keyBase64, ttl * 1000);
      })(argument);
    }),
    vscode.commands.registerCommand('redisReview.persistKey', withKey(true, async (element, key, name) => {
      if (!(await persistKey(await client(element), key))) void vscode.window.showInformationMessage(`${name} had no TTL.`);
      ctx.tree.updateKeyTtl(element.connectionId, element.db, element.keyBase64, -1);
    })),
    vscode.commands.registerCommand('redisReview.renameKey', async (argument?: unknown, newName?: string) => {
      await withKey(true, async (element, key, name) => {
        const target = newName ?? (await vscode.window.showInputBox({ title: `Rename ${name}`, prompt: 'New key name; \\xHH, \\n, \\t and \\\\ stand for bytes (an existing key is never overwritten)', value: name }));
        if (target === undefined || target === '') return;
        const outcome = await renameKey(await client(element), key, Buffer.from(parseDisplayedKey(target)));
        if (outcome === 'target-exists') {
          void vscode.window.showWarningMessage(`A key named ${target} already exists; nothing was renamed.`);
          return;
        }
        ctx.tree.forgetKey(element.connectionId, element.db, element.keyBase64);
        ctx.tree.refreshConnection(element.connectionId);
      })(argument);
    }),
    vscode.commands.registerCommand('redisReview.deleteKey', async (argument?: unknown, options?: { confirm?: boolean }) => {
      await withKey(true, async (element, key, name) => {
        if (options?.confirm !== false) {
          const answer = await vscode.window.showWarningMessage(`Delete ${name}? This cannot be undone.`, { modal: true }, 'Delete');
          if (answer !== 'Delete') return;
        }
        const existed = await unlinkKey(await client(element), key);
        if (!existed) void vscode.window.showInformationMessage(`${name} was already gone.`);
        ctx.tree.forgetKey(element.connectionId, element.db, keyToBase64(key));
      })(argument);
    }),
    vscode.commands.registerCommand('redisReview.filterKeys', async (argument?: unknown, pattern?: string) => {
      const id = await resolveConnectionId(ctx, argument, 'Filter the keys of which connection?');
      if (!id) return;
      const value = pattern ?? (await vscode.window.showInputBox({ title: 'Filter keys', prompt: 'SCAN MATCH pattern, e.g. user:*:session (empty clears the filter)', value: ctx.tree.filter(id) ?? '' }));
      if (value === undefined) return;
      ctx.tree.setFilter(id, value.trim() || undefined);
    }),
    vscode.commands.registerCommand('redisReview.clearKeyFilter', async (argument?: unknown) => {
      const id = await resolveConnectionId(ctx, argument);
      if (id) ctx.tree.setFilter(id, undefined);
    }),
    vscode.commands.registerCommand('redisReview.loadMoreKeys', async (argument?: unknown) => {
      const element = argument as Extract<TreeElement, { kind: 'loadMore' }> | undefined;
      if (element?.kind !== 'loadMore') return;
      try {
        await ctx.tree.loadMore(element);
      } catch (error) {
        reportError(error);
      }
    }),
  ];
}
