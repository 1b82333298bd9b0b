/**
 * The typed message protocol between the instance webview (untrusted browser code) and the extension host.
 *
 * Shape: the webview sends `ready` once, then requests `{kind:'request', id, method, params}`; the host answers
 * each with `{kind:'response', id, ok:true, result}` or `{kind:'response', id, ok:false, error}`. The host also
 * pushes notifications (`init`, `openKey`, `connectionChanged`). Passwords and connection secrets never cross.
 *
 * Extension point for other tabs (e.g. memory analysis): declare the new methods in their own shared file by
 * augmenting `RequestMethods` (`declare module './protocol' { interface RequestMethods { ... } }`), register
 * runtime validators for their params with `registerParamsValidator` (protocolValidation.ts) and host handlers in
 * src/extension/instance/handlers; the webview adds a tab module under webview/tabs/.
 */
import type { MemoryDoctorReading } from '../core/info/memoryDoctor';

/**
 * Binary-safe bytes on the wire: "t" + the exact text when the bytes are valid UTF-8 that round-trips,
 * otherwise "b" + base64. Keys, field names, members and values all travel this way.
 */
export type WireBytes = string;

/** Redis key types the viewers know; modules may report other names ("ReJSON-RL", "TSDB-TYPE"). */
export type KeyType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream' | 'none' | (string & {});

/** What the webview may know about the connection it shows (never the password or URL userinfo). */
export interface ConnectionView {
  id: string;
  name: string;
  topology: 'standalone' | 'sentinel' | 'cluster';
  readOnly: boolean;
  serverVersion: string;
  /** "Redis 7.0.15", "Valkey 8.0.1"; absent from hosts that only know the version. */
  serverLabel?: string;
}

/** Per-key metadata for a visible row. ttlMs: -1 no expiry, -2 key gone. */
export interface KeyMeta {
  key: WireBytes;
  type: KeyType;
  ttlMs: number;
  /** MEMORY USAGE in bytes, null when the server refused (ACL) or the key vanished. */
  memory: number | null;
  /** STRLEN / HLEN / LLEN / SCARD / ZCARD / XLEN. */
  length: number | null;
}

export interface ScanParams {
  /** Continue an existing scan; absent to start a new one with pattern/type. */
  scanId?: string;
  /** SCAN MATCH glob; "*" for all. */
  pattern: string;
  /** SCAN TYPE filter; "" for any type. */
  type: string;
  /** Stop this step once this many new keys were found (or the step's time budget ran out). */
  want: number;
}

export interface ScanResult {
  scanId: string;
  keys: WireBytes[];
  done: boolean;
  /** Approximate number of keys the server examined so far (SCAN COUNT × calls, capped at total). */
  scanned: number;
  /** DBSIZE summed over the masters when the scan started. */
  total: number;
}

/** One row of a collection value: field/member/element `item`, hash `value`, zset `score`, list `index`. */
export interface CollectionItem {
  item: WireBytes;
  value?: WireBytes;
  score?: string;
  index?: number;
  /** Set when `value` (or `item`) was cut for display: the full size in bytes. */
  fullBytes?: number;
  /** Hash field TTL in ms on servers with hash field expiry (Redis 7.4+): -1 none, -2 the field is gone. */
  ttlMs?: number;
}

export type CollectionType = 'hash' | 'set' | 'zset' | 'list';

export interface CollectionPageParams {
  key: WireBytes;
  type: CollectionType;
  /** Opaque cursor from the previous page; "0" for the first page. */
  cursor: string;
  /** MATCH filter inside the value (hash fields, set/zset members); "" for none. List ignores it. */
  match: string;
  count: number;
}

export interface CollectionPage {
  items: CollectionItem[];
  /** null when the value has been read to the end. */
  nextCursor: string | null;
  /** Hash pages: true when the server has hash field expiry, so every item carries `ttlMs` (the TTL column). */
  fieldTtls?: boolean;
}

export interface StringValue {
  value: WireBytes;
  totalBytes: number;
  truncated: boolean;
}

export interface StreamEntry {
  id: string;
  fields: Array<[WireBytes, WireBytes]>;
}

export interface StreamPage {
  entries: StreamEntry[];
  /** Pass as `before` to read older entries; null at the start of the stream. */
  nextBefore: string | null;
}

export interface StreamConsumer {
  name: string;
  pending: number;
  idleMs: number;
}

export interface StreamGroup {
  name: string;
  consumers: StreamConsumer[];
  pending: number;
  lastDeliveredId: string;
  lag: number | null;
  entriesRead: number | null;
}

/** Edits the viewers offer; each maps to one binary-safe command (see src/redis/browse/editKey.ts). */
export type EditOp =
  | { op: 'setString'; value: WireBytes }
  | { op: 'hashSet'; field: WireBytes; value: WireBytes }
  | { op: 'hashDelete'; field: WireBytes }
  /** HEXPIRE: the field is deleted after `seconds` (Redis 7.4+ hash field expiry). */
  | { op: 'hashFieldExpire'; field: WireBytes; seconds: number }
  /** HPERSIST: the field keeps living without a TTL. */
  | { op: 'hashFieldPersist'; field: WireBytes }
  | { op: 'listSet'; index: number; value: WireBytes }
  | { op: 'listPush'; end: 'head' | 'tail'; value: WireBytes }
  | { op: 'listRemove'; value: WireBytes; count: number }
  | { op: 'setAdd'; member: WireBytes }
  | { op: 'setRemove'; member: WireBytes }
  | { op: 'zsetAdd'; member: WireBytes; score: number }
  | { op: 'zsetRemove'; member: WireBytes }
  | { op: 'streamAdd'; fields: Array<[WireBytes, WireBytes]> }
  | { op: 'expire'; seconds: number }
  | { op: 'persist' }
  | { op: 'rename'; newKey: WireBytes }
  | { op: 'delete' };

export type EditOpName = EditOp['op'];

/** Server figures for one node, derived from INFO / MEMORY STATS (src/core/info/instanceStats.ts). */
export interface NodeStats {
  address: string;
  role: string;
  usedMemory: number;
  maxMemory: number;
  usedMemoryRss: number;
  usedMemoryPeak: number;
  fragmentationRatio: number;
  datasetBytes: number | null;
  overheadBytes: number | null;
  evictionPolicy: string;
  evictedKeys: number;
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  /** hits / (hits + misses), null before any lookup. */
  hitRatio: number | null;
  opsPerSec: number;
  connectedClients: number;
  blockedClients: number;
  keys: number;
  lastSaveTime: number;
  rdbLastStatus: string;
  aofEnabled: boolean;
  aofLastStatus: string;
  connectedReplicas: number;
  /** Replica: seconds since the last interaction with the master; master: largest replica offset lag in bytes. */
  replicationLag: number | null;
  uptimeSeconds: number;
  redisVersion: string;
}

export interface StatsSnapshot {
  /** Milliseconds since epoch on the host when the snapshot was taken. */
  at: number;
  nodes: NodeStats[];
  totals: Pick<NodeStats, 'usedMemory' | 'maxMemory' | 'usedMemoryRss' | 'opsPerSec' | 'connectedClients' | 'blockedClients' | 'keys' | 'evictedKeys' | 'expiredKeys' | 'keyspaceHits' | 'keyspaceMisses' | 'hitRatio'>;
}

export interface SlowlogEntry {
  node: string;
  id: number;
  timestamp: number;
  durationMicros: number;
  args: string[];
  clientAddress: string;
  clientName: string;
}

export interface CommandStatRow {
  command: string;
  calls: number;
  usec: number;
  usecPerCall: number;
}

export interface ClientRow {
  node: string;
  id: string;
  addr: string;
  name: string;
  ageSeconds: number;
  idleSeconds: number;
  db: number;
  cmd: string;
  flags: string;
  totalMemory: number;
}

export interface ActivitySnapshot {
  slowlog: SlowlogEntry[];
  commands: CommandStatRow[];
  clients: ClientRow[];
}

/**
 * Every request the webview can make: params and result per method. Other tabs augment this interface
 * (see the file comment) instead of editing it.
 */
export interface RequestMethods {
  scanKeys: { params: ScanParams; result: ScanResult };
  cancelScan: { params: { scanId: string }; result: null };
  keyMeta: { params: { keys: WireBytes[] }; result: KeyMeta[] };
  keySummary: { params: { key: WireBytes }; result: KeyMeta };
  readString: { params: { key: WireBytes; all: boolean }; result: StringValue };
  readCollection: { params: CollectionPageParams; result: CollectionPage };
  readHashField: { params: { key: WireBytes; field: WireBytes }; result: StringValue };
  readStream: { params: { key: WireBytes; before: string | null; count: number }; result: StreamPage };
  streamGroups: { params: { key: WireBytes }; result: StreamGroup[] };
  /** Destructive ops are confirmed by the host in a modal dialog; result false when the user declined. */
  editKey: { params: { key: WireBytes; edit: EditOp }; result: { applied: boolean } };
  copyValue: { params: { key: WireBytes; asJson: boolean }; result: { copiedBytes: number } };
  exportValue: { params: { key: WireBytes }; result: { savedTo: string | null } };
  stats: { params: Record<string, never>; result: StatsSnapshot };
  /** MEMORY DOCTOR per master, summarised (the server's own words kept verbatim in serverText). */
  memoryDoctor: { params: Record<string, never>; result: MemoryDoctorReading[] };
  activity: { params: { slowlogCount: number }; result: ActivitySnapshot };
  slowlogReset: { params: Record<string, never>; result: { applied: boolean } };
  /** The sidebar summary: open this connection's full Instance browser in the editor area, on this tab. */
  openInBrowser: { params: { tab: InstanceTabId }; result: null };
}

/** The tabs of the full Instance browser. */
export type InstanceTabId = 'keys' | 'stats' | 'activity' | 'analysis';
export const INSTANCE_TAB_IDS: readonly InstanceTabId[] = ['keys', 'stats', 'activity', 'analysis'];

export type MethodName = keyof RequestMethods;
export type ParamsOf<M extends MethodName> = RequestMethods[M]['params'];
export type ResultOf<M extends MethodName> = RequestMethods[M]['result'];

export interface RequestMessage<M extends MethodName = MethodName> {
  kind: 'request';
  id: number;
  method: M;
  params: ParamsOf<M>;
}

export interface ReadyMessage {
  kind: 'ready';
  protocolVersion: number;
}

/** Everything the webview may send. */
export type WebviewToHost = ReadyMessage | RequestMessage;

export interface ErrorReply {
  message: string;
  /** "READ_ONLY" when a write was refused, "INVALID" for a rejected message, "REDIS" for a server error. */
  code: 'READ_ONLY' | 'INVALID' | 'REDIS' | 'NOT_CONNECTED' | 'INTERNAL';
}

export type ResponseMessage =
  | { kind: 'response'; id: number; ok: true; result: unknown }
  | { kind: 'response'; id: number; ok: false; error: ErrorReply };

/** Sent after `ready` and whenever the shown connection changes (null: nothing connected). */
export interface InitNotification {
  kind: 'notification';
  type: 'init';
  connection: ConnectionView | null;
  /** "panel" for an editor tab (the full browser), "sidebar" for the Instance view (a live summary). */
  surface: 'panel' | 'sidebar';
}

/** Open a key in the viewer (from the Connections tree or the redisReview.openKey command). */
export interface OpenKeyNotification {
  kind: 'notification';
  type: 'openKey';
  key: WireBytes;
}

/** Bring a tab to the front (the sidebar summary's "Analyze memory" opens the browser on its Analysis tab). */
export interface ShowTabNotification {
  kind: 'notification';
  type: 'showTab';
  tab: InstanceTabId;
}

/** The connection's stored memory analysis changed (a run started elsewhere finished or stopped): reload it. */
export interface AnalysisChangedNotification {
  kind: 'notification';
  type: 'analysisChanged';
}

export type HostToWebview = ResponseMessage | InitNotification | OpenKeyNotification | ShowTabNotification | AnalysisChangedNotification;

export const PROTOCOL_VERSION = 1;

/** Limits both sides agree on (the host enforces them). */
export const LIMITS = {
  /** Strings longer than this load the first part; "load all" lifts it up to maxLoadAllBytes. */
  stringPreviewBytes: 256 * 1024,
  /** Larger values are exported to a file instead of loaded into the webview. */
  maxLoadAllBytes: 16 * 1024 * 1024,
  /** Collection cells longer than this are cut in the table (the full value is fetched on demand). */
  cellPreviewBytes: 2048,
  maxPageCount: 1000,
  maxScanWant: 100_000,
  /** "Scan all" stops here and asks for a narrower pattern: the table stays within the webview's memory budget. */
  maxLoadedKeys: 5_000_000,
  maxMetaKeys: 500,
} as const;
