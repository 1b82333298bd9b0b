/** client-per-request in Java: a client captured by the pool a factory method returns lives as long as that pool. */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

describe('Java clients captured by what their method returns', () => {
  it('does not report a client the returned pool connects with, but does one used and dropped', () => {
    const text = javaClassSource(
      {
        imports: ['import io.lettuce.core.RedisClient;', 'import io.lettuce.core.cluster.RedisClusterClient;', 'import io.lettuce.core.support.ConnectionPoolSupport;', 'import org.apache.commons.pool2.impl.*;'],
        declaration: 'public class Pools',
        fields: [],
      },
      [
        '    public GenericObjectPool<?> clusterPool(String uri) {',
        '        RedisClusterClient clusterClient = RedisClusterClient.create(uri);',
        '        return ConnectionPoolSupport.createGenericObjectPool(() -> clusterClient.connect(), new GenericObjectPoolConfig<>());',
        '    }',
        '',
        '    public String read(String uri, String key) {',
        '        RedisClient client = RedisClient.create(uri);',
        '        return client.connect().sync().get(key);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('client-per-request', text)).toEqual([16]);
  });
});
