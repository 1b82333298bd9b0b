/**
 * unsafe-deserializer for a Redisson client created without a codec: reported where the code of its build module keeps
 * values in Redisson buckets, maps or queues through it, not where the client only takes locks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { buildWorkspaceIndex } from '../../../../src/core/review';
import type { WorkspaceIndex } from '../../../../src/core/analysis/workspaceIndex';
import { loadParsers, ruleLines } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function reportedLines(path: string, text: string, workspace?: WorkspaceIndex): number[] {
  return ruleLines(parsers, 'unsafe-deserializer', { path, text, language: 'java', workspace });
}

const CONFIG_IMPORTS = ['package shop.config;', '', 'import org.redisson.Redisson;', 'import org.redisson.api.RedissonClient;', 'import org.redisson.config.Config;'];

/** A configuration class whose bean creates the client; `extra` goes in the class after the bean. */
function clientConfig(configure: string[] = [], extraImports: string[] = [], extra: string[] = []): string {
  return [
    ...CONFIG_IMPORTS,
    ...extraImports,
    '',
    'public class ClientConfig {',
    '    public RedissonClient redisson() {',
    '        Config config = new Config();',
    '        config.useSingleServer().setAddress("redis://127.0.0.1:6379");',
    ...configure,
    '        return Redisson.create(config);',
    '    }',
    ...extra,
    '}',
    '',
  ].join('\n');
}

/** The line of the file's `Redisson.create`. */
const createLine = (text: string) => text.split('\n').findIndex((line) => line.includes('Redisson.create')) + 1;

/** A service of the project that uses the client `use` way. */
function service(use: string[]): string {
  return ['package shop.service;', '', 'import org.redisson.api.*;', 'import org.redisson.client.codec.StringCodec;', '', 'public class OrderService {', '    private RedissonClient redisson;', '', ...use, '}', ''].join('\n');
}

describe('Redisson clients left on the default object codec', () => {
  it('reports the creation when the same file keeps an object in a bucket through the client', () => {
    const text = clientConfig([], ['import org.redisson.api.RBucket;'], [
      '',
      '    public void remember(RedissonClient client, Order order) {',
      '        RBucket<Order> bucket = client.getBucket("order:" + order.getId());',
      '        bucket.set(order);',
      '    }',
    ]);
    expect(reportedLines('src/main/java/shop/config/ClientConfig.java', text)).toEqual([createLine(text)]);
  });

  it('reports the creation when another file of the same module puts objects in a blocking queue', () => {
    const sources = [
      { path: 'shop/src/main/java/shop/config/ClientConfig.java', text: clientConfig() },
      { path: 'shop/src/main/java/shop/service/OrderService.java', text: service(['    public void delay(Order order) {', '        RBlockingQueue<Order> queue = redisson.getBlockingQueue("order:timeout");', '        queue.offer(order);', '    }']) },
    ];
    const workspace = buildWorkspaceIndex(parsers, sources);
    expect(reportedLines(sources[0].path, sources[0].text, workspace)).toEqual([createLine(sources[0].text)]);
    // Alone, the configuration shows nothing the client decodes.
    expect(reportedLines(sources[0].path, sources[0].text)).toEqual([]);
  });

  it('leaves a client alone when its module only takes locks with it, whatever another module or a test stores', () => {
    const sources = [
      { path: 'seckill/src/main/java/shop/config/ClientConfig.java', text: clientConfig() },
      { path: 'seckill/src/main/java/shop/service/OrderService.java', text: service(['    public void pay(String id) {', '        RLock lock = redisson.getLock("lock:order:" + id);', '        lock.lock();', '        lock.unlock();', '    }']) },
      { path: 'catalog/src/main/java/shop/service/OrderService.java', text: service(['    public Object item(String id) {', '        return redisson.getMap("items").get(id);', '    }']) },
      // A test of the module that tries a bucket is no use of the application's.
      { path: 'seckill/src/test/java/shop/BucketTest.java', text: service(['    public void tryBucket() {', '        redisson.getBucket("test").set("x");', '    }']).replace('class OrderService', 'class BucketTest') },
    ];
    const workspace = buildWorkspaceIndex(parsers, sources);
    expect(reportedLines(sources[0].path, sources[0].text, workspace)).toEqual([]);
  });

  it('leaves a client alone when a codec is set on its config, or each object names its own codec', () => {
    const withCodec = clientConfig(['        config.setCodec(StringCodec.INSTANCE);'], ['import org.redisson.client.codec.StringCodec;']);
    const sources = [
      { path: 'src/main/java/shop/config/ClientConfig.java', text: withCodec },
      { path: 'src/main/java/shop/service/OrderService.java', text: service(['    public void remember(String id, String json) {', '        redisson.getBucket("order:" + id).set(json);', '    }']) },
    ];
    expect(reportedLines(sources[0].path, sources[0].text, buildWorkspaceIndex(parsers, sources))).toEqual([]);
    const ownCodec = [
      { path: 'src/main/java/shop/config/ClientConfig.java', text: clientConfig() },
      { path: 'src/main/java/shop/service/OrderService.java', text: service(['    public void remember(String id, String json) {', '        redisson.getBucket("order:" + id, StringCodec.INSTANCE).set(json);', '    }']) },
    ];
    expect(reportedLines(ownCodec[0].path, ownCodec[0].text, buildWorkspaceIndex(parsers, ownCodec))).toEqual([]);
  });
});
