/**
 * Which units of a file (top-level Go declarations, Java methods) keep their analysis across an edit: those
 * before the changed region and those after it, with the same extent once moved by the edit, on lines of their
 * own. Shared by the Go and Java re-analysis (the Python/TS one plans with its own file-wide checks).
 */
import type { FileContext } from '../findings';
import { diffTexts, Rebaser } from './incremental';
import type { RedisCallSite } from './model';

/** A unit of reuse: where it was, what kind of node, and whether it held a syntax error (never kept). */
export interface Unit {
  start: number;
  end: number;
  type: string;
  hasError: boolean;
}

/** What the Go and Java analyses keep for the next analysis of the same document. */
export interface UnitState<Outputs> {
  text: string;
  path: string;
  context: FileContext;
  units: Unit[];
  outputs: Outputs[];
  /** Per unit, the largest offset its outputs refer to: outputs ending before an edit are kept without a walk. */
  reach: number[];
}

export interface UnitPlan {
  rebaser: Rebaser;
  /** New unit's start → previous unit index, for units the edit did not touch. */
  keptByStart: Map<number, number>;
}

const NO_EDIT = { start: 0, oldEnd: Infinity, newEnd: Infinity, delta: 0, oldEndLine: 0, oldEndColumn: 0, lineDelta: 0, columnDelta: 0 };

/** A rebaser that moves nothing: it measures how far data reaches. */
export function measuringRebaser(): Rebaser {
  return new Rebaser(NO_EDIT);
}

/**
 * The previous units that an edit leaves as they were (moved by the edit), keyed by where they start now. A
 * unit is kept when it ends before the changed region on a line the edit does not reach, or starts after it on
 * a line of its own in both texts (call sites read their whole line). Whether what a kept unit read is still
 * true is for the caller to check.
 */
export function planUnits(previous: UnitState<unknown>, text: string, path: string, context: FileContext): UnitPlan | undefined {
  if (previous.path !== path || previous.context !== context) return undefined;
  const edit = diffTexts(previous.text, text);
  const keptByStart = new Map<number, number>();
  if (!edit) {
    previous.units.forEach((unit, index) => {
      if (!unit.hasError) keptByStart.set(unit.start, index);
    });
    return { rebaser: measuringRebaser(), keptByStart };
  }
  // Offset 0 also stands for "no block" (a call outside any block): text inserted at the very start would move it.
  if (edit.oldEnd === 0) return undefined;
  previous.units.forEach((unit, index) => {
    if (unit.hasError) return;
    if (unit.end <= edit.start) {
      const lineEnd = text.indexOf('\n', unit.end);
      if (lineEnd >= 0 && lineEnd < edit.start) keptByStart.set(unit.start, index);
    } else if (unit.start >= edit.oldEnd) {
      const start = unit.start + edit.delta;
      if (text.lastIndexOf('\n', start - 1) >= edit.newEnd - 1 && previous.text.lastIndexOf('\n', unit.start - 1) >= edit.oldEnd - 1) keptByStart.set(start, index);
    }
  });
  return { rebaser: new Rebaser(edit), keptByStart };
}

/** The previous unit a node of the new tree stands for, if the plan keeps one there with the same type and extent. */
export function keptUnit(plan: UnitPlan | undefined, previous: UnitState<unknown> | undefined, node: { startIndex: number; endIndex: number; type: string; hasError: boolean }): number | undefined {
  if (!plan || !previous || node.hasError) return undefined;
  const index = plan.keptByStart.get(node.startIndex);
  if (index === undefined) return undefined;
  const unit = previous.units[index];
  if (unit.type !== node.type || plan.rebaser.offset(unit.end) !== node.endIndex) return undefined;
  return index;
}

/** Call sites moved by the rebaser's field-by-field path for them (they are most of what a method keeps). */
export function rebaseSites(rebaser: Rebaser, callSites: RedisCallSite[], helperCalls: RedisCallSite[]): { callSites: RedisCallSite[]; helperCalls: RedisCallSite[] } {
  return rebaser.outputs({ callSites, helperCalls, loopCalls: [], localCalls: [], listeners: [], deserializations: [], effects: { creations: [], names: [] }, contribution: [] });
}
