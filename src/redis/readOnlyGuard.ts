/**
 * Read-only mode enforced on the client instance itself: `sendCommand` (the path of every command, pipeline
 * and transaction) is wrapped so write and dangerous commands are refused before a byte is written. Cluster
 * node clients and duplicates get the same guard. The shipped command table decides; the server's own COMMAND
 * reply can only refuse more, and commands the table does not know are refused.
 */
import type { Redis } from 'ioredis';
import { commandSpec, hasSubcommands, lookupCommand } from '../core/commands/commandTable';
import { readOnlyVerdict, type CommandFlags, type ReadOnlyVerdict } from '../core/commands/readOnlyPolicy';
import { isCluster, type RedisClient } from './client';

/** The error a refused command rejects with. */
export class ReadOnlyRefusal extends Error {
  override readonly name = 'ReadOnlyRefusal';
  constructor(readonly command: string, reason: string) {
    super(`Read-only connection: ${reason}; the command was not sent.`);
  }
}

/** The parts of ioredis' Command we rely on. */
interface CommandLike {
  name: string;
  args: unknown[];
  reject(error: Error): void;
  promise: Promise<unknown>;
}
interface PipelineStreamLike {
  write(data: string): void;
}
interface PipelineLike {
  _queue: CommandLike[];
  exec(...args: unknown[]): Promise<unknown>;
}

const GUARDED = Symbol('redisReview.readOnlyGuard');

export interface ReadOnlyGuard {
  /** Check without sending; `args` as sent (first argument selects the subcommand of container commands). */
  check(name: string, args?: unknown[]): ReadOnlyVerdict;
  /** Replace the shipped flags with the connected server's COMMAND reply; returns the number of commands learned. */
  learnFromServer(): Promise<number>;
  /** How many commands the server described (0 until learnFromServer succeeded). */
  readonly serverCommandCount: number;
}

function argText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Parse one COMMAND entry (RESP2-shaped: name, arity, flags, first, last, step, acl, tips, specs, subcommands). */
function learnEntry(entry: unknown, into: Map<string, CommandFlags>): void {
  if (!Array.isArray(entry)) return;
  const [name, , flags, , , , acl, , , subcommands] = entry as unknown[];
  into.set(String(name).toLowerCase(), {
    flags: Array.isArray(flags) ? flags.map(String) : [],
    aclCategories: Array.isArray(acl) ? acl.map((c) => String(c).replace(/^@/, '')) : [],
  });
  if (Array.isArray(subcommands)) for (const sub of subcommands) learnEntry(sub, into);
}

export function installReadOnlyGuard(client: RedisClient): ReadOnlyGuard {
  const serverFlags = new Map<string, CommandFlags>();
  /** Container commands ("config", "client", ...) according to the server's reply. */
  const serverContainers = new Set<string>();

  /**
   * The command table decides; the server's own reply can only make a verdict stricter (a command the table
   * calls read-only that this server marks as writing is refused). A command the table does not know — a
   * module's, whatever flags it declares — stays refused.
   */
  const verdictFor = (tableName: string): ReadOnlyVerdict => {
    const table = commandSpec(tableName);
    const verdict = readOnlyVerdict(tableName, table);
    if (verdict.refused) return verdict;
    const server = serverFlags.get(tableName);
    return server ? readOnlyVerdict(tableName, server) : verdict;
  };

  const check = (rawName: string, args: unknown[] = []): ReadOnlyVerdict => {
    const name = rawName.toLowerCase();
    const first = argText(args[0])?.toLowerCase();
    const container = serverFlags.size ? serverContainers.has(name) : hasSubcommands(name);
    if (container && first !== undefined) {
      const subName = `${name}|${first}`;
      // Unknown subcommands of a container are refused: we cannot prove them harmless.
      return verdictFor(subName);
    }
    return verdictFor(name);
  };

  const guardInstance = (target: Redis | RedisClient): void => {
    const record = target as unknown as Record<PropertyKey, unknown>;
    if (record[GUARDED]) return;
    record[GUARDED] = true;
    const send = (target as unknown as { sendCommand: (c: CommandLike, s?: PipelineStreamLike, n?: unknown) => unknown }).sendCommand;
    (target as unknown as { sendCommand: unknown }).sendCommand = function (command: CommandLike, stream?: PipelineStreamLike, node?: unknown) {
      const verdict = check(command.name, command.args);
      if (verdict.refused) {
        command.reject(new ReadOnlyRefusal(command.name, verdict.reason));
        // A pipeline writes its buffer once every queued command was handed over; count this one as handed over.
        if (stream && typeof stream.write === 'function') stream.write('');
        return command.promise;
      }
      return send.call(this, command, stream, node);
    };
    // Refuse a whole pipeline/transaction up front, so a MULTI never runs half of its commands.
    for (const method of ['pipeline', 'multi'] as const) {
      const create = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
      (target as unknown as Record<string, unknown>)[method] = function (this: unknown, ...createArgs: unknown[]) {
        const batch = create.apply(this, createArgs) as PipelineLike | Promise<unknown>;
        if (batch && typeof (batch as PipelineLike).exec === 'function' && Array.isArray((batch as PipelineLike)._queue)) {
          const pipeline = batch as PipelineLike;
          const exec = pipeline.exec;
          pipeline.exec = function (this: unknown, ...execArgs: unknown[]) {
            for (const queued of pipeline._queue) {
              const verdict = check(queued.name, queued.args);
              if (verdict.refused) {
                const error = new ReadOnlyRefusal(queued.name, verdict.reason);
                const callback = execArgs.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
                callback?.(error);
                return Promise.reject(error);
              }
            }
            return exec.apply(this, execArgs);
          };
        }
        return batch;
      };
    }
    // monitor() opens its own connection without going through sendCommand: refuse it here.
    if (typeof (target as unknown as { monitor?: unknown }).monitor === 'function') {
      (target as unknown as { monitor: unknown }).monitor = () => Promise.reject(new ReadOnlyRefusal('monitor', readOnlyVerdictReason('monitor')));
    }
    const duplicate = (target as unknown as { duplicate?: (...a: unknown[]) => RedisClient }).duplicate;
    if (typeof duplicate === 'function') {
      (target as unknown as { duplicate: unknown }).duplicate = function (this: unknown, ...args: unknown[]) {
        const copy = duplicate.apply(this, args);
        guardInstance(copy);
        return copy;
      };
    }
  };

  guardInstance(client);
  if (isCluster(client)) {
    // Node clients are reachable through cluster.nodes(); guard each as the pool creates it.
    for (const node of client.nodes()) guardInstance(node);
    client.on('+node', (node: Redis) => guardInstance(node));
  }

  return {
    check,
    async learnFromServer() {
      const target = isCluster(client) ? client.nodes('master')[0] ?? client : client;
      const reply = (await (target as Redis).call('COMMAND')) as unknown[];
      const learned = new Map<string, CommandFlags>();
      for (const entry of reply ?? []) learnEntry(entry, learned);
      if (learned.size > 0) {
        serverFlags.clear();
        serverContainers.clear();
        for (const [name, flags] of learned) {
          serverFlags.set(name, flags);
          if (name.includes('|')) serverContainers.add(name.split('|')[0]);
        }
      }
      return learned.size;
    },
    get serverCommandCount() {
      return serverFlags.size;
    },
  };
}

function readOnlyVerdictReason(name: string): string {
  const verdict = readOnlyVerdict(name, lookupCommand(name));
  return verdict.refused ? verdict.reason : `${name.toUpperCase()} is refused`;
}

/** True when an error is a refusal by the read-only guard (not a server error). */
export function isReadOnlyRefusal(error: unknown): error is ReadOnlyRefusal {
  return error instanceof ReadOnlyRefusal;
}
