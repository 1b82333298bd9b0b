/**
 * Bindings of statements kept across an edit: the chunk that bound them is not parsed again, so what they tell the
 * rest of the file comes back from the contribution recorded for them (see ClientTracker.contribution).
 */
import { NEUTRAL, NOT_A_CLIENT } from './clientValues';
import { MODULE_CONTEXT, type BoundName } from './collect';
import type { Contribution } from './effects';

/** A binding restored from a contribution: its answers are known, there is no tree behind it. */
export function restoredBinding(contribution: Contribution): BoundName {
  const value = contribution.value === 'not-a-client' ? NOT_A_CLIENT : contribution.value === 'neutral' ? NEUTRAL : (contribution.value ?? undefined);
  return {
    name: contribution.name,
    kind: contribution.kind,
    module: contribution.module,
    imported: contribution.imported,
    typeText: contribution.typeText,
    context: MODULE_CONTEXT,
    start: contribution.bindingStart,
    resolved: { value, returns: contribution.returns, functionStart: contribution.functionStart, valueEffects: contribution.valueEffects, returnsEffects: contribution.returnsEffects },
  };
}
