/**
 * A fresh RDB snapshot of a server over the replication protocol, as `redis-cli --rdb` takes it (same ACL needs:
 * +sync/+replconf or +@admin): AUTH, `REPLCONF capa eof` (the server streams a diskless snapshot instead of
 * writing a file for us), `REPLCONF rdb-only 1` (no replication stream afterwards), `SYNC`. The payload is handed
 * out chunk by chunk as an async iterable — the caller parses it as it arrives; nothing is stored.
 * Both payload framings are handled: `$<length>` (disk-based) and `$EOF:<40-byte mark>` (diskless).
 */
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type ConnectionOptions } from 'node:tls';

export interface SnapshotTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  tls?: ConnectionOptions;
  /** Connect/handshake timeout, and the longest silence accepted while the server forks and writes (default 60 s). */
  timeoutMs?: number;
  /** Gives up waiting for the snapshot to start (the fork, repl-diskless-sync-delay); afterwards close() stops it. */
  signal?: AbortSignal;
}

/** A refusal or failure of the replication handshake, in words the user can act on. */
export class SnapshotError extends Error {
  override name = 'SnapshotError';
  /** `refused`: the server answered with an error reply (ACL, a replica without its master), not a transport failure. */
  constructor(message: string, readonly refused = false) {
    super(message);
  }
}

/** Framing of the payload once known: the byte count (disk-based) or the 40-byte end mark (diskless). */
export type PayloadFraming = { kind: 'length'; length: number } | { kind: 'eof-mark'; mark: Buffer };

export interface ReplicationSnapshot {
  /** The RDB bytes (without framing or the end mark), as they arrive. */
  chunks: AsyncIterable<Uint8Array>;
  framing: PayloadFraming;
  /** After the parser finished: whether the bytes it did not need (`trailing`) and what follows are the diskless
   *  end mark (always true for length framing, whose end is the byte count). */
  confirmEnd(trailing: Uint8Array): Promise<boolean>;
  /** Milliseconds from SYNC to the first payload byte: the server's fork and (disk-based) save. */
  waitedMs: number;
  close(): void;
}

/** Open a replication connection and wait for the payload to start. */
export async function openReplicationSnapshot(target: SnapshotTarget): Promise<ReplicationSnapshot> {
  const timeoutMs = target.timeoutMs ?? 60_000;
  const socket: Socket = target.tls
    ? connectTls({ host: target.host, port: target.port, ...target.tls })
    : connectTcp({ host: target.host, port: target.port });
  socket.setTimeout(timeoutMs);
  const reader = new SocketReader(socket, `${target.host}:${target.port}`);
  const abort = () => socket.destroy(new Error(`${abortReason(target.signal!)} while waiting for the snapshot to start`));
  if (target.signal?.aborted) abort();
  else target.signal?.addEventListener('abort', abort, { once: true });
  try {
    await reader.connected(target.tls !== undefined);
    if (target.password !== undefined) {
      const args = target.username ? ['AUTH', target.username, target.password] : ['AUTH', target.password];
      await reader.command(args, 'authentication');
    }
    await reader.command(['REPLCONF', 'capa', 'eof'], 'REPLCONF capa eof');
    // Older servers do not know rdb-only; they then keep streaming after the snapshot, which we close anyway.
    await reader.command(['REPLCONF', 'rdb-only', '1'], 'REPLCONF rdb-only', true);
    const started = Date.now();
    reader.send(['SYNC']);
    const header = await reader.payloadHeader();
    const waitedMs = Date.now() - started;
    socket.setTimeout(timeoutMs);
    return {
      chunks: reader.payload(header), framing: header, waitedMs, close: () => socket.destroy(),
      confirmEnd: (trailing) => (header.kind === 'length' ? Promise.resolve(true) : reader.startsWithMark(trailing, header.mark)),
    };
  } catch (error) {
    socket.destroy();
    throw error;
  } finally {
    target.signal?.removeEventListener('abort', abort);
  }
}

function abortReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : 'cancelled';
}

/** What the user can do about a refused replication command: the reply alone rarely says. */
export function refusalHint(reply: string): string {
  if (/NOPERM|no permissions/i.test(reply)) return ' (the user needs the permissions redis-cli --rdb needs: +sync and +replconf, or +@admin)';
  if (/^-?NOMASTERLINK/.test(reply)) return ' (this server is a replica that is not connected to its master: take the snapshot from the master)';
  if (/^-?MASTERDOWN/.test(reply)) return ' (this server is a replica whose master link is down, and replica-serve-stale-data is no: take the snapshot from the master)';
  if (/^-?LOADING/.test(reply)) return ' (the server is still loading its dataset: try again once it has)';
  if (/unknown command/i.test(reply)) return ' (SYNC is renamed or disabled on this server, as managed services do)';
  return '';
}

const EMPTY = Buffer.alloc(0);

/** Reads RESP lines and then the raw payload from one socket, pull-style. */
class SocketReader {
  /** Bytes received and not yet handed out, in the chunks they arrived in: joining each arrival onto what waited
   *  copied every byte of a 1 MB backlog again with each 64 KB read (most of the transfer's allocations, and the
   *  garbage collections they set off, while the parser caught up). Joined only for the handshake's short lines. */
  private readonly queue: Buffer[] = [];
  private queued = 0;
  private waiting: (() => void) | undefined;
  private failure: Error | undefined;
  private ended = false;
  endMarkSeen = false;

  constructor(private readonly socket: Socket, private readonly address: string) {
    socket.on('data', (chunk: Buffer) => {
      this.queue.push(chunk);
      this.queued += chunk.length;
      // Back-pressure: the parser pulls; stop reading while a megabyte waits.
      if (this.queued > 1 << 20) socket.pause();
      this.wake();
    });
    socket.on('error', (error) => ((this.failure ??= new SnapshotError(`${address}: ${error.message}`)), this.wake()));
    socket.on('timeout', () => ((this.failure ??= new SnapshotError(`${address}: no data for ${socket.timeout} ms`)), socket.destroy(), this.wake()));
    socket.on('close', () => ((this.ended = true), this.wake()));
  }

  /** Everything waiting, as one buffer. */
  private joined(): Buffer {
    if (this.queue.length > 1) this.setRest(Buffer.concat(this.queue, this.queued));
    return this.queue.length ? this.queue[0] : EMPTY;
  }

  /** Replace what waits with `rest`. */
  private setRest(rest: Buffer): void {
    this.queue.length = 0;
    if (rest.length) this.queue.push(rest);
    this.queued = rest.length;
  }

  /** The next at most `limit` bytes that wait (one chunk or its head), taken out of the queue. */
  private take(limit: number): Buffer {
    const chunk = this.queue[0];
    this.queued -= Math.min(limit, chunk.length);
    if (chunk.length <= limit) return this.queue.shift()!;
    this.queue[0] = chunk.subarray(limit);
    return chunk.subarray(0, limit);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private async more(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.ended) throw new SnapshotError(`${this.address} closed the connection`);
    this.socket.resume();
    await new Promise<void>((resolve) => (this.waiting = resolve));
    if (this.failure) throw this.failure;
  }

  async connected(tls: boolean): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.socket.once(tls ? 'secureConnect' : 'connect', () => resolve());
      this.socket.once('error', (error) => reject(new SnapshotError(`cannot connect to ${this.address}: ${error.message}`)));
      this.socket.once('timeout', () => reject(new SnapshotError(`cannot connect to ${this.address}: timed out`)));
    });
  }

  send(args: string[]): void {
    this.socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  }

  private async line(): Promise<string> {
    for (;;) {
      const buffered = this.joined();
      const end = buffered.indexOf('\r\n');
      if (end >= 0) {
        const line = buffered.subarray(0, end).toString('latin1');
        this.setRest(buffered.subarray(end + 2));
        return line;
      }
      await this.more();
    }
  }

  async command(args: string[], what: string, optional = false): Promise<void> {
    this.send(args);
    const reply = await this.line();
    if (reply.startsWith('+')) return;
    if (optional && reply.startsWith('-')) return;
    throw new SnapshotError(`${this.address} refused ${what}: ${reply.replace(/^-/, '')}${refusalHint(reply)}`, true);
  }

  /** Skip the keep-alive newlines sent while the server forks, then read `$len` or `$EOF:mark`. */
  async payloadHeader(): Promise<PayloadFraming> {
    for (;;) {
      let buffered = this.joined();
      let newlines = 0;
      while (newlines < buffered.length && buffered[newlines] === 0x0a) newlines++;
      if (newlines) this.setRest((buffered = buffered.subarray(newlines)));
      if (buffered.length && buffered.indexOf('\r\n') >= 0) break;
      await this.more();
    }
    const header = await this.line();
    if (header.startsWith('-')) {
      throw new SnapshotError(`${this.address} refused SYNC: ${header.slice(1)}${refusalHint(header)}`, true);
    }
    if (header.startsWith('$EOF:')) {
      const mark = Buffer.from(header.slice(5), 'latin1');
      if (mark.length !== 40) throw new SnapshotError(`${this.address} sent an EOF mark of ${mark.length} bytes (40 expected)`);
      return { kind: 'eof-mark', mark };
    }
    const length = Number(header.slice(1));
    if (!header.startsWith('$') || !Number.isSafeInteger(length) || length < 0) throw new SnapshotError(`${this.address} answered SYNC with ${JSON.stringify(header.slice(0, 80))}`);
    return { kind: 'length', length };
  }

  /** Whether `trailing` followed by the unread bytes begins with `mark` (waits for up to its length). */
  async startsWithMark(trailing: Uint8Array, mark: Buffer): Promise<boolean> {
    if (this.endMarkSeen) return trailing.length === 0;
    for (;;) {
      const joined = Buffer.concat([Buffer.from(trailing), this.joined()]);
      if (joined.length >= mark.length) return joined.subarray(0, mark.length).equals(mark);
      try {
        await this.more();
      } catch {
        return false;
      }
    }
  }

  /** The payload's bytes; with an EOF mark, the last 40 bytes are held back until it is clear they are the mark. */
  async *payload(framing: PayloadFraming): AsyncGenerator<Uint8Array> {
    if (framing.kind === 'length') {
      let left = framing.length;
      while (left > 0) {
        if (!this.queued) await this.more();
        const take = this.take(left);
        left -= take.length;
        yield take;
      }
      return;
    }
    const markLength = framing.mark.length;
    for (;;) {
      if (this.queued > markLength) {
        yield this.take(this.queued - markLength);
        continue;
      }
      if (this.queued === markLength && this.joined().equals(framing.mark)) {
        this.endMarkSeen = true;
        return;
      }
      try {
        await this.more();
      } catch (error) {
        // The connection ended: whatever is held back was payload after all (and the parser will say it is cut).
        if (this.queued) yield this.joined();
        this.setRest(EMPTY);
        throw error;
      }
    }
  }
}
