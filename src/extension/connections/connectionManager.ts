/**
 * Live connections of the profiles: connect (asking once for a missing secret), disconnect, reconnect,
 * per-connection state and errors, and the ConnectionsApi the other features use. Logs never carry secrets.
 */
import * as vscode from 'vscode';
import { redactSecrets } from '../../core/connection/errors';
import { describeProfile, type ConnectionSecrets } from '../../core/connection/profile';
import type { RedisClient } from '../../redis/client';
import { openDatabaseClient } from '../../redis/connection/confirmDatabase';
import { ConnectionFailure, toConnectionFailure } from '../../redis/connection/openConnection';
import { RedisSession } from '../../redis/connection/redisSession';
import type { ConnectedSession, ConnectionsApi, ConnectionSummary, ReplicationTarget } from './api';
import type { ProfileStore, StoredProfile } from './profileStore';

interface Live {
  session?: RedisSession;
  connecting?: Promise<ConnectedSession>;
  state: ConnectionSummary['state'];
  error?: string;
  /** Extra clients for other logical databases of a standalone/Sentinel server. */
  databases: Map<number, RedisClient>;
  secrets?: ConnectionSecrets;
}

export class ConnectionManager implements ConnectionsApi, vscode.Disposable {
  private readonly live = new Map<string, Live>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** Fired with a connection id when its deployment changed (failover): views refresh that connection. */
  private readonly topologyChanged = new vscode.EventEmitter<string>();
  readonly onDidChangeTopology = this.topologyChanged.event;
  private active?: string;
  /** Set by the feature once the tree exists. */
  treeProvider?: vscode.TreeDataProvider<unknown>;

  constructor(private readonly store: ProfileStore, private readonly log: vscode.LogOutputChannel) {}

  list(): ConnectionSummary[] {
    return this.store.list().map((profile) => this.summary(profile));
  }

  profile(id: string): StoredProfile | undefined {
    return this.store.get(id);
  }

  summary(profile: StoredProfile): ConnectionSummary {
    const live = this.live.get(profile.id);
    let state = live?.state ?? 'disconnected';
    if (live?.session?.state === 'reconnecting') state = 'connecting';
    return { id: profile.id, name: profile.name, topology: profile.topology, readOnly: profile.readOnly, state, delimiters: profile.delimiters };
  }

  /** The translated error of the last failed connect or live error, if any. */
  lastError(id: string): string | undefined {
    return this.live.get(id)?.error;
  }

  /** True while a connected session is reconnecting after a drop. */
  isReconnecting(id: string): boolean {
    return this.live.get(id)?.session?.state === 'reconnecting';
  }

  session(id: string): ConnectedSession | undefined {
    const live = this.live.get(id);
    const profile = this.store.get(id);
    if (!live?.session || !profile || live.state !== 'connected') return undefined;
    return { ...this.summary(profile), client: live.session.client, serverVersion: live.session.serverVersion, serverLabel: live.session.serverLabel };
  }

  redisSession(id: string): RedisSession | undefined {
    return this.live.get(id)?.session;
  }

  secretsOf(id: string): ConnectionSecrets {
    return this.live.get(id)?.secrets ?? {};
  }

  activeId(): string | undefined {
    return this.active;
  }

  replicationTarget(id: string): ReplicationTarget | undefined {
    const live = this.live.get(id);
    const session = live?.session;
    if (!session || live.state !== 'connected') return undefined;
    const profile = session.profile;
    const masterAddress = profile.topology === 'sentinel' ? session.currentAddress() : { host: profile.host, port: profile.port };
    return { profile, ...(live.secrets?.password !== undefined ? { password: live.secrets.password } : {}), ...(masterAddress ? { masterAddress } : {}) };
  }

  setActive(id: string | undefined): void {
    if (this.active === id) return;
    this.active = id;
    this.changed.fire();
  }

  connect(id: string): Promise<ConnectedSession> {
    const existing = this.session(id);
    if (existing) return Promise.resolve(existing);
    const live = this.live.get(id);
    if (live?.connecting) return live.connecting;
    const entry: Live = live ?? { state: 'connecting', databases: new Map() };
    entry.state = 'connecting';
    entry.error = undefined;
    this.live.set(id, entry);
    this.changed.fire();
    entry.connecting = this.open(id, entry).finally(() => {
      entry.connecting = undefined;
      this.changed.fire();
    });
    return entry.connecting;
  }

  private async askSecret(profile: StoredProfile, which: keyof ConnectionSecrets): Promise<string> {
    const what = which === 'password' ? `the password${profile.username ? ` of user "${profile.username}"` : ''}` : 'the Sentinel password';
    const value = await vscode.window.showInputBox({
      title: `Redis: ${profile.name}`,
      prompt: `Enter ${what}. It is kept in VS Code's secret storage.`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) throw new ConnectionFailure('auth', `Connecting to "${profile.name}" needs ${what}.`, 'cancelled by the user');
    await this.store.storeSecret(profile.id, which, value);
    return value;
  }

  private async open(id: string, entry: Live): Promise<ConnectedSession> {
    const profile = this.store.get(id);
    if (!profile) throw new Error(`No connection with id ${id}`);
    const secrets = await this.store.secrets(id);
    try {
      if (profile.passwordExpected && !secrets.password) secrets.password = await this.askSecret(profile, 'password');
      if (profile.sentinelPasswordExpected && !secrets.sentinelPassword) secrets.sentinelPassword = await this.askSecret(profile, 'sentinelPassword');
      this.log.info(`Connecting "${profile.name}" (${describeProfile(profile)})`);
      const session = await RedisSession.open(profile, secrets);
      if (this.live.get(id) !== entry) {
        // Disconnected (or removed) while connecting: do not keep a session nobody tracks.
        await session.close();
        throw new ConnectionFailure('closed', `Connecting "${profile.name}" was cancelled.`, 'disconnected while connecting');
      }
      entry.session = session;
      entry.secrets = secrets;
      entry.state = 'connected';
      this.active = id;
      this.log.info(`Connected "${profile.name}": ${session.serverLabel} in ${session.connectMs} ms${profile.readOnly ? ' (read-only)' : ''}`);
      this.watch(id, profile, session, secrets);
      return this.session(id)!;
    } catch (error) {
      const failure = error instanceof ConnectionFailure ? error : new ConnectionFailure('unknown', String((error as Error)?.message ?? error), String(error));
      entry.state = 'error';
      entry.error = failure.message;
      this.log.error(`Connecting "${profile.name}" failed: ${redactSecrets(failure.message, [secrets.password, secrets.sentinelPassword])} [${redactSecrets(failure.detail, [secrets.password, secrets.sentinelPassword])}]`);
      throw failure;
    }
  }

  private watch(id: string, profile: StoredProfile, session: RedisSession, secrets: ConnectionSecrets): void {
    const redact = (text: string) => redactSecrets(text, [secrets.password, secrets.sentinelPassword]);
    session.on('state', (state) => {
      this.log.info(`"${profile.name}" is ${state}`);
      const entry = this.live.get(id);
      if (entry && state === 'connected') entry.error = undefined;
      this.changed.fire();
    });
    session.on('failure', (failure) => {
      const entry = this.live.get(id);
      if (entry) entry.error = failure.message;
      this.log.warn(`"${profile.name}": ${redact(failure.message)} [${redact(failure.detail)}]`);
    });
    session.on('topology', (reason) => {
      this.log.info(`"${profile.name}": topology changed (${reason})`);
      this.topologyChanged.fire(id);
      this.changed.fire();
    });
  }

  /**
   * A client for another logical database (standalone/Sentinel), created on first use, confirmed to really be on
   * that database (a refused index must fail, not fall back to database 0), and closed with the session.
   */
  async clientForDb(id: string, db: number): Promise<RedisClient | undefined> {
    const live = this.live.get(id);
    const session = live?.session;
    if (!session) return undefined;
    if (db === session.profile.db || session.profile.topology === 'cluster') return session.client;
    let client = live.databases.get(db);
    if (!client) {
      try {
        client = await openDatabaseClient(session.client, db);
      } catch (error) {
        throw toConnectionFailure(error, { ...session.profile, db });
      }
      live.databases.set(db, client);
    }
    return client;
  }

  async disconnect(id: string): Promise<void> {
    const live = this.live.get(id);
    this.live.delete(id);
    if (live?.session) {
      for (const client of live.databases.values()) client.disconnect();
      await live.session.close();
      this.log.info(`Disconnected "${live.session.profile.name}"`);
    }
    this.changed.fire();
  }

  async reconnect(id: string): Promise<ConnectedSession> {
    await this.disconnect(id);
    return this.connect(id);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.disconnect(id)));
    this.changed.dispose();
    this.topologyChanged.dispose();
  }
}
