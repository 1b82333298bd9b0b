/**
 * What the Connections feature offers the other features (instance webview, memory analysis, conf linting):
 * the profiles the user has, and live sessions for the connected ones.
 */
import type * as vscode from 'vscode';
import type { ConnectionProfile, HostPort } from '../../core/connection/profile';
import type { RedisClient } from '../../redis/client';

export type Topology = 'standalone' | 'sentinel' | 'cluster';

export interface ConnectionSummary {
  id: string;
  name: string;
  topology: Topology;
  readOnly: boolean;
  state: 'disconnected' | 'connecting' | 'connected' | 'error';
  /** Key delimiters for the namespace tree, e.g. [":"]. */
  delimiters: string[];
}

export interface ConnectedSession extends ConnectionSummary {
  /** The live client; for read-only profiles it refuses write commands before they are sent. */
  client: RedisClient;
  /** "7.0.15", from INFO server at connect time. */
  serverVersion: string;
  /** "Redis 7.0.15", "Valkey 8.0.1" (Valkey's redis_version is the Redis release it matches, not its own). */
  serverLabel?: string;
}

/** What a connection of its own to the same server needs (the snapshot analysis replicates): host side only. */
export interface ReplicationTarget {
  profile: ConnectionProfile;
  password?: string;
  /** The server itself, or the master a Sentinel connection follows now (unknown while it looks for one). */
  masterAddress?: HostPort;
}

export interface ConnectionsApi {
  list(): ConnectionSummary[];
  /** The live session of a connected profile, or undefined when it is not connected. */
  session(id: string): ConnectedSession | undefined;
  /** Connect if needed (asking for a missing secret) and return the session; rejects with an actionable error. */
  connect(id: string): Promise<ConnectedSession>;
  /** The profile the user last selected or connected in the Connections view. */
  activeId(): string | undefined;
  /** For a connected profile: its settings, password and master address, to open a replication connection. */
  replicationTarget?(id: string): ReplicationTarget | undefined;
  readonly onDidChange: vscode.Event<void>;
  /** The Connections tree's data provider (extension-host tests read what the tree shows). */
  readonly treeProvider?: vscode.TreeDataProvider<unknown>;
}
