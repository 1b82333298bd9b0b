/**
 * Re-analysis of a Go file after an edit, declaration by declaration: top-level declarations the edit did not
 * touch keep their call sites, creations and connection facts (moved by the edit) and are not read from the tree;
 * what they told the declarations after them (their notes, see goChanges.ts) is replayed in file order. The
 * changed declarations are read and walked again. When the notes of the whole file come out different from the
 * previous analysis's (a client field, variable or factory changed, or a creation escapes differently), a kept
 * declaration may have read something stale and the file is analysed whole; so the result is always the one a
 * whole-file analysis of the tree gives.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { FileContext } from '../../findings';
import type { Rebaser } from '../incremental';
import type { ClientCreation, RedisCallSite } from '../model';
import { keptUnit, measuringRebaser, planUnits, rebaseSites, type Unit, type UnitPlan, type UnitState } from '../unitReuse';
import { markHandOvers } from './goConnectionLife';
import { creationOffset, type GoNote } from './goChanges';
import type { GoClientPerCall, GoConnectionTake, GoDial } from './goFacts';
import { GoScan } from './goScan';
import type { WorkspaceLookup } from '../workspaceLookup';

export interface GoUnitOutputs {
  callSites: RedisCallSite[];
  helperCalls: RedisCallSite[];
  creations: ClientCreation[];
  dials: GoDial[];
  takes: GoConnectionTake[];
  clientsPerCall: GoClientPerCall[];
  /** Notes written while the declaration was read: the client fields, variables and factories it declares. */
  declared: GoNote[];
  /** Notes written while it was walked: fields and variables it assigns, creations it marks as escaping. */
  walked: GoNote[];
}

export interface GoAnalysisState extends UnitState<GoUnitOutputs> {
  kind: 'go';
  workspace?: WorkspaceLookup;
  workspaceGeneration?: number;
  /** Same as `units`, under the name the editor's log reads. */
  chunks: Unit[];
  reusedChunks: number;
  /** The file's go-redis client interfaces (see GoDeclarations.clientInterfaces): fields of any declaration are typed by them. */
  clientInterfaces: string;
}

export interface GoScanOptions {
  path: string;
  context: FileContext;
  deadline: number;
  previous?: GoAnalysisState;
  /** Package variables of other files (goPackageClients.ts): an analysis made against another index is not kept. */
  workspace?: WorkspaceLookup;
}

/** Notes moved by an edit (escape notes name a creation by its offset). */
function rebaseNotes(rebaser: Rebaser, notes: GoNote[]): GoNote[] {
  return notes.map((note) => ('escapes' in note ? { escapes: rebaser.offset(note.escapes) } : rebaser.value(note)));
}

function rebaseOutputs(rebaser: Rebaser, out: GoUnitOutputs): GoUnitOutputs {
  return {
    ...rebaseSites(rebaser, out.callSites, out.helperCalls),
    // Through the rebaser's shared objects, so the call sites' creation and the listed one stay one object.
    creations: out.creations.map((creation) => rebaser.value({ creation }).creation),
    dials: rebaser.value(out.dials),
    takes: rebaser.value(out.takes),
    clientsPerCall: rebaser.value(out.clientsPerCall),
    declared: rebaseNotes(rebaser, out.declared),
    walked: rebaseNotes(rebaser, out.walked),
  };
}

function unitOf(node: Node): Unit {
  return { start: node.startIndex, end: node.endIndex, type: node.type, hasError: node.hasError };
}

/**
 * The file's notes in order, as text, with each kept declaration standing for its own (the same on both sides):
 * equal texts mean every kept declaration sees what it saw before, however many declarations the edit added.
 */
function notesKey(outputs: readonly GoUnitOutputs[], keptIndex: (position: number) => number | undefined): string {
  const phase = (notes: (out: GoUnitOutputs) => GoNote[]) =>
    outputs.flatMap((out, position): (GoNote | number)[] => {
      const kept = keptIndex(position);
      return kept === undefined ? notes(out) : [kept];
    });
  return JSON.stringify([phase((out) => out.declared), phase((out) => out.walked)]);
}

/** Scans a Go tree keeping what the next analysis of the document can reuse (and reusing the previous one's). */
export function scanGoForReuse(tree: Tree, text: string, options: GoScanOptions): { scan: GoScan; state?: GoAnalysisState } {
  const nodes = tree.rootNode.namedChildren.filter((node): node is Node => node !== null);
  const previous = options.previous;
  const plan = previous && previous.workspace === options.workspace && previous.workspaceGeneration === options.workspace?.generation ? planUnits(previous, text, options.path, options.context) : undefined;
  if (plan && previous) {
    const reused = scanUnits(tree, text, options, nodes, plan, previous);
    if (reused) return reused;
  }
  return scanUnits(tree, text, options, nodes, undefined, undefined)!;
}

function scanUnits(tree: Tree, text: string, options: GoScanOptions, nodes: Node[], plan: UnitPlan | undefined, previous: GoAnalysisState | undefined): { scan: GoScan; state?: GoAnalysisState } | undefined {
  const units = nodes.map(unitOf);
  const kept = nodes.map((node) => keptUnit(plan, previous, node));
  // The package clause and the imports decide what every declaration resolves: they are never re-read alone.
  if (plan && nodes.some((node, i) => kept[i] === undefined && (node.type === 'package_clause' || node.type === 'import_declaration'))) return undefined;
  if (plan && previous) {
    const keptBefore = new Set(kept);
    if (previous.units.some((unit, j) => (unit.type === 'package_clause' || unit.type === 'import_declaration') && !keptBefore.has(j))) return undefined;
  }

  const outputs: GoUnitOutputs[] = [];
  const reach = units.map(() => -1);
  const keptCreations = new Set<ClientCreation>();
  kept.forEach((before, i) => {
    if (before === undefined || !plan || !previous) return;
    let out = previous.outputs[before];
    if (plan.rebaser.untouched(previous.reach[before])) reach[i] = previous.reach[before];
    else ({ moved: out, reach: reach[i] } = plan.rebaser.measure(out, (data) => rebaseOutputs(plan.rebaser, data)));
    outputs[i] = out;
    for (const creation of out.creations) keptCreations.add(creation);
    for (const site of out.callSites) if (site.receiver.creation) keptCreations.add(site.receiver.creation);
  });

  const scan = new GoScan(tree, text, options.path, options.deadline, options.workspace);
  const declared = scan.declared;
  declared.readFileLevel(tree.rootNode);
  // Client interfaces type the fields of every declaration, like the imports: when they change, nothing is kept.
  const clientInterfaces = [...declared.clientInterfaces.keys()].sort().join(',');
  if (previous && previous.clientInterfaces !== clientInterfaces) return undefined;
  // Declarations first (every function sees the fields and variables declared anywhere), then the walk.
  const declaredNotes: GoNote[][] = nodes.map((node, i) => {
    const out = outputs[i];
    if (out) {
      for (const note of out.declared) if ('map' in note) declared[note.map].replay(note.key, note.value as never);
      return out.declared;
    }
    declared.notes = [];
    declared.readDeclaration(node);
    const notes = declared.notes;
    declared.notes = undefined;
    return notes;
  });

  // A creation kept from the previous analysis is shared with it and never changed: a mark it lacks means a change.
  let staleEscape = false;
  const markEscape = (creation: ClientCreation | undefined): void => {
    if (!creation) staleEscape = true;
    else if (!keptCreations.has(creation)) creation.escapes = true;
    else if (!creation.escapes) staleEscape = true;
  };
  const byOffset = new Map<number, ClientCreation>();
  scan.escape = (creation) => {
    declared.notes?.push({ escapes: creationOffset(creation) });
    markEscape(creation);
  };
  const freshTakes: GoConnectionTake[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const out = outputs[i];
    if (out) {
      scan.callSites.push(...out.callSites);
      scan.helperCalls.push(...out.helperCalls);
      scan.creations.push(...out.creations);
      scan.dials.push(...out.dials);
      scan.takes.push(...out.takes);
      scan.clientsPerCall.push(...out.clientsPerCall);
      for (const creation of out.creations) byOffset.set(creationOffset(creation), creation);
      for (const note of out.walked) {
        if ('escapes' in note) markEscape(byOffset.get(note.escapes));
        else declared[note.map].replay(note.key, note.value as never);
      }
      continue;
    }
    const from = { callSites: scan.callSites.length, helperCalls: scan.helperCalls.length, creations: scan.creations.length, dials: scan.dials.length, takes: scan.takes.length, clientsPerCall: scan.clientsPerCall.length };
    declared.notes = [];
    scan.walk(nodes[i]);
    const walked = declared.notes;
    declared.notes = undefined;
    if (scan.truncated) return { scan };
    const fresh: GoUnitOutputs = {
      callSites: scan.callSites.slice(from.callSites),
      helperCalls: scan.helperCalls.slice(from.helperCalls),
      creations: scan.creations.slice(from.creations),
      dials: scan.dials.slice(from.dials),
      takes: scan.takes.slice(from.takes),
      clientsPerCall: scan.clientsPerCall.slice(from.clientsPerCall),
      declared: declaredNotes[i],
      walked,
    };
    for (const creation of fresh.creations) byOffset.set(creationOffset(creation), creation);
    freshTakes.push(...fresh.takes);
    outputs[i] = fresh;
  }
  if (staleEscape) return undefined;
  if (plan && previous) {
    const keptBefore = new Set(kept);
    const before = previous.outputs.map((out, j) => (keptBefore.has(j) ? out : { ...out, declared: rebaseNotes(plan.rebaser, out.declared), walked: rebaseNotes(plan.rebaser, out.walked) }));
    if (notesKey(before, (j) => (keptBefore.has(j) ? j : undefined)) !== notesKey(outputs, (i) => kept[i])) return undefined;
  }
  // Whether a connection is handed over reads only its function's text: kept takes were judged before.
  markHandOvers(freshTakes, text);
  const measure = measuringRebaser();
  outputs.forEach((out, i) => {
    if (reach[i] < 0) reach[i] = measure.measure(out).reach;
  });
  const reusedChunks = kept.filter((index) => index !== undefined).length;
  return { scan, state: { kind: 'go', text, path: options.path, context: options.context, workspace: options.workspace, workspaceGeneration: options.workspace?.generation, units, chunks: units, outputs, reach, reusedChunks, clientInterfaces } };
}
