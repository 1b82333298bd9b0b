/** Java facts noted from declarations: each annotation belongs to the method it annotates, whatever comes before or after it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTree } from '../../../../src/core/analysis/buildModel';
import { javaFactsOf } from '../../../../src/core/analysis/java/javaFacts';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { loadParsers } from '../rules/parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function factsOf(text: string, keepForReuse = false) {
  const tree = parsers.parse('java', text);
  try {
    const facts = javaFactsOf(analyzeTree(tree, text, { path: 'src/main/java/app/Orders.java', language: 'java', context: 'app', keepForReuse }).model);
    expect(facts).toBeDefined();
    return facts!;
  } finally {
    tree.delete();
  }
}

const ORDERS = `package app;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.web.bind.annotation.GetMapping;

public class Orders {
    @Cacheable("orders")
    public String load(String id) {
        return id;
    }

    public String plain(String id) {
        return id;
    }

    @GetMapping("/orders")
    @Deprecated
    public String list() {
        return "";
    }
}
`;

describe('Java annotations', () => {
  it('are attributed to the method they annotate, not the next one', () => {
    for (const keepForReuse of [false, true]) {
      const facts = factsOf(ORDERS, keepForReuse);
      const owner = (name: string) => facts.methods[facts.annotations.find((a) => a.name === name)!.method!]?.name;
      expect(owner('Cacheable')).toBe('load');
      expect(owner('GetMapping')).toBe('list');
      expect(owner('Deprecated')).toBe('list');
      expect(facts.methods.find((m) => m.name === 'list')!.annotations).toEqual(['GetMapping', 'Deprecated']);
    }
  });

  it('on a class belong to no method', () => {
    const facts = factsOf('package app;\n\n@Deprecated\npublic class Orders {\n    void run() {}\n}\n');
    expect(facts.annotations.map((a) => [a.name, a.method])).toEqual([['Deprecated', undefined]]);
  });
});
