/**
 * Whether a Redis call inside a for-loop feeds the loop's own control: the loop exits on the reply (retry until
 * `SET NX` succeeds, poll until a value appears) or the next round's command or condition is computed from it
 * (XRANGE/SCAN paging). Such loops cannot be batched: round trip N+1 needs reply N. A reply that only feeds a
 * later command of the same iteration (`v = get(k); sadd(s, v)`) does not count: all GETs can still go first.
 */
import type { Node, TreeCursor } from 'web-tree-sitter';

const FUNCTION_TYPES = new Set([
  'function_definition', 'lambda', 'class_definition',
  'function_declaration', 'function_expression', 'arrow_function', 'method_definition', 'generator_function_declaration', 'function', 'class_declaration', 'class',
]);
const EXIT_TYPES = new Set(['break_statement', 'return_statement', 'throw_statement', 'raise_statement']);
const CONDITIONAL_TYPES = new Set(['if_statement', 'elif_clause', 'while_statement', 'do_statement', 'ternary_expression', 'conditional_expression']);
const ASSIGNMENT_TYPES = new Set(['variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'assignment', 'augmented_assignment']);
const SUBSCRIPT_TYPES = new Set(['subscript', 'subscript_expression', 'attribute', 'member_expression']);
const IDENTIFIER_TYPES = new Set(['identifier', 'shorthand_property_identifier_pattern']);
/** Loops larger than this are not inspected (minified bundles); the rule then reports as before. */
const MAX_BODY_NODES = 4000;

interface Assignment {
  targets: string[];
  value: Node;
  start: number;
}

/**
 * Visits `root` and its descendants (not into nested functions) with a cursor, so only the nodes a visitor
 * asks for are materialised. Returns false when the subtree is too big to inspect.
 */
function forEachNode(root: Node, visit: (type: string, cursor: TreeCursor) => boolean | void): boolean {
  const cursor = root.walk();
  try {
    let count = 0;
    for (;;) {
      if (++count > MAX_BODY_NODES) return false;
      const type = cursor.nodeType;
      const descend = visit(type, cursor) !== false && !(count > 1 && FUNCTION_TYPES.has(type));
      if (descend && cursor.gotoFirstChild()) continue;
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent() || cursor.currentDepth === 0) return true;
      }
      if (cursor.currentDepth === 0) return true;
    }
  } finally {
    cursor.delete();
  }
}

function identifiersIn(node: Node, into: Set<string>): void {
  if (IDENTIFIER_TYPES.has(node.type)) {
    into.add(node.text);
    return;
  }
  const text = node.text;
  const base = node.startIndex;
  forEachNode(node, (type, cursor) => {
    if (IDENTIFIER_TYPES.has(type)) into.add(text.slice(cursor.startIndex - base, cursor.endIndex - base));
  });
}

function mentions(node: Node, callStart: number, names: Set<string>): boolean {
  if (callStart >= node.startIndex && callStart < node.endIndex) return true;
  if (names.size === 0) return false;
  const used = new Set<string>();
  identifiersIn(node, used);
  for (const name of used) if (names.has(name)) return true;
  return false;
}

function assignmentOf(node: Node): Assignment | undefined {
  const target = node.childForFieldName(node.type === 'variable_declarator' ? 'name' : 'left');
  const value = node.childForFieldName(node.type === 'variable_declarator' ? 'value' : 'right');
  if (!target || !value) return undefined;
  const targets = new Set<string>();
  // `users[id] = reply` and `obj.field = reply` write into the container, not into `id` or `field`.
  let written = target;
  while (SUBSCRIPT_TYPES.has(written.type)) {
    const object = written.childForFieldName(written.type === 'subscript' ? 'value' : 'object');
    if (!object) break;
    written = object;
  }
  identifiersIn(written, targets);
  return { targets: [...targets], value, start: node.startIndex };
}

function conditionOf(node: Node): Node | null {
  if (node.type === 'ternary_expression' || node.type === 'conditional_expression') return node.namedChild(node.type === 'ternary_expression' ? 0 : 1);
  return node.childForFieldName('condition');
}

function containsExit(node: Node): boolean {
  let found = false;
  forEachNode(node, (type) => {
    if (EXIT_TYPES.has(type)) found = true;
    return !found;
  });
  return found;
}

/**
 * True when the reply of `call` (inside `body` of `loop`, a write when `isWrite`) decides whether the loop goes on, or flows into a
 * variable carried to the next iteration that the loop header or a Redis call of the loop (`redisCalls`,
 * reading it before it is reassigned) uses: a cursor.
 */
export function loopDependsOnReply(loop: Node, body: Node, call: Node, redisCalls: readonly Node[], isWrite = false): boolean {
  const callStart = call.startIndex;
  const assignments: Assignment[] = [];
  const conditionals: Node[] = [];
  let exitsEarly = false;
  const complete = forEachNode(body, (type, cursor) => {
    if (ASSIGNMENT_TYPES.has(type)) {
      const assignment = assignmentOf(cursor.currentNode);
      if (assignment) assignments.push(assignment);
    } else if (CONDITIONAL_TYPES.has(type)) conditionals.push(cursor.currentNode);
    else if (EXIT_TYPES.has(type)) exitsEarly = true;
  });
  if (!complete) return false;

  // `for attempt in range(2): try: return r.publish(...)`: the first reply that arrives ends the loop, so the rounds
  // are retries of one command, not one command per item.
  if (returnsReply(call, body) && !readsLoopItem(loop, call, assignments)) return true;

  // Names holding (something computed from) the reply: from the call on, then once more around the back edge.
  const tainted = new Set<string>();
  const fromReply: Assignment[] = [];
  for (let round = 0; round < 2; round++) {
    for (const assignment of assignments) {
      if (round === 0 && assignment.value.endIndex <= callStart) continue;
      if (!mentions(assignment.value, callStart, tainted)) continue;
      fromReply.push(assignment);
      for (const name of assignment.targets) tainted.add(name);
    }
  }
  if (fromReply.length === 0 && !conditionals.some((c) => callStart >= c.startIndex && callStart < c.endIndex)) {
    const header = [loop.childForFieldName('condition'), loop.childForFieldName('increment')];
    return header.some((part) => !!part && callStart >= part.startIndex && callStart < part.endIndex);
  }

  // A loop that stops at the first matching item (`for id in ids: if hgetall(f"a:{id}")[...] == x: return id`) is
  // still one lookup per item: only a call that asks the same thing each round (retry, poll) depends on the exit,
  // or a write tried on one candidate after another until it succeeds (SET NX on the next free slot).
  const perItem = !isWrite && readsLoopItem(loop, call, assignments);
  for (const conditional of conditionals) {
    const condition = conditionOf(conditional);
    if (!condition || !mentions(condition, callStart, tainted)) continue;
    if (!perItem && (exitsEarly || containsExit(conditional))) return true;
  }

  const header = [loop.childForFieldName('condition'), loop.childForFieldName('increment')].filter((n): n is Node => !!n);
  if (header.some((part) => mentions(part, callStart, tainted))) return true;

  for (const assignment of fromReply) {
    const carried = new Set(assignment.targets);
    for (const redisCall of redisCalls) {
      if (redisCall.startIndex > assignment.value.endIndex) continue;
      const args = redisCall.childForFieldName('arguments');
      if (args && mentions(args, -1, carried)) return true;
    }
  }
  return false;
}

const RETURN_TYPES = new Set(['return_statement']);
const WRAPPER_TYPES = new Set(['await', 'await_expression', 'parenthesized_expression']);

/** The call's reply is what the function returns from inside the loop body (`return await r.get(k)`). */
function returnsReply(call: Node, body: Node): boolean {
  let node = call.parent;
  while (node && WRAPPER_TYPES.has(node.type)) node = node.parent;
  return !!node && RETURN_TYPES.has(node.type) && node.startIndex >= body.startIndex && node.endIndex <= body.endIndex;
}

/** The names a loop binds per round: `for id in ids`, `for (const id of ids)`, `for (let i = 0; ...)`. */
function loopItemNames(loop: Node): Set<string> {
  const names = new Set<string>();
  const left = loop.childForFieldName('left') ?? loop.childForFieldName('initializer');
  if (left) identifiersIn(left, names);
  return names;
}

/**
 * Whether the call's arguments read the loop's item, directly or through a name assigned from it in the body
 * (`key = f"agent:{id}"`): each round then asks about another item.
 */
function readsLoopItem(loop: Node, call: Node, assignments: readonly Assignment[]): boolean {
  const items = loopItemNames(loop);
  if (!items.size) return false;
  for (let round = 0; round < 2; round++) {
    for (const assignment of assignments) {
      if (assignment.start < call.startIndex && mentions(assignment.value, -1, items)) for (const name of assignment.targets) items.add(name);
    }
  }
  const args = call.childForFieldName('arguments');
  return !!args && mentions(args, -1, items);
}
