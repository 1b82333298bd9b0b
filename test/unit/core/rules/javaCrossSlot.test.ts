/** cross-slot-multi-key in Java: multi-key commands on JedisCluster and Lettuce cluster commands whose keys may span slots. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { reviewSource } from '../../../../src/core/review';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function crossSlot(body: string): string[] {
  const text = `package app;\n\nimport java.util.List;\nimport redis.clients.jedis.JedisCluster;\nimport io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;\n\npublic class Carts {\n    private JedisCluster cluster;\n    private RedisAdvancedClusterCommands<String, String> lettuce;\n\n${body}}\n`;
  const result = reviewSource(parsers, text, { path: 'src/main/java/app/Carts.java', language: 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === 'cross-slot-multi-key').map((f) => text.slice(f.span.startOffset, f.span.endOffset));
}

describe('Java multi-key commands on a cluster client', () => {
  it('keys of different users, a key collection, set algebra on Lettuce', () => {
    const body = [
      '    List<String> both(String a, String b) {',
      '        return cluster.mget("cart:" + a, "cart:" + b);',
      '    }',
      '',
      '    long drop(String[] keys) {',
      '        return cluster.del(keys);',
      '    }',
      '',
      '    Object common(String a, String b) {',
      '        return lettuce.sinter("tags:" + a, "tags:" + b);',
      '    }',
      '',
    ].join('\n');
    expect(crossSlot(body)).toEqual(['mget', 'del', 'sinter']);
  });

  it('not keys with one {hash tag}, one key, literal keys of one slot, nor what Lettuce splits by slot itself', () => {
    const body = [
      '    List<String> both(String user) {',
      '        cluster.del("cart:" + user);',
      '        cluster.rename("{cart:" + user + "}:items", "{cart:" + user + "}:old");',
      '        cluster.mget("{users}:1", "{users}:2");',
      '        lettuce.del("cart:1", "cart:2");',
      '        return lettuce.mget("cart:1", "cart:2");',
      '    }',
      '',
    ].join('\n');
    expect(crossSlot(body)).toEqual([]);
  });
});
