/**
 * One walk over a Go syntax tree that finds the Redis clients (go-redis, rueidis, redigo) and the commands sent on
 * them. Go is typed, so most receivers are proven from a constructor, a parameter or struct field type, or a pool;
 * a receiver known only by its name (`global.Redis`, `s.rdb` of a struct in another file) is `likely`.
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import type { ClientCreation, ClientLibrary, ReceiverInfo, ReceiverKind } from '../model';
import { spanOf } from '../spans';
import { deferredCloses, markEarlyReturns, markHandOvers, type Frame } from './goConnectionLife';
import { goLoop } from './goLoops';
import { scanBinding } from './goClientBindings';
import { scanCall } from './goCommandCalls';
import { GoScanState } from './goScanState';
import type { WorkspaceLookup } from '../workspaceLookup';

const SCANNED_TYPES = ['function_declaration', 'method_declaration', 'func_literal', 'for_statement', 'short_var_declaration', 'assignment_statement', 'var_spec', 'call_expression', 'defer_statement', 'return_statement'];

export interface GoRef {
  library: ClientLibrary;
  kind: ReceiverKind;
  confidence: 'proven' | 'likely';
  evidence?: string;
  identity: string;
  creation?: ClientCreation;
  origin: ReceiverInfo['origin'];
}


// Not `\b` in front: a pointer type's `*` follows a space, and there is no word boundary between the two.
export const REQUEST_PARAM = /(?<![\w.])(http\.ResponseWriter|\*http\.Request|\*gin\.Context|echo\.Context|\*fiber\.Ctx|\*fasthttp\.RequestCtx|\*ghttp\.Request|\*app\.RequestContext|iris\.Context|\*beego\.Controller)\b/;

/**
 * The walk itself: it opens and closes functions and loops, and hands bindings to goClientBindings.ts and calls to
 * goCommandCalls.ts; what it found so far and the stacks it is in are the state it shares with them (goScanState.ts).
 */
export class GoScan extends GoScanState {
  private readonly deadline: number;
  truncated = false;

  constructor(
    private readonly tree: Tree,
    text: string,
    path: string,
    deadline: number,
    workspace?: WorkspaceLookup,
  ) {
    super(text, path, workspace);
    this.deadline = deadline;
  }

  run(): void {
    const root = this.tree.rootNode;
    this.declared.read(root);
    this.walk(root);
  }

  // ---- the walk ----

/** The node kinds the scan reacts to, captured in one query (far cheaper than visiting every node from JS). */
  private static queries = new Map<Language, Query>();

  private static query(language: Language): Query {
    let query = GoScan.queries.get(language);
    if (!query) {
      query = new Query(language, SCANNED_TYPES.map((type) => `(${type}) @${type}`).join('\n'));
      GoScan.queries.set(language, query);
    }
    return query;
  }

  /**
   * Visits the scanned nodes in document order. Functions and loops are opened when their node comes and closed
   * once the visit passes their end, so the function and loop stacks are what a recursive walk would hold.
   * Walking the top-level declarations one by one visits the same nodes as walking the root.
   */
  walk(root: Node): void {
    const open: { end: number; close: () => void }[] = [];
    const remaining = this.deadline - Date.now();
    const captures = GoScan.query(this.tree.language).captures(root, Number.isFinite(remaining) ? { timeoutMicros: Math.max(1, Math.floor(remaining * 1000)) } : {});
    let count = 0;
    for (const { node } of captures) {
      if ((++count & 255) === 0 && Date.now() > this.deadline) {
        this.truncated = true;
        break;
      }
      const start = node.startIndex;
      while (open.length && open[open.length - 1].end <= start) open.pop()!.close();
      switch (node.type) {
        case 'function_declaration':
        case 'method_declaration':
        case 'func_literal': {
          if (!node.childForFieldName('body')) break;
          const close = this.openFunction(node);
          open.push({ end: node.endIndex, close });
          break;
        }
        case 'for_statement':
          this.openLoop(node);
          open.push({ end: node.endIndex, close: () => this.loops.pop() });
          break;
        case 'short_var_declaration':
        case 'assignment_statement':
        case 'var_spec':
          scanBinding(this, node);
          break;
        case 'call_expression':
          scanCall(this, node);
          break;
        case 'defer_statement':
          this.deferred(node);
          break;
        case 'return_statement':
          this.returned(node);
          break;
        default:
          break;
      }
    }
    while (open.length) open.pop()!.close();
  }

  /** Opens a function's frame; returns what closes it when the walk leaves the function. */
  private openFunction(node: Node): () => void {
    const name = node.type === 'func_literal' ? '(anonymous)' : node.childForFieldName('name')?.text ?? '(anonymous)';
    const parameters = node.childForFieldName('parameters');
    const outer = this.frame;
    const isRequestHandler = REQUEST_PARAM.test(parameters?.text ?? '') || (node.type === 'func_literal' && !!outer?.info.isRequestHandler);
    const calledBy = node.parent?.type === 'argument_list' ? node.parent.parent?.childForFieldName('function') : undefined;
    const transactionCallback = !!calledBy && /\.(TxPipelined|Watch)$/.test(calledBy.text);
    const frame: Frame = {
      node,
      info: { name, span: spanOf(node), isRequestHandler, isAsync: false },
      names: new Map(outer && node.type === 'func_literal' ? outer.names : []),
      isMain: (name === 'main' && this.declared.packageName === 'main') || (node.type === 'func_literal' && !!outer?.isMain),
      takes: [],
      created: [],
      inMulti: new Set(),
      transactionCallback,
    };
    const declared = [node.childForFieldName('receiver'), parameters];
    for (const list of declared) {
      for (const parameter of list?.namedChildren ?? []) {
        if (!parameter) continue;
        const type = parameter.childForFieldName('type');
        const typed = type && this.declared.clientType(type);
        if (!typed) continue;
        const kind = transactionCallback && typed.kind === 'pipeline' ? 'transaction' : typed.kind;
        for (const id of parameter.childrenForFieldName('name')) if (id) frame.names.set(id.text, { ...typed, kind, confidence: 'proven', identity: `param:${id.startIndex}`, origin: 'parameter' });
      }
    }
    // Loops of the enclosing function do not run the body of a function literal.
    const savedLoops = this.loops.splice(0);
    this.frames.push(frame);
    return () => {
      this.frames.pop();
      this.loops.splice(0, this.loops.length, ...savedLoops);
      this.finishFunction(frame);
    };
  }

  private finishFunction(frame: Frame): void {
    for (const take of frame.takes) this.takes.push(take);
    for (const created of frame.created) this.clientsPerCall.push(created.record);
  }

  private openLoop(node: Node): void {
    this.loops.push(goLoop(node));
  }

  private deferred(node: Node): void {
    for (const name of deferredCloses(node)) this.closed(name, true);
  }

  private returned(node: Node): void {
    if (this.frame) markEarlyReturns(this.frame.takes, node);
  }

  /** Marks connections handed to other code (stored in a field, passed to a call, sent to a goroutine). */
  markHandOvers(): void {
    markHandOvers(this.takes, this.text);
  }
}
