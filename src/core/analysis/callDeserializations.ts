/** Deserializations of a file (pickle and the project's pickling serializers), and whether what they load came from Redis. */
import type { Node } from 'web-tree-sitter';
import type { ClientTracker } from './clientTracker';
import { MODULE_SCOPE, type Collected, type RawCall } from './collect';
import type { ChunkOutputs } from './incremental';
import type { Deserialization, RedisCallSite } from './model';
import { handedUnpicklers } from './handedDeserializers';
import { MENTIONS_PICKLE, PickleFlow } from './pickleFlow';
import { ReplyFlow } from './replyFlow';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';

/** A call of a serializer's bytes-to-object method (`codec.loads(raw)`, `serializer.deserialize(raw)`). */
const LOADING_CALL = /\.(?:loads|loadb|load|deserialize|unpack)\s*\(/;

export class CallDeserializations {
  private readonly pickleCandidates: { call: RawCall; fn: string; out: ChunkOutputs }[] = [];

  constructor(
    private readonly tracker: ClientTracker,
    private readonly syntax: LanguageSyntax,
    private readonly text: string,
    private readonly collected: Collected,
    /** The file's command call sites by the start offset of their call, as the call sites are built. */
    private readonly siteByOffset: ReadonlyMap<number, RedisCallSite>,
    /** The project's serializer classes whose loads unpickles (picklingClasses.ts), for modules that only import one. */
    private readonly picklingClasses?: () => readonly string[],
  ) {}

  /** Project pickling serializer classes this file names, computed once. */
  private namedPicklingClasses?: string[];

  private picklingClassesNamed(): string[] {
    // The index is asked only by files that call a loading method, so that other analyses do not depend on its answer.
    this.namedPicklingClasses ??= this.picklingClasses && LOADING_CALL.test(this.text) ? this.picklingClasses().filter((name) => this.text.includes(name)) : [];
    return this.namedPicklingClasses;
  }

  /** `fn` (`pickle.loads`) called by `call`, judged once the file's call sites are all known. */
  noteCandidate(call: RawCall, fn: string, out: ChunkOutputs): void {
    this.pickleCandidates.push({ call, fn, out });
  }

  /** A module-level deserializer may read a variable assigned from Redis in any statement of the file. */
  hasModuleLevelDeserializer(): boolean {
    return this.pickleCandidates.some(({ call }) => call.context.scopes[0] === MODULE_SCOPE);
  }

  /** Unpickling is followed through the file's own functions (pickleFlow.ts): such files are analysed whole. */
  followsPickleAcrossFunctions(): boolean {
    return this.syntax.family === 'python' && (MENTIONS_PICKLE.test(this.text) || this.picklingClassesNamed().length > 0);
  }

  private pickleFlow?: PickleFlow;

  /**
   * Adds the deserializations found by analyzeCall to the outputs their calls belong to, and (in files that mention
   * pickle) those made through the file's own helpers, to the output `outputAt` names for their offset.
   */
  addDeserializations(root: Node, outputAt: (offset: number) => ChunkOutputs): void {
    if (this.followsPickleAcrossFunctions()) this.pickleFlow = new PickleFlow(root, this.text, this.collected.calls, this.siteByOffset, this.collected.bindings, this.picklingClassesNamed());
    for (const { call, fn, out } of this.pickleCandidates) out.deserializations.push(this.deserialization(call, fn));
    for (const item of this.pickleFlow?.indirect() ?? []) outputAt(item.span.startOffset).deserializations.push(item);
    if (!this.pickleFlow) return;
    for (const item of handedUnpicklers(this.text, this.collected.calls, (node, context) => !!this.tracker.resolve(node, context))) outputAt(item.span.startOffset).deserializations.push(item);
  }

  private deserialization(call: RawCall, fn: string): Deserialization {
    const parts = this.tracker.partsOf(call.node)!;
    const result: Deserialization = { function: fn, span: spanOf(call.node), fromRedis: false };
    const first = parts.args[0] ? this.syntax.unwrap(parts.args[0]) : undefined;
    if (!first) return result;
    let site: RedisCallSite | undefined;
    let readCommand: string | undefined;
    if (this.syntax.family === 'python') {
      // Replies reached directly, through variables, indexing, iteration, unpacking or a pipeline's execute() (replyFlow.ts).
      readCommand = new ReplyFlow(this.siteByOffset, call.context.fnNode ?? call.node.tree.rootNode, this.pickleFlow?.functions).replyOf(first);
      // A decoder function a wrapper applies to a reply (`decoder(r.get(k))` given `self.pickle_decoder`).
      readCommand ??= this.pickleFlow?.decoderReply(call.node);
    }
    if (!readCommand) site = this.siteByOffset.get(first.startIndex);
    if (!readCommand && !site && first.type === 'identifier') {
      const assignments = this.collected.bindings.get(call.context.scopes[0])?.get(first.text) ?? [];
      for (const binding of assignments) {
        if (binding.kind !== 'assign' || !binding.value || binding.value.startIndex > call.node.startIndex) continue;
        site = this.siteByOffset.get(this.syntax.unwrap(binding.value).startIndex) ?? site;
      }
    }
    readCommand ??= site?.command;
    if (readCommand !== undefined) {
      result.fromRedis = true;
      result.readCommand = readCommand;
    }
    return result;
  }
}
