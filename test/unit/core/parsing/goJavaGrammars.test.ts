// The Go and Java grammars load into the shared web-tree-sitter runtime and parse, malformed input included.
import { beforeAll, describe, expect, it } from 'vitest';
import { languageForEditorId, languageForPath } from '../../../../src/core/parsing/languages';
import { sharedParsers, type Parsers } from '../../../../src/core/parsing/parsers';
import { diskGrammarSource } from '../../../../src/node/grammarFiles';
import { reviewSource } from '../../../../src/core/review';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await sharedParsers(diskGrammarSource);
}, 60_000);

describe('Go and Java sources', () => {
  it('maps .go and .java files and the go/java editor ids', () => {
    expect(languageForPath('cmd/server/main.go')).toBe('go');
    expect(languageForPath('src/main/java/App.java')).toBe('java');
    expect(languageForEditorId('go')).toBe('go');
    expect(languageForEditorId('java')).toBe('java');
  });

  it('parses a Go file into Go syntax', () => {
    const tree = parsers.parse('go', 'package main\n\nfunc main() { rdb.Keys(ctx, "user:*") }\n');
    expect(tree.rootNode.type).toBe('source_file');
    expect(tree.rootNode.descendantsOfType('call_expression').length).toBe(1);
    tree.delete();
  });

  it('parses a Java file into Java syntax', () => {
    const tree = parsers.parse('java', 'class A { void f() { jedis.keys("user:*"); } }\n');
    expect(tree.rootNode.type).toBe('program');
    expect(tree.rootNode.descendantsOfType('method_invocation').length).toBe(1);
    tree.delete();
  });

  it('reviews malformed Go and Java without throwing', () => {
    for (const [path, text] of [['a.go', 'package x\nfunc ( { redis.NewClient(&redis.Options{'], ['A.java', 'class { redis.clients.jedis.Jedis j = new Jedis(']] as const) {
      const result = reviewSource(parsers, text, { path, language: languageForPath(path)! });
      expect(result.ruleErrors).toEqual([]);
    }
  });
});
