/**
 * Calls of this file's own Redis-issuing functions inside for-loops: `for id in ids: get_user(id)` where
 * `get_user` runs HGETALL is one round trip per item, as if the HGETALL were written in the loop. Real code
 * hides most N+1 loops behind such helpers (`this.getRoom(id)`, `self._get_agent(aid)`).
 */
import { Query, type Language, type Node, type Tree } from 'web-tree-sitter';
import { BLOCKING_COMMANDS, CURSOR_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from './commandNames';
import type { RedisCallSite } from './model';
import { spanOf } from './spans';
import type { LanguageSyntax } from './syntax';

const NOT_ROUND_TRIPS = new Set([...CURSOR_COMMANDS, ...BLOCKING_COMMANDS, ...STREAM_BLOCKING_COMMANDS, ...SUBSCRIBE_COMMANDS, 'WATCH', 'UNWATCH', 'QUIT', 'SELECT', 'MGET', 'MSET']);

const ITEM_ACCESSOR = /^_*(get|fetch|load|read|find|lookup|exists|has|is|check|delete|remove|del|decode)(_|[A-Z]|$)/;
const MAX_ACCESSOR_LINES = 15;

const queries = new WeakMap<Language, Query>();

function loopsAndCallsQuery(language: Language, syntax: LanguageSyntax): Query {
  let query = queries.get(language);
  if (!query) {
    const types = [...syntax.forLoopTypes.keys(), ...syntax.callTypes].filter((type) => type !== 'new_expression' && language.idForNodeType(type, true));
    query = new Query(language, types.map((type) => `(${type}) @${type}`).join('\n'));
    queries.set(language, query);
  }
  return query;
}

/** The name a call reaches this file's functions by: `f(...)`, `self.f(...)`, `this.f(...)`, `cls.f(...)`. */
function localCalleeName(call: Node, syntax: LanguageSyntax): { name: string; node: Node } | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  if (callee.type === 'identifier') return { name: callee.text, node: callee };
  if (callee.type !== 'attribute' && callee.type !== 'member_expression') return undefined;
  const object = callee.childForFieldName('object');
  const property = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property');
  if (!object || !property || !(object.text === syntax.selfName || object.text === 'cls')) return undefined;
  return { name: property.text, node: property };
}

/** The first round trip each named function of the file makes on a client, outside any loop of its own. */
function redisFunctions(sites: readonly RedisCallSite[]): Map<string, RedisCallSite> {
  const byName = new Map<string, RedisCallSite>();
  for (const site of sites) {
    const fn = site.enclosingFunction;
    if (!fn || fn.name.length < 3 || fn.name.startsWith('<')) continue;
    // Item accessors (get/load/find/exists/delete one thing) make N+1 loops; bigger operations called per item
    // (reports, reapers, schedulers) are work units whose round trips are not what the loop is about.
    if (!ITEM_ACCESSOR.test(fn.name) || fn.span.end.line - fn.span.start.line > MAX_ACCESSOR_LINES) continue;
    if (site.batched || site.loop || NOT_ROUND_TRIPS.has(site.command)) continue;
    if (site.receiver.kind !== 'client' && site.receiver.kind !== 'cluster') continue;
    if (!byName.has(fn.name)) byName.set(fn.name, site);
  }
  return byName;
}

export function indirectLoopSites(tree: Tree, text: string, syntax: LanguageSyntax, sites: readonly RedisCallSite[]): RedisCallSite[] {
  const helpers = redisFunctions(sites);
  if (!helpers.size) return [];
  // Cheap gate: a helper must be called somewhere besides its definition.
  const names = new RegExp(`\\b(${[...helpers.keys()].map((n) => n.replace(/[$]/g, '\\$')).join('|')})\\s*\\(`, 'g');
  if ((text.match(names)?.length ?? 0) < 2) return [];
  const captures = loopsAndCallsQuery(tree.language, syntax).captures(tree.rootNode);
  const entries = captures.map((c) => ({ node: c.node, type: c.name, start: c.node.startIndex, end: c.node.endIndex }));
  entries.sort((a, b) => a.start - b.start || b.end - a.end);
  const loops: { node: Node; bodyStart: number; bodyEnd: number; end: number }[] = [];
  const found: RedisCallSite[] = [];
  const seenLoops = new Set<number>();
  for (const entry of entries) {
    while (loops.length && loops[loops.length - 1].end <= entry.start) loops.pop();
    const bodyField = syntax.forLoopTypes.get(entry.type);
    if (bodyField) {
      const body = entry.node.childForFieldName(bodyField);
      if (body) loops.push({ node: entry.node, bodyStart: body.startIndex, bodyEnd: body.endIndex, end: entry.end });
      continue;
    }
    const loop = [...loops].reverse().find((l) => entry.start >= l.bodyStart && entry.start < l.bodyEnd);
    if (!loop) continue;
    const callee = localCalleeName(entry.node, syntax);
    const inner = callee && helpers.get(callee.name);
    if (!callee || !inner) continue;
    // Recursion, or the loop inside the helper itself.
    if (inner.enclosingFunction && entry.start >= inner.enclosingFunction.span.startOffset && entry.start < inner.enclosingFunction.span.endOffset) continue;
    const awaited = entry.node.parent?.type === 'await' || entry.node.parent?.type === 'await_expression';
    if (inner.enclosingFunction?.isAsync && !awaited) continue;
    if (syntax.family === 'script' && !awaited) continue;
    const literalLength = syntax.literalIterationCount(loop.node);
    if (literalLength !== undefined && literalLength <= 3) continue;
    if (seenLoops.has(loop.node.startIndex)) continue;
    seenLoops.add(loop.node.startIndex);
    const callSpan = spanOf(entry.node);
    found.push({
      ...inner,
      method: callee.name,
      args: [],
      keywords: {},
      span: spanOf(callee.node),
      callSpan,
      expressionSpan: callSpan,
      statementSpan: undefined,
      loop: { span: spanOf(loop.node), literalLength, dependsOnReply: false },
      anyLoop: spanOf(loop.node),
      isLoopIterable: false,
      awaited,
      via: { helper: callee.name, command: inner.command, span: inner.span },
    });
  }
  return found;
}
