/**
 * Run-time validation of messages from the webview (untrusted): the envelope, then each method's params.
 * The host calls `parseWebviewMessage` on every inbound message and answers an INVALID error otherwise.
 */
import { INSTANCE_TAB_IDS, LIMITS, PROTOCOL_VERSION, type EditOp, type MethodName, type WebviewToHost } from './protocol';

export class ProtocolError extends Error {}

type Validator<T> = (value: unknown, path: string) => T;

const fail = (path: string, expected: string): never => {
  throw new ProtocolError(`${path}: expected ${expected}`);
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own properties only: `in` also sees "constructor", "toString" and the rest of Object.prototype. */
const hasOwn = (target: object, name: string): boolean => Object.prototype.hasOwnProperty.call(target, name);

export const str =
  (maxLength = 1_000_000): Validator<string> =>
  (value, path) =>
    typeof value === 'string' && value.length <= maxLength ? value : fail(path, `a string of at most ${maxLength} characters`);

/** Wire bytes: "t…" or "b<base64>" (protocol.ts). Keys are capped at 1 MB on the wire, values at the load-all limit. */
export const wireBytes =
  (maxLength = LIMITS.maxLoadAllBytes * 2): Validator<string> =>
  (value, path) => {
    const text = str(maxLength)(value, path);
    if (text.startsWith('t')) return text;
    if (text.startsWith('b') && /^[A-Za-z0-9+/]*={0,2}$/.test(text.slice(1))) return text;
    return fail(path, 'wire bytes ("t…" or "b<base64>")');
  };

export const int =
  (min: number, max: number): Validator<number> =>
  (value, path) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fail(path, `an integer in [${min}, ${max}]`);

const finite: Validator<number> = (value, path) => (typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a finite number'));
const bool: Validator<boolean> = (value, path) => (typeof value === 'boolean' ? value : fail(path, 'a boolean'));

export const oneOf =
  <T extends string>(...options: T[]): Validator<T> =>
  (value, path) =>
    options.includes(value as T) ? (value as T) : fail(path, `one of ${options.join(', ')}`);

export const nullable =
  <T>(inner: Validator<T>): Validator<T | null> =>
  (value, path) =>
    value === null ? null : inner(value, path);

export const optional =
  <T>(inner: Validator<T>): Validator<T | undefined> =>
  (value, path) =>
    value === undefined ? undefined : inner(value, path);

export const arrayOf =
  <T>(inner: Validator<T>, maxItems: number): Validator<T[]> =>
  (value, path) => {
    if (!Array.isArray(value) || value.length > maxItems) return fail(path, `an array of at most ${maxItems} items`);
    return value.map((item, index) => inner(item, `${path}[${index}]`));
  };

/** An object with exactly these fields (unknown fields are rejected: nothing unexpected reaches a handler). */
export function object<T extends Record<string, unknown>>(shape: { [K in keyof T]: Validator<T[K]> }): Validator<T> {
  return (value, path) => {
    if (!isRecord(value)) return fail(path, 'an object');
    for (const name of Object.keys(value)) if (!hasOwn(shape, name)) fail(`${path}.${name}`, 'no such field');
    const out = {} as T;
    for (const name of Object.keys(shape) as Array<keyof T>) {
      const parsed = shape[name](value[name as string], `${path}.${String(name)}`);
      if (parsed !== undefined) out[name] = parsed;
    }
    return out;
  };
}

const key = wireBytes(1024 * 1024);
const value = wireBytes();
const pair: Validator<[string, string]> = (input, path) => {
  if (!Array.isArray(input) || input.length !== 2) return fail(path, 'a [field, value] pair');
  return [key(input[0], `${path}[0]`), value(input[1], `${path}[1]`)];
};
const empty = object<Record<string, never>>({});

const editValidators: { [K in EditOp['op']]: Validator<Extract<EditOp, { op: K }>> } = {
  setString: object({ op: oneOf('setString'), value }),
  hashSet: object({ op: oneOf('hashSet'), field: key, value }),
  hashDelete: object({ op: oneOf('hashDelete'), field: key }),
  // At least a second: HEXPIRE 0 would delete the field at once, which is what Remove is for (and confirms).
  hashFieldExpire: object({ op: oneOf('hashFieldExpire'), field: key, seconds: int(1, 2 ** 31) }),
  hashFieldPersist: object({ op: oneOf('hashFieldPersist'), field: key }),
  listSet: object({ op: oneOf('listSet'), index: int(-(2 ** 32), 2 ** 32), value }),
  listPush: object({ op: oneOf('listPush'), end: oneOf('head', 'tail'), value }),
  listRemove: object({ op: oneOf('listRemove'), value, count: int(-(2 ** 31), 2 ** 31) }),
  setAdd: object({ op: oneOf('setAdd'), member: key }),
  setRemove: object({ op: oneOf('setRemove'), member: key }),
  zsetAdd: object({ op: oneOf('zsetAdd'), member: key, score: finite }),
  zsetRemove: object({ op: oneOf('zsetRemove'), member: key }),
  streamAdd: object({ op: oneOf('streamAdd'), fields: arrayOf(pair, 1000) }),
  expire: object({ op: oneOf('expire'), seconds: int(1, 2 ** 31) }),
  persist: object({ op: oneOf('persist') }),
  rename: object({ op: oneOf('rename'), newKey: key }),
  delete: object({ op: oneOf('delete') }),
};

const editOp: Validator<EditOp> = (input, path) => {
  if (!isRecord(input) || typeof input.op !== 'string' || !hasOwn(editValidators, input.op)) return fail(`${path}.op`, 'a known edit');
  const edit = editValidators[input.op as EditOp['op']](input, path);
  if (edit.op === 'streamAdd' && edit.fields.length === 0) fail(`${path}.fields`, 'at least one field');
  return edit;
};

const paramsValidators = new Map<string, Validator<unknown>>();

/** Register the params validator of a request method (other tabs register theirs the same way). */
export function registerParamsValidator<M extends MethodName>(method: M, validator: Validator<unknown>): void {
  paramsValidators.set(method, validator);
}

const instanceValidators: Record<string, Validator<unknown>> = {
  scanKeys: object({ scanId: optional(str(64)), pattern: str(4096), type: str(64), want: int(1, LIMITS.maxScanWant) }),
  cancelScan: object({ scanId: str(64) }),
  keyMeta: object({ keys: arrayOf(key, LIMITS.maxMetaKeys) }),
  keySummary: object({ key }),
  readString: object({ key, all: bool }),
  readCollection: object({
    key,
    type: oneOf('hash', 'set', 'zset', 'list'),
    cursor: str(64),
    match: str(4096),
    count: int(1, LIMITS.maxPageCount),
  }),
  readHashField: object({ key, field: key }),
  readStream: object({ key, before: nullable(str(64)), count: int(1, LIMITS.maxPageCount) }),
  streamGroups: object({ key }),
  editKey: object({ key, edit: editOp }),
  copyValue: object({ key, asJson: bool }),
  exportValue: object({ key }),
  stats: empty,
  memoryDoctor: empty,
  activity: object({ slowlogCount: int(1, 1024) }),
  slowlogReset: empty,
  openInBrowser: object({ tab: oneOf(...INSTANCE_TAB_IDS) }),
};
for (const [method, validator] of Object.entries(instanceValidators)) paramsValidators.set(method, validator);

/** Validate one inbound message; throws ProtocolError (with the request id when it had one) otherwise. */
export function parseWebviewMessage(message: unknown): WebviewToHost {
  if (!isRecord(message)) return fail('message', 'an object');
  if (message.kind === 'ready') {
    return object({ kind: oneOf('ready'), protocolVersion: int(PROTOCOL_VERSION, PROTOCOL_VERSION) })(message, 'message') as WebviewToHost;
  }
  if (message.kind !== 'request') return fail('message.kind', '"ready" or "request"');
  const id = int(1, Number.MAX_SAFE_INTEGER)(message.id, 'message.id');
  const method = str(64)(message.method, 'message.method');
  const validator = paramsValidators.get(method);
  if (!validator) throw new ProtocolError(`message.method: unknown method "${method}"`);
  for (const name of Object.keys(message)) {
    if (!['kind', 'id', 'method', 'params'].includes(name)) fail(`message.${name}`, 'no such field');
  }
  return { kind: 'request', id, method: method as MethodName, params: validator(message.params, 'params') as never };
}

/** The id of a message that failed validation, so the host can still answer it. */
export function requestIdOf(message: unknown): number | undefined {
  return isRecord(message) && typeof message.id === 'number' && Number.isSafeInteger(message.id) ? message.id : undefined;
}
