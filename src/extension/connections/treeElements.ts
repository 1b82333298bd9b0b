/** The elements of the Connections tree (plain data) and how each becomes a VS Code TreeItem. */
import * as vscode from 'vscode';
import { formatClock, formatDuration } from '../../core/info/serverSummary';
import { countOf } from '../../core/text/plural';
import type { ConnectionSummary } from './api';

export type TreeElement =
  | { kind: 'connection'; connectionId: string }
  | { kind: 'group'; connectionId: string; group: 'server' | 'sentinel' | 'clusterNodes'; label: string; description?: string }
  | { kind: 'detail'; connectionId: string; id: string; label: string; description?: string; icon?: string; tooltip?: string }
  | { kind: 'database'; connectionId: string; db: number; keys?: number; label: string }
  | { kind: 'namespace'; connectionId: string; db: number; prefixBase64: string; label: string; count: number; more: boolean }
  | { kind: 'key'; connectionId: string; db: number; keyBase64: string; label: string; type: string; pttl: number; expiresAt?: number }
  | { kind: 'loadMore'; connectionId: string; db: number; prefixBase64: string; listingId: string; seen: number }
  | { kind: 'message'; connectionId: string; id: string; text: string; error: boolean };

const TYPE_ICONS: Record<string, string> = {
  string: 'symbol-string',
  hash: 'symbol-object',
  list: 'list-unordered',
  set: 'symbol-enum',
  zset: 'list-ordered',
  stream: 'pulse',
  'ReJSON-RL': 'json',
};

/**
 * The tree is not polled, so a countdown would freeze ("TTL 9m 19s" while the key has 5 minutes left): a TTL is
 * shown as the moment the key expires, which stays true, and as "expired" once that moment has passed.
 */
function ttlText(pttl: number, expiresAt: number | undefined, now = Date.now()): string {
  if (pttl === -1) return '';
  if (pttl === -2 || (expiresAt !== undefined && expiresAt <= now)) return 'expired';
  if (expiresAt === undefined) return `TTL ${formatDuration(Math.ceil(pttl / 1000))}`;
  return `expires ${formatClock(expiresAt, now)}`;
}

export function elementId(element: TreeElement): string {
  switch (element.kind) {
    case 'connection':
      return `c/${element.connectionId}`;
    case 'group':
      return `g/${element.connectionId}/${element.group}`;
    case 'detail':
      return `d/${element.connectionId}/${element.id}`;
    case 'database':
      return `db/${element.connectionId}/${element.db}`;
    case 'namespace':
      return `ns/${element.connectionId}/${element.db}/${element.prefixBase64}`;
    case 'key':
      return `k/${element.connectionId}/${element.db}/${element.keyBase64}`;
    case 'loadMore':
      return `more/${element.listingId}`;
    case 'message':
      return `m/${element.connectionId}/${element.id}`;
  }
}

export interface ConnectionDisplay {
  summary: ConnectionSummary;
  description: string;
  tooltip: string;
  /** "Redis 7.0.15", "Valkey 8.0.1". */
  serverLabel?: string;
  error?: string;
  reconnecting: boolean;
}

export function connectionItem(display: ConnectionDisplay): vscode.TreeItem {
  const { summary } = display;
  const connected = summary.state === 'connected';
  const item = new vscode.TreeItem(summary.name, connected ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  const status = display.reconnecting
    ? 'reconnecting…'
    : summary.state === 'connected'
      ? display.serverLabel ?? 'Redis'
      : summary.state === 'connecting'
        ? 'connecting…'
        : summary.state === 'error'
          ? 'error'
          : '';
  item.description = [status, summary.readOnly ? 'read-only' : '', display.description].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString(
    [`**${summary.name}** (${summary.topology})`, display.tooltip, display.error ? `$(error) ${display.error}` : ''].filter(Boolean).join('\n\n'),
    true,
  );
  item.iconPath = new vscode.ThemeIcon(
    display.reconnecting ? 'sync~spin' : connected ? 'database' : summary.state === 'error' ? 'error' : summary.state === 'connecting' ? 'loading~spin' : 'debug-disconnect',
    summary.state === 'error' ? new vscode.ThemeColor('errorForeground') : connected ? new vscode.ThemeColor('charts.green') : undefined,
  );
  item.contextValue = `connection.${summary.state}${summary.readOnly ? '.readonly' : ''}`;
  if (!connected && summary.state !== 'connecting') item.command = { command: 'redisReview.connect', title: 'Connect', arguments: [{ kind: 'connection', connectionId: summary.id }] };
  return item;
}

export function elementItem(element: Exclude<TreeElement, { kind: 'connection' }>, readOnly: boolean): vscode.TreeItem {
  const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  switch (element.kind) {
    case 'group': {
      const item = new vscode.TreeItem(element.label, collapsed);
      item.description = element.description;
      item.iconPath = new vscode.ThemeIcon(element.group === 'server' ? 'server' : element.group === 'sentinel' ? 'shield' : 'server-environment');
      item.contextValue = `group.${element.group}`;
      return item;
    }
    case 'detail': {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
      item.description = element.description;
      item.tooltip = element.tooltip;
      if (element.icon) item.iconPath = new vscode.ThemeIcon(element.icon);
      item.contextValue = 'detail';
      return item;
    }
    case 'database': {
      const item = new vscode.TreeItem(element.label, collapsed);
      item.description = element.keys === undefined ? undefined : countOf(element.keys, 'key');
      item.iconPath = new vscode.ThemeIcon('database');
      item.contextValue = 'database';
      return item;
    }
    case 'namespace': {
      const item = new vscode.TreeItem(element.label, collapsed);
      // While the parent listing has more pages the folder may hold more keys than were seen: say "so far".
      item.description = `${countOf(element.count, 'key')}${element.more ? ' so far' : ''}`;
      item.iconPath = new vscode.ThemeIcon('folder');
      item.contextValue = 'namespace';
      return item;
    }
    case 'key': {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.None);
      item.description = ttlText(element.pttl, element.expiresAt);
      const left = element.expiresAt === undefined ? undefined : Math.max(0, element.expiresAt - Date.now());
      item.tooltip = `${element.label}\ntype: ${element.type}${left !== undefined ? `\n${ttlText(element.pttl, element.expiresAt)} (in about ${formatDuration(Math.ceil(left / 1000))})` : ''}`;
      item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[element.type] ?? 'symbol-misc');
      item.contextValue = readOnly ? 'key.readonly' : 'key';
      item.command = { command: 'redisReview.openKey', title: 'Open in Instance View', arguments: [{ connectionId: element.connectionId, keyBase64: element.keyBase64 }] };
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('Load more…', vscode.TreeItemCollapsibleState.None);
      item.description = `${countOf(element.seen, 'key')} so far`;
      item.iconPath = new vscode.ThemeIcon('ellipsis');
      item.contextValue = 'loadMore';
      item.command = { command: 'redisReview.loadMoreKeys', title: 'Load more', arguments: [element] };
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(element.error ? 'warning' : 'info', element.error ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
      item.tooltip = element.text;
      item.contextValue = 'message';
      return item;
    }
  }
}
