/** The VS Code implementation of HostUi: modal confirmations (asked by the host, so a crafted webview message cannot skip them), clipboard, save dialog. */
import * as vscode from 'vscode';
import type { EditOp } from '../../shared/protocol';
import type { HostUi } from './methodHandlers';

const ACTION_LABEL: Partial<Record<EditOp['op'], string>> = {
  delete: 'Delete',
  hashDelete: 'Delete Field',
  hashFieldExpire: 'Set Field TTL',
  listRemove: 'Remove',
  setRemove: 'Remove Member',
  zsetRemove: 'Remove Member',
  rename: 'Rename',
};

/** Ask before an edit; resolves true when the user picked the action button. */
export async function confirmEdit(edit: EditOp, keyLabel: string, connectionName: string): Promise<boolean> {
  const action = ACTION_LABEL[edit.op] ?? 'Apply';
  const detail: Record<string, string> = {
    ...(edit.op === 'hashFieldExpire'
      ? { hashFieldExpire: `The field will be deleted from "${keyLabel}" on ${connectionName} in ${edit.seconds} s (HEXPIRE), unless its TTL is removed before.` }
      : {}),
    delete: `The key "${keyLabel}" will be deleted (UNLINK) from ${connectionName}. This cannot be undone.`,
    rename: `Rename "${keyLabel}" on ${connectionName}? It fails if the new name exists.`,
  };
  const message = detail[edit.op] ?? `${action} in "${keyLabel}" on ${connectionName}? This cannot be undone.`;
  const choice = await vscode.window.showWarningMessage(message, { modal: true }, action);
  return choice === action;
}

export async function confirmAction(message: string, action: string): Promise<boolean> {
  return (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action;
}

export const vscodeHostUi: HostUi = {
  confirmEdit,
  confirmAction,
  writeClipboard: async (text) => vscode.env.clipboard.writeText(text),
  async saveFile(title, suggestedName, bytes) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ title, defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined });
    if (!target) return null;
    await vscode.workspace.fs.writeFile(target, bytes);
    return target.fsPath;
  },
};
