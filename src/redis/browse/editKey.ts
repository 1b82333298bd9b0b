/**
 * Key edits, one binary-safe command each. Refused here on read-only connections before anything is sent
 * (the connection's client guard refuses them again), so no caller can write through the browser by mistake.
 */
import type { EditOp } from '../../shared/protocol';
import type { BrowseTarget } from './nodes';
import { fromWire } from './wireBytes';

export class ReadOnlyError extends Error {
  constructor(what: string) {
    super(`This connection is read-only: ${what} was refused.`);
  }
}

/** Edits that lose data, now or when a TTL set here runs out; the host asks the user before applying them. */
export const DESTRUCTIVE_EDITS: ReadonlySet<EditOp['op']> = new Set(['hashDelete', 'hashFieldExpire', 'listRemove', 'setRemove', 'zsetRemove', 'delete', 'rename']);

/** The command an edit sends, as [name, ...args] (exported so tests and the confirm dialog can describe it). */
export function editCommand(key: Buffer, edit: EditOp): [string, ...Array<Buffer | string>] {
  switch (edit.op) {
    case 'setString':
      // KEEPTTL: editing the value must not silently drop the expiry the key had.
      return ['SET', key, fromWire(edit.value), 'KEEPTTL'];
    case 'hashSet':
      return ['HSET', key, fromWire(edit.field), fromWire(edit.value)];
    case 'hashDelete':
      return ['HDEL', key, fromWire(edit.field)];
    case 'hashFieldExpire':
      return ['HEXPIRE', key, String(edit.seconds), 'FIELDS', '1', fromWire(edit.field)];
    case 'hashFieldPersist':
      return ['HPERSIST', key, 'FIELDS', '1', fromWire(edit.field)];
    case 'listSet':
      return ['LSET', key, String(edit.index), fromWire(edit.value)];
    case 'listPush':
      return [edit.end === 'head' ? 'LPUSH' : 'RPUSH', key, fromWire(edit.value)];
    case 'listRemove':
      return ['LREM', key, String(edit.count), fromWire(edit.value)];
    case 'setAdd':
      return ['SADD', key, fromWire(edit.member)];
    case 'setRemove':
      return ['SREM', key, fromWire(edit.member)];
    case 'zsetAdd':
      return ['ZADD', key, String(edit.score), fromWire(edit.member)];
    case 'zsetRemove':
      return ['ZREM', key, fromWire(edit.member)];
    case 'streamAdd':
      return ['XADD', key, '*', ...edit.fields.flatMap(([field, value]) => [fromWire(field), fromWire(value)])];
    case 'expire':
      return ['EXPIRE', key, String(edit.seconds)];
    case 'persist':
      return ['PERSIST', key];
    case 'rename':
      // RENAMENX: never overwrite another key by renaming onto it.
      return ['RENAMENX', key, fromWire(edit.newKey)];
    case 'delete':
      // UNLINK frees big values in a background thread instead of blocking the server.
      return ['UNLINK', key];
  }
}

export async function applyEdit(target: BrowseTarget, key: Buffer, edit: EditOp): Promise<unknown> {
  if (target.readOnly) throw new ReadOnlyError(`"${edit.op}"`);
  const [command, ...args] = editCommand(key, edit);
  const reply = await target.client.callBuffer(command, ...args);
  if (edit.op === 'rename' && reply === 0) throw new Error('A key with the new name already exists; rename refused.');
  // HEXPIRE/HPERSIST answer one code per field; -2 means there was no such field (or key) to change.
  if ((edit.op === 'hashFieldExpire' || edit.op === 'hashFieldPersist') && Array.isArray(reply) && Number(reply[0]) === -2) {
    throw new Error('The field no longer exists; its TTL was not changed.');
  }
  return reply;
}
