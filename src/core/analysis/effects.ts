/**
 * What the client tracker records so that results can be kept across edits: what a resolution depended on,
 * and what a module-level or self/this binding tells the rest of its file.
 */
import type { ClientRef } from './clientValues';
import type { BoundName } from './collect';

/**
 * What resolving something depended on: the client creations it reached (new or already known) and the
 * file-wide names it read ("m:redis" a module-level name, "t:client" a self/this attribute, "imports" the
 * module's imports). A statement kept across an edit is valid while none of the names it read changed.
 */
export interface Effects {
  creations: number[];
  names: string[];
}

export const IMPORTS_READ = 'imports';

export function noEffects(): Effects {
  return { creations: [], names: [] };
}

/** What a module-level or self/this binding tells the rest of its file (plain data, compared across edits). */
export interface Contribution {
  scope: 'module' | 'this';
  name: string;
  kind: BoundName['kind'];
  module?: string;
  imported?: string;
  typeText?: string;
  /** Bound in module context (not through `global` inside a function): its type text reads module imports. */
  moduleContext: boolean;
  bindingStart: number;
  functionStart?: number;
  value: ClientRef | 'not-a-client' | 'neutral' | null;
  returns: ClientRef | null;
  valueEffects: Effects;
  returnsEffects: Effects;
}

/** Effects without repeats, in a fixed order (they are compared across edits). */
export function normalEffects(effects: Effects): Effects {
  return { creations: [...new Set(effects.creations)].sort((a, b) => a - b), names: [...new Set(effects.names)].sort() };
}

