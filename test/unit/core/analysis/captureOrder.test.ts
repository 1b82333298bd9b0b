import { beforeAll, describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { nodesByQuery, nodesByWalk, orderOuterFirst, type CapturedEntry } from '../../../../src/core/analysis/collect';
import { scriptSyntax } from '../../../../src/core/analysis/scriptSyntax';
import type { SourceLanguage } from '../../../../src/core/parsing/languages';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { seededRandom } from '../../../helpers/seededRandom';
import { loadParsers } from '../rules/parsersForTests';

/** A stand-in for a captured node that counts how often its end offset is read. */
function fakeEntry(id: number, start: number, end: number, endKnown: boolean, reads: Map<number, number>): CapturedEntry & { id: number } {
  const node = {
    get endIndex() {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return end;
    },
  } as unknown as Node;
  return { id, node, type: 'call_expression', start, end: endKnown ? end : -1 };
}

describe('orderOuterFirst', () => {
  it('orders as sorting by start, then longer nodes first, equal nodes in capture order', () => {
    const random = seededRandom(14);
    for (let round = 0; round < 300; round++) {
      const reads = new Map<number, number>();
      const spans = Array.from({ length: 1 + Math.floor(random() * 30) }, () => {
        const start = Math.floor(random() * 20);
        return { start, end: start + Math.floor(random() * 5) };
      });
      const entries = spans.map((span, id) => fakeEntry(id, span.start, span.end, random() < 0.3, reads));
      const expected = spans
        .map((span, id) => ({ ...span, id }))
        .sort((a, b) => a.start - b.start || b.end - a.end)
        .map((entry) => entry.id);
      expect(orderOuterFirst([...entries]).map((entry) => entry.id)).toEqual(expected);
    }
  });

  it('reads the end offset only of captures that start where another does, and only once', () => {
    const reads = new Map<number, number>();
    const entries = [fakeEntry(0, 10, 20, false, reads), fakeEntry(1, 0, 30, false, reads), fakeEntry(2, 10, 15, false, reads), fakeEntry(3, 25, 28, false, reads)];
    const ordered = orderOuterFirst(entries);
    expect(ordered.map((entry) => entry.start)).toEqual([0, 10, 10, 25]);
    expect(ordered.map((entry) => entry.end)).toEqual([-1, 20, 15, -1]);
    expect([...reads]).toEqual(expect.arrayContaining([[0, 1], [2, 1]]));
    expect(reads.size).toBe(2);
  });
});

describe('TypeScript parameters that declare fields', () => {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });

  const constructorParameters = (signature: string) => {
    const tree = parsers.parse('typescript', `class S {\n  constructor(${signature}) {}\n}\n`);
    try {
      const ctor = tree.rootNode.descendantsOfType('method_definition')[0]!;
      return scriptSyntax.parametersOf(ctor).map((binding) => `${binding.kind}:${binding.name}`);
    } finally {
      tree.delete();
    }
  };

  it('binds this.<name> for parameters with an accessibility or override modifier, or readonly', () => {
    expect(constructorParameters('private readonly r: Redis')).toEqual(['param:r', 'field:this.r']);
    expect(constructorParameters('public cache: Redis, private other = 1')).toEqual(['param:cache', 'field:this.cache', 'param:other', 'field:this.other']);
    expect(constructorParameters('readonly kv: Redis')).toEqual(['param:kv', 'field:this.kv']);
    expect(constructorParameters('@Inject(KV) readonly redis: Redis')).toEqual(['param:redis', 'field:this.redis']);
    expect(constructorParameters('@Inject(KV) private redis: Redis')).toEqual(['param:redis', 'field:this.redis']);
  });

  it('binds only the parameter when the parameter starts with its name', () => {
    expect(constructorParameters('r: Redis, options?: object, retries = 3')).toEqual(['param:r', 'param:options', 'param:retries']);
    // A parameter named readonly is still read as the modifier pattern read it before.
    expect(constructorParameters('readonly: boolean')).toEqual(['param:readonly', 'field:this.readonly']);
  });
});

describe('the walk by type finds what the query captures, in the same order', () => {
  let parsers: Parsers;
  beforeAll(async () => {
    parsers = await loadParsers();
  });

  const both = (language: SourceLanguage, text: string) => {
    const tree = parsers.parse(language, text);
    try {
      const key = ({ node, type }: { node: Node; type: string }) => `${type}@${node.startIndex}-${node.endIndex}`;
      const roots = [tree.rootNode, ...tree.rootNode.namedChildren.filter((child): child is Node => !!child)];
      return roots.map((root) => ({ query: nodesByQuery(tree.language, root, Infinity).map(key), walk: nodesByWalk(tree.language, root).map(key) }));
    } finally {
      tree.delete();
    }
  };

  it('TypeScript: nested calls that start together, classes (not the class keyword), loops, bindings', () => {
    const text = [
      "import Redis from 'ioredis';",
      'export class Cache extends Base {',
      '  private readonly redis = new Redis();',
      '  kind = class {};',
      '  async get(ids: string[]) {',
      '    for (const id of ids) await this.redis.get(id).then((v) => v).catch(() => null);',
      '    const make = () => class Inner { m() { return a.b().c().d(); } };',
      '    while (x) { x = f(g(h())); }',
      '    return new Map(ids.map((id) => [id, 1]));',
      '  }',
      '}',
      'export default function* gen() { do { yield redis.keys("*"); } while (more()); }',
    ].join('\n');
    for (const { query, walk } of both('typescript', text)) expect(walk).toEqual(query);
    const [whole] = both('typescript', text);
    expect(whole.walk.filter((entry) => entry.startsWith('class@') || entry.startsWith('class_declaration@'))).toHaveLength(3);
  });

  it('Python: a with item that is its call, comprehensions, lambdas (not the lambda keyword), globals', () => {
    const text = [
      'import redis',
      'from app import conn',
      'r = redis.Redis()',
      'def f(keys):',
      '    global r',
      '    with r.pipeline() as p, r.lock("k"):',
      '        [p.get(k) for k in keys if r.exists(k)]',
      '        g = (lambda x: r.get(x))',
      '        return {k: v for k, v in zip(keys, map(lambda k: k, keys))}',
      'class C:',
      '    x = [i for i in range(3)]',
      '    while True:',
      '        r.get(r.get(1))',
    ].join('\n');
    for (const { query, walk } of both('python', text)) expect(walk).toEqual(query);
    const [whole] = both('python', text);
    expect(whole.walk.filter((entry) => entry.startsWith('lambda@'))).toHaveLength(2);
    expect(whole.walk.filter((entry) => entry.startsWith('with_item@'))).toHaveLength(2);
  });
});
