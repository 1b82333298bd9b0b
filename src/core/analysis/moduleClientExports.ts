/**
 * What a module hands its importers: module-level names bound to clients, and module-level functions returning one,
 * with whether such a function makes a new client on every call (`fresh`: two calls are two connections).
 */
import { MODULE_SCOPE, type Collected } from './collect';
import type { ClientTracker } from './clientTracker';
import { isClient, type ClientRef } from './clientValues';

export interface ModuleClientExport {
  name: string;
  ref: ClientRef;
  returnsClient: boolean;
  fresh?: boolean;
}

export function moduleClientExports(tracker: ClientTracker, collected: Collected): ModuleClientExport[] {
  const out: ModuleClientExport[] = [];
  for (const [name, list] of collected.bindings.get(MODULE_SCOPE) ?? []) {
    const fn = list.find((b) => b.kind === 'function' || (b.kind === 'assign' && tracker.functionStartOf(b) !== undefined));
    const functionStart = fn && tracker.functionStartOf(fn);
    if (functionStart !== undefined) {
      const ref = tracker.returnedBy(functionStart);
      if (ref) out.push({ name: name === 'export:default' ? 'default' : name, ref, returnsClient: true, ...(createdPerCall(tracker, collected, ref, functionStart) ? { fresh: true } : {}) });
      continue;
    }
    const value = tracker.moduleValue(name);
    if (isClient(value)) out.push({ name: name === 'export:default' ? 'default' : name.replace(/^export:/, ''), ref: value, returnsClient: false });
  }
  return out;
}

/**
 * The function makes the client it returns on every call: created in its own body and returned as it is or
 * through a local variable (`const c = new Redis(); return c`), not kept in a module variable it hands out again.
 */
function createdPerCall(tracker: ClientTracker, collected: Collected, ref: ClientRef, functionStart: number): boolean {
  // Every return must make one: `if (options instanceof Redis) return options` gives the caller its own client back.
  const returns = collected.returns.get(functionStart) ?? [];
  const refs = returns.map(({ statement, context }) => {
    const value = statement.type === 'arrow_function' ? statement.childForFieldName('body') : statement.firstNamedChild;
    return value ? tracker.resolve(value, context, 1) : undefined;
  });
  return refs.length > 0 && refs.every((each) => each !== undefined && createdHere(collected, each, functionStart)) && createdHere(collected, ref, functionStart);
}

function createdHere(collected: Collected, ref: ClientRef, functionStart: number): boolean {
  const creation = ref.origin === 'local' ? ref.creation : undefined;
  const fn = creation?.enclosingFunction;
  if (!creation || !fn || fn.span.startOffset !== functionStart || creation.factory === 'duplicate') return false;
  if (!creation.binding) return true;
  // An assignment without a declaration binds in the function's scope too: a name the module also binds is the module's.
  return (collected.bindings.get(functionStart)?.has(creation.binding) ?? false) && !collected.bindings.get(MODULE_SCOPE)?.has(creation.binding);
}
