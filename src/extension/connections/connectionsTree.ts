/**
 * The Connections tree: connection → server summary / Sentinel / Cluster nodes → databases → namespaces
 * (lazy SCAN MATCH prefix* pages with "Load more…") → keys. Refreshes itself after a failover.
 */
import * as vscode from 'vscode';
import { describeProfile, formatHostPort } from '../../core/connection/profile';
import { formatSlots, slotCount } from '../../core/info/clusterNodes';
import { describeServer, formatBytes, formatClock, formatDuration } from '../../core/info/serverSummary';
import { displayKey, keyFromBase64, keyToBase64, utf8 } from '../../core/keys/keyBytes';
import { emptyGrouping, groupKeys, type Grouping } from '../../core/keys/namespaceGrouping';
import type { RedisClient } from '../../redis/client';
import { toConnectionFailure } from '../../redis/connection/openConnection';
import { isReadOnlyRefusal } from '../../redis/readOnlyGuard';
import { keyMetadata, scanKeyPage, type KeyMeta, type NodeScanError, type ScanCursor } from '../../redis/namespaces';
import { countClusterKeys, readClusterNodes, readSentinelTopology, readServerSummary } from '../../redis/serverSummary';
import type { ConnectionManager } from './connectionManager';
import { connectionItem, elementId, elementItem, type TreeElement } from './treeElements';

interface Listing {
  /** Key (base64) → the moment its TTL runs out, from PTTL at read time: shown as such, it does not go stale. */
  expiresAt: Map<string, number>;
  grouping: Grouping;
  keys: KeyMeta[];
  cursor?: ScanCursor;
  errors: NodeScanError[];
  seen: number;
}

const PAGE_SIZE = 500;

export class ConnectionsTreeProvider implements vscode.TreeDataProvider<TreeElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly listings = new Map<string, Listing>();
  /** MATCH pattern per connection set by "Filter Keys…". */
  private readonly filters = new Map<string, string>();
  private readonly versions = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly manager: ConnectionManager) {
    this.subscriptions = [
      manager.onDidChange(() => this.changed.fire(undefined)),
      manager.onDidChangeTopology((id) => this.refreshConnection(id)),
    ];
  }

  refresh(): void {
    this.listings.clear();
    this.changed.fire(undefined);
  }

  refreshConnection(connectionId: string): void {
    for (const id of [...this.listings.keys()]) if (id.startsWith(`${connectionId}|`)) this.listings.delete(id);
    this.changed.fire(undefined);
  }

  setFilter(connectionId: string, pattern: string | undefined): void {
    if (pattern) this.filters.set(connectionId, pattern);
    else this.filters.delete(connectionId);
    this.refreshConnection(connectionId);
  }

  filter(connectionId: string): string | undefined {
    return this.filters.get(connectionId);
  }

  getTreeItem(element: TreeElement): vscode.TreeItem {
    let item: vscode.TreeItem;
    if (element.kind === 'connection') {
      const profile = this.manager.profile(element.connectionId);
      const session = this.manager.session(element.connectionId);
      if (session) this.versions.set(element.connectionId, session.serverLabel ?? `Redis ${session.serverVersion}`);
      const filter = this.filters.get(element.connectionId);
      item = connectionItem({
        summary: profile ? this.manager.summary(profile) : { id: element.connectionId, name: element.connectionId, topology: 'standalone', readOnly: false, state: 'error', delimiters: [] },
        description: filter ? `filter: ${filter}` : '',
        tooltip: profile ? describeProfile(profile) : '',
        serverLabel: session?.serverLabel,
        error: this.manager.lastError(element.connectionId),
        reconnecting: this.manager.isReconnecting(element.connectionId),
      });
    } else {
      item = elementItem(element, this.manager.profile(element.connectionId)?.readOnly ?? false);
    }
    item.id = elementId(element);
    // A new id once connected, so VS Code applies "expanded" instead of remembering the collapsed leaf.
    if (element.kind === 'connection' && item.collapsibleState !== vscode.TreeItemCollapsibleState.None) item.id += '/live';
    return item;
  }

  async getChildren(element?: TreeElement): Promise<TreeElement[]> {
    if (!element) return this.manager.list().map((c) => ({ kind: 'connection', connectionId: c.id }));
    try {
      switch (element.kind) {
        case 'connection':
          return await this.connectionChildren(element.connectionId);
        case 'group':
          return await this.groupChildren(element);
        case 'database':
          return await this.listingChildren(element.connectionId, element.db, new Uint8Array());
        case 'namespace':
          return await this.listingChildren(element.connectionId, element.db, keyFromBase64(element.prefixBase64));
        default:
          return [];
      }
    } catch (error) {
      const profile = this.manager.profile(element.connectionId);
      const text = profile && !isReadOnlyRefusal(error) ? toConnectionFailure(error, profile).message : (error as Error).message;
      return [{ kind: 'message', connectionId: element.connectionId, id: `error/${elementId(element)}`, text, error: true }];
    }
  }

  private async client(connectionId: string, db: number): Promise<RedisClient> {
    const client = await this.manager.clientForDb(connectionId, db);
    if (!client) throw new Error('Not connected. Use "Connect" first.');
    return client;
  }

  private async connectionChildren(connectionId: string): Promise<TreeElement[]> {
    const session = this.manager.redisSession(connectionId);
    const profile = this.manager.profile(connectionId);
    if (!session || !profile) return [];
    const children: TreeElement[] = [];
    if (profile.topology === 'cluster') {
      const nodes = await readClusterNodes(session.client);
      const masters = nodes.filter((n) => n.role === 'master');
      const failed = nodes.filter((n) => n.error).length;
      children.push({ kind: 'group', connectionId, group: 'server', label: 'Server', description: `${session.serverLabel} · cluster` });
      children.push({
        kind: 'group', connectionId, group: 'clusterNodes', label: 'Cluster nodes',
        description: `${masters.length} masters, ${nodes.length - masters.length} replicas${failed ? `, ${failed} failing` : ''}`,
      });
      children.push({ kind: 'database', connectionId, db: 0, keys: await countClusterKeys(session.client), label: 'Keys (all masters)' });
      return children;
    }
    let summaryText = session.serverLabel;
    let keyspace: Array<{ db: number; keys: number }> = [];
    try {
      const summary = await readServerSummary(session.client);
      summaryText = describeServer(summary, Date.now());
      keyspace = summary.keyspace;
    } catch (error) {
      summaryText += ` (INFO unavailable: ${(error as Error).message})`;
    }
    children.push({ kind: 'group', connectionId, group: 'server', label: 'Server', description: summaryText });
    if (profile.topology === 'sentinel') {
      const address = session.currentAddress();
      children.push({ kind: 'group', connectionId, group: 'sentinel', label: `Sentinel: ${profile.sentinel?.masterName}`, description: address ? `master ${formatHostPort(address)}` : undefined });
    }
    const dbs = new Map(keyspace.map((k) => [k.db, k.keys]));
    if (!dbs.has(profile.db)) dbs.set(profile.db, 0);
    for (const [db, keys] of [...dbs.entries()].sort((a, b) => a[0] - b[0])) {
      children.push({ kind: 'database', connectionId, db, keys, label: `db${db}` });
    }
    return children;
  }

  private async groupChildren(element: Extract<TreeElement, { kind: 'group' }>): Promise<TreeElement[]> {
    const { connectionId } = element;
    const session = this.manager.redisSession(connectionId);
    const profile = this.manager.profile(connectionId);
    if (!session || !profile) return [];
    const detail = (id: string, label: string, description?: string, icon?: string, tooltip?: string): TreeElement => ({ kind: 'detail', connectionId, id: `${element.group}/${id}`, label, description, icon, tooltip });
    if (element.group === 'server') {
      const s = await readServerSummary(session.client);
      // The tree is not polled: figures that change say when they were read; the uptime becomes the start time.
      const readAt = Date.now();
      const asOf = `as of ${formatClock(readAt, readAt)}`;
      const refresh = 'Read when this row was expanded; Refresh (or the Instance view) for current figures.';
      return [
        detail('version', 'Version', s.version, 'versions'),
        detail('role', 'Role', `${s.role} (${s.mode})`, 'person'),
        detail('memory', 'Memory', s.usedMemoryBytes === undefined ? 'unknown' : `${formatBytes(s.usedMemoryBytes)} used / ${s.maxMemoryBytes ? formatBytes(s.maxMemoryBytes) : 'no maxmemory'} · ${asOf}`, 'dashboard', refresh),
        detail('policy', 'Eviction policy', s.maxMemoryPolicy ?? 'unknown', 'filter'),
        detail('uptime', 'Running since', s.uptimeSeconds === undefined ? 'unknown' : formatClock(readAt - s.uptimeSeconds * 1000, readAt), 'clock', s.uptimeSeconds === undefined ? undefined : `up ${formatDuration(s.uptimeSeconds)} ${asOf}`),
        detail('clients', 'Clients', s.connectedClients === undefined ? 'unknown' : `${s.connectedClients} · ${asOf}`, 'plug', refresh),
      ];
    }
    if (element.group === 'sentinel') {
      const topology = await readSentinelTopology(profile, this.manager.secretsOf(connectionId));
      return [
        detail('master', `master ${formatHostPort(topology.master)}`, topology.master.flags.filter((f) => f !== 'master').join(', '), 'star-full'),
        ...topology.replicas.map((r) =>
          detail(`replica/${formatHostPort(r)}`, `replica ${formatHostPort(r)}`, [r.linkUp ? 'in sync' : 'link down', ...r.flags.filter((f) => f !== 'slave')].join(', '), 'copy'),
        ),
        detail('answeredBy', 'answered by Sentinel', formatHostPort(topology.answeredBy), 'shield'),
      ];
    }
    const nodes = await readClusterNodes(session.client);
    return nodes.map((node) =>
      detail(
        `node/${node.id}`,
        `${node.role} ${node.address}`,
        [node.role === 'master' ? `slots ${formatSlots(node.slots)} (${slotCount(node.slots)})` : `of ${nodes.find((m) => m.id === node.masterId)?.address ?? node.masterId}`,
          node.usedMemoryBytes === undefined ? '' : formatBytes(node.usedMemoryBytes), node.error ?? ''].filter(Boolean).join(' · '),
        node.error ? 'error' : node.role === 'master' ? 'star-full' : 'copy',
        `id ${node.id}\nflags ${node.flags.join(',') || '-'}`,
      ),
    );
  }

  private listingId(connectionId: string, db: number, prefix: Uint8Array): string {
    return `${connectionId}|${db}|${keyToBase64(prefix)}|${this.filters.get(connectionId) ?? ''}`;
  }

  /** Load the first page of a listing, or the next one (from "Load more…"). */
  async loadPage(connectionId: string, db: number, prefix: Uint8Array, more: boolean): Promise<void> {
    const id = this.listingId(connectionId, db, prefix);
    let listing = this.listings.get(id);
    if (listing && !more) return;
    if (listing && !listing.cursor) return;
    const filter = this.filters.get(connectionId);
    const profile = this.manager.profile(connectionId);
    const client = await this.client(connectionId, db);
    const page = await scanKeyPage(client, { prefix, match: filter ? utf8(filter) : undefined, cursor: listing?.cursor, pageSize: PAGE_SIZE });
    listing ??= { expiresAt: new Map(), grouping: emptyGrouping(), keys: [], errors: [], seen: 0 };
    listing.cursor = page.next;
    listing.errors = page.errors;
    listing.seen += page.keys.length;
    // A filter lists matching keys flat; otherwise keys group one level below the prefix.
    const delimiters = filter ? [] : (profile?.delimiters ?? [':']).map(utf8);
    const before = listing.grouping.leaves.length;
    groupKeys(page.keys, prefix, delimiters, listing.grouping);
    const fresh = listing.grouping.leaves.slice(before).map((k) => Buffer.from(k));
    const metas = await keyMetadata(client, fresh);
    const readAt = Date.now();
    for (const meta of metas) if (meta.pttl >= 0) listing.expiresAt.set(keyToBase64(meta.key), readAt + meta.pttl);
    listing.keys.push(...metas);
    this.listings.set(id, listing);
  }

  async loadMore(element: Extract<TreeElement, { kind: 'loadMore' }>): Promise<void> {
    await this.loadPage(element.connectionId, element.db, keyFromBase64(element.prefixBase64), true);
    this.changed.fire(undefined);
  }

  private async listingChildren(connectionId: string, db: number, prefix: Uint8Array): Promise<TreeElement[]> {
    await this.loadPage(connectionId, db, prefix, false);
    const id = this.listingId(connectionId, db, prefix);
    const listing = this.listings.get(id)!;
    const children: TreeElement[] = [];
    for (const error of listing.errors) {
      children.push({ kind: 'message', connectionId, id: `${id}/${error.node}`, text: error.message, error: true });
    }
    const namespaces = [...listing.grouping.namespaces.values()].sort((a, b) => a.label.localeCompare(b.label));
    for (const ns of namespaces) {
      children.push({ kind: 'namespace', connectionId, db, prefixBase64: keyToBase64(ns.prefix), label: ns.label, count: ns.count, more: Boolean(listing.cursor) });
    }
    const keys = [...listing.keys].sort((a, b) => Buffer.compare(a.key, b.key));
    for (const meta of keys) {
      if (meta.type === 'none') continue;
      children.push({ kind: 'key', connectionId, db, keyBase64: keyToBase64(meta.key), label: displayKey(meta.key.subarray(prefix.length)) || displayKey(meta.key), type: meta.error ? 'no access' : meta.type, pttl: meta.pttl, expiresAt: listing.expiresAt.get(keyToBase64(meta.key)) });
    }
    if (listing.cursor) children.push({ kind: 'loadMore', connectionId, db, prefixBase64: keyToBase64(prefix), listingId: id, seen: listing.seen });
    if (children.length === 0) children.push({ kind: 'message', connectionId, id: `${id}/empty`, text: this.filters.get(connectionId) ? 'No keys match the filter' : 'No keys', error: false });
    return children;
  }

  /** Forget a deleted or renamed key so the view does not show it again before the next refresh. */
  forgetKey(connectionId: string, db: number, keyBase64: string): void {
    for (const [id, listing] of this.listings) {
      if (!id.startsWith(`${connectionId}|${db}|`)) continue;
      listing.keys = listing.keys.filter((meta) => keyToBase64(meta.key) !== keyBase64);
    }
    this.changed.fire(undefined);
  }

  updateKeyTtl(connectionId: string, db: number, keyBase64: string, pttl: number): void {
    for (const [id, listing] of this.listings) {
      if (!id.startsWith(`${connectionId}|${db}|`)) continue;
      for (const meta of listing.keys) if (keyToBase64(meta.key) === keyBase64) meta.pttl = pttl;
      if (pttl >= 0) listing.expiresAt.set(keyBase64, Date.now() + pttl);
      else listing.expiresAt.delete(keyBase64);
    }
    this.changed.fire(undefined);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
