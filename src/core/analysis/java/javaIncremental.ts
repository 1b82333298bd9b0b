/**
 * Re-analysis of a Java file after an edit, method by method: a method or constructor the edit did not touch keeps
 * its call sites and facts (moved by the edit, its method indices shifted when methods were added or removed above
 * it) and is not walked again. A method's analysis reads only its own subtree and the file's client-typed fields
 * and imports; when those differ from the previous analysis's, nothing is kept. Class-level code (fields,
 * initialisers, annotations) is walked every time, so the facts keep their file order.
 */
import type { Node } from 'web-tree-sitter';
import type { FileContext, Span } from '../../findings';
import type { Rebaser } from '../incremental';
import type { RedisCallSite } from '../model';
import { keptUnit, measuringRebaser, planUnits, rebaseSites, type Unit, type UnitPlan, type UnitState } from '../unitReuse';
import type { JavaAcquisition, JavaAnnotation, JavaCreation, JavaFacts, JavaInvocation, JavaMethod } from './javaFacts';

/** A call of one of the file's own methods inside a loop, as a call site still missing the command it sends. */
export interface LocalCallTemplate {
  name: string;
  /** The method the call is written in. */
  caller?: string;
  /** Its number of parameters: a call of the same name with another count is an overload, not recursion. */
  callerArity?: number;
  site: RedisCallSite;
}

export interface JavaUnitOutputs {
  /** The scope the method was walked in was batched (a method of an anonymous callback class). */
  batched: boolean;
  /** Number of methods of the file before this one: the base of the method indices below. */
  base: number;
  callSites: RedisCallSite[];
  helperCalls: RedisCallSite[];
  localCalls: LocalCallTemplate[];
  methods: JavaMethod[];
  invocations: JavaInvocation[];
  creations: JavaCreation[];
  annotations: JavaAnnotation[];
  acquisitions: JavaAcquisition[];
}

export interface JavaAnalysisState extends UnitState<JavaUnitOutputs> {
  kind: 'java';
  /** The client-typed fields and imports every method was read against. */
  env: string;
  /** Same as `units`, under the name the editor's log reads. */
  chunks: Unit[];
  reusedChunks: number;
}

/** What the model builder exposes to the walk by units. */
export interface JavaUnitHost {
  readonly callSites: RedisCallSite[];
  readonly helperCalls: RedisCallSite[];
  readonly localCalls: LocalCallTemplate[];
  readonly facts: JavaFacts;
}

function shifted<T extends { method?: number }>(items: T[], by: number): T[] {
  return by === 0 ? items : items.map((item) => (item.method === undefined ? item : { ...item, method: item.method + by }));
}

function rebaseOutputs(rebaser: Rebaser, out: JavaUnitOutputs): JavaUnitOutputs {
  const span = <T extends { span: Span }>(item: T): T => ({ ...item, span: rebaser.value(item.span) });
  const templates = rebaseSites(rebaser, out.localCalls.map((call) => call.site), []).callSites;
  return {
    ...out,
    ...rebaseSites(rebaser, out.callSites, out.helperCalls),
    localCalls: out.localCalls.map((call, i) => ({ ...call, site: templates[i] })),
    methods: out.methods.map((method) => ({ ...span(method), start: rebaser.offset(method.start), end: rebaser.offset(method.end) })),
    invocations: out.invocations.map((item) => ({ ...span(item), callSpan: rebaser.value(item.callSpan) })),
    creations: out.creations.map((item) => ({ ...span(item), callSpan: rebaser.value(item.callSpan) })),
    annotations: out.annotations.map((item) => ({ ...span(item), fullSpan: rebaser.value(item.fullSpan) })),
    acquisitions: out.acquisitions.map((item) => ({ ...span(item), callSpan: rebaser.value(item.callSpan) })),
  };
}

/** Walks methods one unit at a time, keeping those of the previous analysis that an edit left as they were. */
export class JavaUnits {
  readonly units: Unit[] = [];
  readonly outputs: JavaUnitOutputs[] = [];
  readonly reach: number[] = [];
  reused = 0;
  /** Inside a unit being walked: methods of classes declared in it belong to it. */
  private depth = 0;
  private readonly plan: UnitPlan | undefined;

  constructor(
    private readonly host: JavaUnitHost,
    private readonly text: string,
    private readonly path: string,
    private readonly context: FileContext,
    private readonly env: string,
    private readonly previous: JavaAnalysisState | undefined,
  ) {
    this.plan = previous && previous.env === env ? planUnits(previous, text, path, context) : undefined;
  }

  /** Visits a method or constructor: replays the previous analysis of it when kept, else walks it with `walk`. */
  visit(node: Node, batched: boolean, walk: () => void): void {
    if (this.depth > 0) return walk();
    const host = this.host;
    const facts = host.facts;
    const unit: Unit = { start: node.startIndex, end: node.endIndex, type: node.type, hasError: node.hasError };
    const base = facts.methods.length;
    const index = keptUnit(this.plan, this.previous, node);
    const before = index !== undefined ? this.previous!.outputs[index] : undefined;
    if (before && before.batched === batched && this.plan) {
      let out = before;
      let reach = this.previous!.reach[index!];
      if (!this.plan.rebaser.untouched(reach)) ({ moved: out, reach } = this.plan.rebaser.measure(before, (data) => rebaseOutputs(this.plan!.rebaser, data)));
      const by = base - out.base;
      if (by !== 0) out = { ...out, base, invocations: shifted(out.invocations, by), creations: shifted(out.creations, by), annotations: shifted(out.annotations, by), acquisitions: shifted(out.acquisitions, by) };
      host.callSites.push(...out.callSites);
      host.helperCalls.push(...out.helperCalls);
      host.localCalls.push(...out.localCalls);
      facts.methods.push(...out.methods);
      facts.invocations.push(...out.invocations);
      facts.creations.push(...out.creations);
      facts.annotations.push(...out.annotations);
      facts.acquisitions.push(...out.acquisitions);
      this.record(unit, out, reach);
      this.reused++;
      return;
    }
    const from = [host.callSites.length, host.helperCalls.length, host.localCalls.length, facts.methods.length, facts.invocations.length, facts.creations.length, facts.annotations.length, facts.acquisitions.length];
    this.depth++;
    try {
      walk();
    } finally {
      this.depth--;
    }
    const out: JavaUnitOutputs = {
      batched,
      base,
      callSites: host.callSites.slice(from[0]),
      helperCalls: host.helperCalls.slice(from[1]),
      localCalls: host.localCalls.slice(from[2]),
      methods: facts.methods.slice(from[3]),
      invocations: facts.invocations.slice(from[4]),
      creations: facts.creations.slice(from[5]),
      annotations: facts.annotations.slice(from[6]),
      acquisitions: facts.acquisitions.slice(from[7]),
    };
    this.record(unit, out, Math.max(unit.end, measuringRebaser().measure(out).reach));
  }

  private record(unit: Unit, out: JavaUnitOutputs, reach: number): void {
    this.units.push(unit);
    this.outputs.push(out);
    this.reach.push(reach);
  }

  state(): JavaAnalysisState {
    return { kind: 'java', text: this.text, path: this.path, context: this.context, env: this.env, units: this.units, chunks: this.units, outputs: this.outputs, reach: this.reach, reusedChunks: this.reused };
  }
}
