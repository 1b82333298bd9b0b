/**
 * A live connection of one profile: the guarded client plus its state ("connected", "reconnecting", ...)
 * and a "topology" event when the deployment changed underneath (Sentinel failover, Cluster slot map change),
 * so views can refresh without user action.
 */
import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { ConnectionProfile, ConnectionSecrets, HostPort } from '../../core/connection/profile';
import { isCluster, type RedisClient } from '../client';
import type { ReadOnlyGuard } from '../readOnlyGuard';
import { ConnectionFailure, openConnection, toConnectionFailure } from './openConnection';

export type SessionState = 'connected' | 'reconnecting' | 'closed';

export interface SessionEvents {
  state: [SessionState];
  /** Something about the deployment changed (new master, node added/removed, slots moved). */
  topology: [string];
  /** An error on the live connection (already translated). */
  failure: [ConnectionFailure];
}

export class RedisSession extends EventEmitter<SessionEvents> {
  state: SessionState = 'connected';
  lastError?: ConnectionFailure;
  private closing = false;
  private masterSignature: string;

  private constructor(
    readonly profile: ConnectionProfile,
    readonly client: RedisClient,
    readonly serverVersion: string,
    readonly guard: ReadOnlyGuard | undefined,
    readonly connectMs: number,
    /** "Redis 7.0.15", "Valkey 8.0.1". */
    readonly serverLabel: string,
  ) {
    super();
    this.masterSignature = this.currentMasters();
    this.watch();
  }

  /** Connect (rejects with a ConnectionFailure carrying the actionable message). */
  static async open(profile: ConnectionProfile, secrets: ConnectionSecrets): Promise<RedisSession> {
    const opened = await openConnection(profile, secrets);
    return new RedisSession(profile, opened.client, opened.serverVersion, opened.guard, opened.connectMs, opened.serverLabel);
  }

  /** The server this client talks to now (the current master for Sentinel), when known. */
  currentAddress(): HostPort | undefined {
    if (isCluster(this.client)) return undefined;
    const stream = (this.client as Redis & { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
    return stream?.remoteAddress && stream.remotePort ? { host: stream.remoteAddress, port: stream.remotePort } : undefined;
  }

  private currentMasters(): string {
    if (isCluster(this.client)) {
      return this.client.nodes('master').map((n) => `${n.options.host}:${n.options.port}`).sort().join(',');
    }
    const address = this.currentAddress();
    return address ? `${address.host}:${address.port}` : '';
  }

  private setState(state: SessionState): void {
    if (this.state === state) return;
    this.state = state;
    this.emit('state', state);
  }

  private noticeTopology(reason: string): void {
    const signature = this.currentMasters();
    if (signature === this.masterSignature) return;
    this.masterSignature = signature;
    this.emit('topology', reason);
  }

  private watch(): void {
    const client = this.client;
    client.on('error', (error: Error) => {
      if (this.closing) return;
      this.lastError = toConnectionFailure(error, this.profile);
      this.emit('failure', this.lastError);
      // A reconnect to a server (or new Sentinel master) that refuses our database leaves ioredis in database 0:
      // browsing or editing there would touch the wrong data, so the session stops instead.
      if (this.lastError.kind === 'database') this.client.disconnect();
    });
    client.on('reconnecting', () => !this.closing && this.setState('reconnecting'));
    client.on('ready', () => {
      if (this.closing) return;
      this.setState('connected');
      this.noticeTopology('reconnected');
    });
    client.on('end', () => this.setState('closed'));
    if (isCluster(client)) {
      client.on('refresh', () => this.noticeTopology('cluster slots refreshed'));
      client.on('+node', () => this.noticeTopology('node added'));
      client.on('-node', () => this.noticeTopology('node removed'));
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await Promise.race([this.client.quit(), new Promise((resolve) => setTimeout(resolve, 1000))]);
    } catch {
      // Already closed.
    }
    this.client.disconnect();
    this.setState('closed');
    this.removeAllListeners();
  }
}
