/**
 * What a method called on a known client gives back: the same client (`connect()`, `on(...)`, `withOptions(...)`), a new
 * connection (`duplicate()`, a Sentinel's `master_for`), a pipeline, a transaction or a pub/sub object; and what
 * a pipeline's own methods give back (itself, until it is executed).
 */
import type { Node } from 'web-tree-sitter';
import type { ClientRef } from './clientValues';
import { SAME_CLIENT_METHODS } from './creations';
import type { ClientCreation, ReceiverKind } from './model';
import type { CallParts, FactoryInfo } from './syntax';

const PIPELINE_END_METHODS = new Set(['exec', 'execute', 'execAsPipeline', 'discard', 'reset', 'then']);

/** Records a new connection made at the call (so the rules see it as a creation of its own). */
export type RecordCreation = (info: FactoryInfo, factory: string) => ClientCreation;

export function clientAfterMethod(base: ClientRef, method: string, node: Node, parts: CallParts, record: RecordCreation): ClientRef | undefined {
  const derived = (kind: ReceiverKind): ClientRef => ({ ...base, kind, creation: undefined, identity: `${kind}:${node.startIndex}` });
  if (base.kind === 'pipeline' || base.kind === 'transaction') return PIPELINE_END_METHODS.has(method) ? undefined : base;
  if (base.kind === 'sentinel') {
    if (method === 'master_for' || method === 'slave_for') {
      const creation = record({ library: base.library, kind: 'client', async: base.async }, method);
      return { ...base, kind: 'client', creation, identity: `creation:${node.startIndex}`, origin: 'local' };
    }
    return undefined;
  }
  if (base.kind !== 'client' && base.kind !== 'cluster') return undefined;
  if (SAME_CLIENT_METHODS.has(method)) return base;
  if (method === 'duplicate' || (method === 'client' && base.library === 'redis-py')) {
    const creation = record({ library: base.library, kind: base.kind, async: base.async }, 'duplicate');
    return { ...base, creation, identity: `creation:${node.startIndex}`, origin: 'local' };
  }
  if (method === 'pipeline') {
    if (base.library !== 'redis-py') return derived('pipeline');
    const transaction = parts.keywords.find((k) => k.name === 'transaction')?.value.text ?? parts.args[0]?.text;
    return derived(transaction === 'False' ? 'pipeline' : 'transaction');
  }
  if (method === 'multi') return derived('transaction');
  if (method === 'pubsub') return derived('pubsub');
  return undefined;
}
