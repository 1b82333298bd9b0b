/**
 * Host handlers for every request method of the instance webview. Params arrive already validated
 * (protocolValidation.ts). Other tabs add their methods with `registerMethodHandlers`.
 */
import type { EditOp, MethodName, ParamsOf, ResultOf, WireBytes } from '../../shared/protocol';
import type { ConnectedSession } from '../connections/api';
import { DESTRUCTIVE_EDITS, ReadOnlyError, applyEdit } from '../../redis/browse/editKey';
import { exportValue } from '../../redis/browse/exportValue';
import { keyMeta } from '../../redis/browse/keyMeta';
import { masterNodes } from '../../redis/browse/nodes';
import { readCollection, readHashField, readString } from '../../redis/browse/readValue';
import { readStream, streamGroups } from '../../redis/browse/readStream';
import { KeyScan } from '../../redis/browse/scanKeys';
import { memoryDoctor, readActivity, readStats, resetSlowlog } from '../../redis/browse/serverStats';
import { fromWire, toWire } from '../../redis/browse/wireBytes';

/** The user-facing host services handlers need (VS Code dialogs and clipboard; replaceable in UI harnesses). */
export interface HostUi {
  confirmEdit(edit: EditOp, keyLabel: string, connectionName: string): Promise<boolean>;
  confirmAction(message: string, action: string): Promise<boolean>;
  writeClipboard(text: string): Promise<void>;
  /** Ask where to save and write the bytes; resolves with the path, or null when cancelled. */
  saveFile(title: string, suggestedName: string, bytes: Buffer): Promise<string | null>;
}

/** What a handler gets besides its params: the live session, per-webview state and the host UI. */
export interface HandlerContext {
  session: ConnectedSession;
  ui: HostUi;
  /** Scans of this webview by id; a new scan replaces the previous ones. */
  scans: Map<string, KeyScan>;
}

type Handler<M extends MethodName> = (params: ParamsOf<M>, context: HandlerContext) => Promise<ResultOf<M>>;
type HandlerTable = { [M in MethodName]?: Handler<M> };

function keyLabel(key: WireBytes): string {
  return key.startsWith('t') ? key.slice(1) : `<binary key, ${fromWire(key).length} bytes>`;
}

let nextScanId = 1;

const instanceHandlers: HandlerTable = {
  async scanKeys(params, { session, scans }) {
    let scan = params.scanId ? scans.get(params.scanId) : undefined;
    let scanId = params.scanId;
    if (!scan || !scanId) {
      scans.clear();
      scanId = `scan-${nextScanId++}`;
      scan = new KeyScan(masterNodes(session.client), { pattern: params.pattern || '*', type: params.type });
      scans.set(scanId, scan);
    }
    const step = await scan.step(params.want);
    if (step.done) scans.delete(scanId);
    return { scanId, keys: step.keys.map(toWire), done: step.done, scanned: step.scanned, total: step.total };
  },
  async cancelScan(params, { scans }) {
    scans.delete(params.scanId);
    return null;
  },
  keyMeta: (params, { session }) => keyMeta(session.client, params.keys.map(fromWire)),
  async keySummary(params, { session }) {
    return (await keyMeta(session.client, [fromWire(params.key)]))[0];
  },
  readString: (params, { session }) => readString(session.client, fromWire(params.key), params.all),
  readCollection: (params, { session }) => readCollection(session.client, params),
  readHashField: (params, { session }) => readHashField(session.client, fromWire(params.key), fromWire(params.field)),
  readStream: (params, { session }) => readStream(session.client, fromWire(params.key), params.before, params.count),
  streamGroups: (params, { session }) => streamGroups(session.client, fromWire(params.key)),
  async editKey(params, { session, ui }) {
    // Refuse before asking anything: a read-only connection never even shows the dialog.
    if (session.readOnly) throw new ReadOnlyError(`"${params.edit.op}"`);
    if (DESTRUCTIVE_EDITS.has(params.edit.op) && !(await ui.confirmEdit(params.edit, keyLabel(params.key), session.name))) {
      return { applied: false };
    }
    await applyEdit({ client: session.client, readOnly: session.readOnly }, fromWire(params.key), params.edit);
    return { applied: true };
  },
  async copyValue(params, { session, ui }) {
    const value = await exportValue(session.client, fromWire(params.key), params.asJson);
    await ui.writeClipboard(value.bytes.toString('utf8'));
    return { copiedBytes: value.bytes.length };
  },
  async exportValue(params, { session, ui }) {
    const value = await exportValue(session.client, fromWire(params.key));
    const safeName = keyLabel(params.key).replace(/[^\w.-]+/g, '_').slice(0, 80) || 'value';
    const savedTo = await ui.saveFile(`Export "${keyLabel(params.key)}"`, `${safeName}${value.isJson ? '.json' : '.bin'}`, value.bytes);
    return { savedTo };
  },
  stats: (_params, { session }) => readStats(session.client, session.name),
  memoryDoctor: (_params, { session }) => memoryDoctor(session.client, session.name),
  activity: (params, { session }) => readActivity(session.client, params.slowlogCount, session.name),
  async slowlogReset(_params, { session, ui }) {
    if (session.readOnly) throw new ReadOnlyError('SLOWLOG RESET');
    if (!(await ui.confirmAction(`Clear the slow log of ${session.name}? Its entries are lost.`, 'Reset Slow Log'))) return { applied: false };
    await resetSlowlog({ client: session.client, readOnly: session.readOnly });
    return { applied: true };
  },
};

const handlers: HandlerTable = { ...instanceHandlers };

/** Add the handlers of another tab's methods (their params validators go through registerParamsValidator). */
export function registerMethodHandlers(more: HandlerTable): void {
  Object.assign(handlers, more);
}

export function handlerFor(method: MethodName): ((params: unknown, context: HandlerContext) => Promise<unknown>) | undefined {
  // Own properties only: a method named after something on Object.prototype must find no handler.
  if (!Object.prototype.hasOwnProperty.call(handlers, method)) return undefined;
  return handlers[method] as ((params: unknown, context: HandlerContext) => Promise<unknown>) | undefined;
}

