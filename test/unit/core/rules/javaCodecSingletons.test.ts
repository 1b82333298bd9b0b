/**
 * unsafe-deserializer for a Redisson codec installed through its shared instance (`config.setCodec(JsonJacksonCodec.INSTANCE)`,
 * `redisson.getMap(name, FstCodec.INSTANCE)`), which decodes the class named in the stored data as a `new` one does.
 * Tricky negatives, not reported: StringCodec.INSTANCE and LongCodec.INSTANCE, a codec provider that only returns the
 * shared instance, and the instance named in a comment.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const javaLines = javaFindingLines();

function linesOf(text: string, needles: string[]): number[] {
  return needles.map((needle) => text.slice(0, text.indexOf(needle)).split('\n').length);
}

const redissonShape = {
  imports: ['import org.redisson.Redisson;', 'import org.redisson.api.*;', 'import org.redisson.codec.*;', 'import org.redisson.client.codec.*;', 'import org.redisson.config.Config;'],
  declaration: 'public class SamplerStore',
  fields: ['    private RedissonClient redisson;'],
};

describe('unsafe-deserializer of Redisson codecs installed through their shared instance', () => {
  it('reports JsonJacksonCodec.INSTANCE set on the client config and FstCodec.INSTANCE handed to an object opener', () => {
    const text = javaClassSource(redissonShape, [
      '    RedissonClient client(String address) {',
      '        Config config = new Config();',
      '        config.useSingleServer().setAddress(address);',
      '        config.setCodec(JsonJacksonCodec.INSTANCE);',
      '        return Redisson.create(config);',
      '    }',
      '',
      '    RMap<String, Object> samples(String name) {',
      '        return redisson.getMap("samples:" + name, org.redisson.codec.FstCodec.INSTANCE);',
      '    }',
    ].join('\n'));
    expect(javaLines('unsafe-deserializer', text)).toEqual(linesOf(text, ['JsonJacksonCodec.INSTANCE', 'FstCodec.INSTANCE']));
  });

  it('leaves out string and long codecs, a provider returning the instance and a comment naming it', () => {
    const text = javaClassSource(redissonShape, [
      '    RedissonClient client(String address) {',
      '        Config config = new Config();',
      '        config.useSingleServer().setAddress(address);',
      '        // was: config.setCodec(JsonJacksonCodec.INSTANCE);',
      '        config.setCodec(StringCodec.INSTANCE);',
      '        return Redisson.create(config);',
      '    }',
      '',
      '    RAtomicLong counter(String name) {',
      '        return redisson.getAtomicLong(name);',
      '    }',
      '',
      '    RMap<String, Long> totals(String name) {',
      '        return redisson.getMap(name, LongCodec.INSTANCE);',
      '    }',
      '',
      '    Codec legacyCodec() {',
      '        return MarshallingCodec.INSTANCE;',
      '    }',
    ].join('\n'));
    expect(javaLines('unsafe-deserializer', text)).toEqual([]);
  });
});
