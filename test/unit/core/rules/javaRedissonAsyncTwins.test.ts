/**
 * Redisson's Async methods send the same command as their synchronous twins: a flush, a whole read or a write is the
 * same finding either way. In a loop, futures collected without waiting are pipelined on the shared connection (not
 * one round trip per item); a future waited on where it is made is.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const SHAPE = {
  imports: [
    'import java.util.ArrayList;',
    'import java.util.List;',
    'import java.util.concurrent.CompletableFuture;',
    'import org.redisson.api.RFuture;',
    'import org.redisson.api.RList;',
    'import org.redisson.api.RMap;',
    'import org.redisson.api.RedissonClient;',
  ],
  declaration: 'public class Admin',
  fields: ['    private final RedissonClient redisson;', '    private final RMap<String, String> prices;'],
};

describe('Redisson Async methods', () => {
  it('reports a flush through getKeys(), its Async and parallel forms, and a list read whole asynchronously', () => {
    const text = javaClassSource(SHAPE, [
      '    public RFuture<Void> clearAll() {',
      '        return redisson.getKeys().flushdbParallelAsync();',
      '    }',
      '',
      '    public void clearNow() {',
      '        redisson.getKeys().flushall();',
      '    }',
      '',
      '    public RFuture<List<String>> events() {',
      '        RList<String> log = redisson.getList("events");',
      '        return log.readAllAsync();',
      '    }',
      '',
      '    public RFuture<List<String>> recent() {',
      '        RList<String> log = redisson.getList("events");',
      '        return log.rangeAsync(0, 9);',
      '    }',
    ].join('\n'));
    expect(findingLines('flush-in-app-code', text)).toEqual([16, 20]);
    expect(findingLines('unbounded-collection-read', text)).toEqual([25]);
  });

  it('reports a loop that waits on each future, not one that collects them', () => {
    const text = javaClassSource(SHAPE, [
      '    public List<String> each(List<String> ids) throws Exception {',
      '        List<String> out = new ArrayList<>();',
      '        for (String id : ids) {',
      '            out.add(prices.getAsync(id).get());',
      '        }',
      '        return out;',
      '    }',
      '',
      '    public List<RFuture<String>> all(List<String> ids) {',
      '        List<RFuture<String>> futures = new ArrayList<>();',
      '        for (String id : ids) {',
      '            futures.add(prices.getAsync(id));',
      '        }',
      '        return futures;',
      '    }',
      '',
      '    public void joined(List<String> ids) {',
      '        for (String id : ids) {',
      '            prices.fastRemoveAsync(id).toCompletableFuture().join();',
      '        }',
      '    }',
    ].join('\n'));
    expect(findingLines('command-in-loop', text)).toEqual([18, 33]);
  });
});
