/**
 * Java shapes met in shop, IM and flash-sale services:
 * - unsafe-deserializer: fastjson's GenericFastJsonRedisSerializer reads "@type" back with autoType on; the one given
 *   the type names to accept, and FastJsonRedisSerializer bound to a class, are not reported.
 * - command-in-loop: `sessions.forEach(this::saveSession)` runs the file's own method per element, as a lambda would;
 *   a method reference to a method that sends nothing, or to another object's method, is not an N+1 of this file.
 * - cache-write-without-ttl: a cart line read, added on a miss and written again when found is an upsert of state,
 *   not a cache filled on a miss; the plain cache-aside fill is still reported.
 * - unbounded-collection-read: SMEMBERS of a set refilled and expired per owner (one account's online devices) is
 *   bounded like an expired list; the same read of a room's online set, or of a set nothing expires, is not.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

/** 1-based line of the first line containing `marker`. */
const lineOf = (text: string, marker: string) => text.split('\n').findIndex((l) => l.includes(marker)) + 1;

describe('GenericFastJsonRedisSerializer', () => {
  const config = (serializer: string) =>
    javaClassSource(
      {
        imports: [
          'import com.alibaba.fastjson.support.spring.GenericFastJsonRedisSerializer;',
          'import com.alibaba.fastjson.support.spring.FastJsonRedisSerializer;',
          'import org.springframework.context.annotation.Bean;',
          'import org.springframework.data.redis.cache.RedisCacheConfiguration;',
          'import org.springframework.data.redis.serializer.RedisSerializationContext;',
        ],
        declaration: 'public class CacheConfig',
        fields: [],
      },
      [
        '    @Bean',
        '    RedisCacheConfiguration redisCacheConfiguration() {',
        '        RedisCacheConfiguration config = RedisCacheConfiguration.defaultCacheConfig();',
        `        config = config.serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(${serializer}));`,
        '        return config;',
        '    }',
      ].join('\n'),
    );

  it('reports the generic serializer built without accepted names', () => {
    const text = config('new GenericFastJsonRedisSerializer()');
    expect(findingLines('unsafe-deserializer', text)).toEqual([lineOf(text, 'GenericFastJsonRedisSerializer()')]);
  });

  it('leaves the one given accepted type names and the class-bound serializer alone', () => {
    expect(findingLines('unsafe-deserializer', config('new GenericFastJsonRedisSerializer(new String[] {"com.shop."})'))).toEqual([]);
    expect(findingLines('unsafe-deserializer', config('new FastJsonRedisSerializer<>(Product.class)'))).toEqual([]);
  });
});

describe('forEach with a method reference of the file', () => {
  const service = (loop: string) =>
    javaClassSource(
      {
        imports: ['import java.util.List;', 'import org.springframework.data.redis.core.StringRedisTemplate;'],
        declaration: 'public class SessionUploader',
        fields: ['    private StringRedisTemplate redisTemplate;', '    private Formatter formatter;'],
      },
      [
        '    public void upload(List<String> sessions) {',
        `        ${loop}`,
        '    }',
        '',
        '    private void saveSession(String session) {',
        '        redisTemplate.opsForValue().set("session:" + session, session);',
        '    }',
        '',
        '    private String label(String session) {',
        '        return "session " + session;',
        '    }',
      ].join('\n'),
    );

  it('reports the loop whose element method sends a command', () => {
    const text = service('sessions.forEach(this::saveSession);');
    expect(findingLines('command-in-loop', text)).toEqual([lineOf(text, 'this::saveSession')]);
  });

  it('leaves references to a method that sends nothing, or to another object, alone', () => {
    expect(findingLines('command-in-loop', service('sessions.stream().map(this::label).forEach(System.out::println);'))).toEqual([]);
    expect(findingLines('command-in-loop', service('sessions.forEach(formatter::saveSession);'))).toEqual([]);
  });
});

describe('a hash entry read, added on a miss and written again when found', () => {
  const cart = (hitBranch: string) =>
    javaClassSource(
      {
        imports: ['import org.springframework.data.redis.core.BoundHashOperations;', 'import org.springframework.data.redis.core.StringRedisTemplate;'],
        declaration: 'public class CartService',
        fields: ['    private StringRedisTemplate redisTemplate;'],
      },
      [
        '    public String addToCart(Long userId, Long skuId, Integer num) {',
        '        BoundHashOperations<String, Object, Object> cartOps = redisTemplate.boundHashOps("shop:cart:" + userId);',
        '        String item = (String) cartOps.get(skuId.toString());',
        '        if (item == null) {',
        '            String created = loadItem(skuId, num);',
        '            cartOps.put(skuId.toString(), created);',
        '            return created;',
        '        }',
        hitBranch,
        '        return item;',
        '    }',
        '',
        '    private String loadItem(Long skuId, Integer num) {',
        '        return skuId + ":" + num;',
        '    }',
      ].join('\n'),
    );

  it('does not take the upsert of a cart line for a cache fill', () => {
    expect(findingLines('cache-write-without-ttl', cart('        cartOps.put(skuId.toString(), item + "+" + num);'))).toEqual([]);
  });

  it('still reports the write made on the miss alone', () => {
    const text = cart('');
    expect(findingLines('cache-write-without-ttl', text)).toEqual([lineOf(text, 'cartOps.put(skuId.toString(), created)')]);
  });
});

describe('SMEMBERS of a set the file expires', () => {
  const presence = (param: string, key: string, expire: boolean) =>
    javaClassSource(
      {
        imports: ['import java.time.Duration;', 'import java.util.Set;', 'import org.springframework.data.redis.core.RedisTemplate;'],
        declaration: 'public class PresenceService',
        fields: ['    private RedisTemplate<String, Object> redisTemplate;', '    private static final String ONLINE_CLIENT = "im:online:client:";'],
      },
      [
        `    public Set<Object> onlineClients(String ${param}) {`,
        `        String onlineKey = ${key};`,
        '        Set<Object> members = redisTemplate.opsForSet().members(onlineKey);',
        '        if (members.isEmpty()) {',
        `            redisTemplate.opsForSet().add(onlineKey, ${param} + "|web");`,
        expire ? '            redisTemplate.expire(onlineKey, Duration.ofSeconds(600));' : '',
        '        }',
        '        return members;',
        '    }',
      ].join('\n'),
    );

  it("leaves one account's expired set of devices alone", () => {
    expect(findingLines('unbounded-collection-read', presence('account', 'ONLINE_CLIENT + account', true))).toEqual([]);
  });

  it("reports a room's online set even when it expires, and a set nothing expires", () => {
    const room = presence('roomId', '"room:" + roomId + ":online"', true);
    expect(findingLines('unbounded-collection-read', room)).toEqual([lineOf(room, 'members(onlineKey)')]);
    const kept = presence('account', 'ONLINE_CLIENT + account', false);
    expect(findingLines('unbounded-collection-read', kept)).toEqual([lineOf(kept, 'members(onlineKey)')]);
  });

  it("reports a wrapper that reads and expires its caller's key", () => {
    const wrapper = presence('onlineKey', 'onlineKey', true).replace('        String onlineKey = onlineKey;\n', '');
    expect(findingLines('unbounded-collection-read', wrapper)).toEqual([lineOf(wrapper, 'members(onlineKey)')]);
  });
});
