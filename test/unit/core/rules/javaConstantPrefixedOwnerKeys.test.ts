/**
 * Java keys built from a string constant and an owner's id (`CART_KEY + userId`, `String.format(PROFILE_KEY, userId)`,
 * `RECORD_PREFIX + ":" + userId`, also through bound operations) are read through the constant's value, so one
 * owner's cart, records or profile hash is judged by the documented definition of one owner's collection and not
 * reported. Tricky negatives, still reported: the same shape for one owner's followers, likes or feed, a room's
 * members, everyone online or one account's online clients, a constant whose value abbreviates a growing name,
 * another class's constant the file does not declare, and a generic wrapper's parameter key.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const javaLines = javaFindingLines();

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

const jedisShape = (fields: string[]) => ({
  imports: ['import java.util.*;', 'import redis.clients.jedis.JedisPooled;'],
  declaration: 'public class Accounts',
  fields: ['    private final JedisPooled jedis = new JedisPooled();', ...fields],
});

describe('unbounded-collection-read on Java keys of a constant and an owner\'s id', () => {
  it('leaves out one user\'s cart, records and profile built from constants of the file', () => {
    const text = javaClassSource(
      jedisShape([
        '    private static final String CART_KEY = "cart:user:";',
        '    private static final String PROFILE_KEY = "profile:%s";',
        '    public static final String RECORD_PREFIX = "record";',
      ]),
      [
        '    Map<String, String> cart(String userId) {',
        '        String key = CART_KEY + userId;',
        '        return jedis.hgetAll(key);',
        '    }',
        '',
        '    Set<String> profileFields(long userId) {',
        '        return jedis.hkeys(String.format(PROFILE_KEY, userId));',
        '    }',
        '',
        '    Set<String> records(String userId) {',
        '        return jedis.smembers(RECORD_PREFIX + ":" + userId);',
        '    }',
        '',
        '    List<String> cartValues(String userId) {',
        '        return jedis.hvals(Accounts.CART_KEY + userId);',
        '    }',
      ].join('\n'),
    );
    expect(javaLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('leaves out a cart hash read through bound operations opened on a constant-prefixed key, also of a user id\'s text form', () => {
    const text = javaClassSource(
      {
        imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;'],
        declaration: 'public class CartService',
        fields: ['    private final String CART_PREFIX = "shop:cart:";', '    private StringRedisTemplate redisTemplate;'],
      },
      [
        '    List<Object> items(Long userId) {',
        '        String cartKey = CART_PREFIX + userId;',
        '        BoundHashOperations<String, Object, Object> hashOps = redisTemplate.boundHashOps(cartKey);',
        '        return hashOps.values();',
        '    }',
        '',
        '    List<Object> itemsOf(String userStr) {',
        '        String cartKey = CART_PREFIX + userStr;',
        '        BoundHashOperations<String, Object, Object> ops = redisTemplate.boundHashOps(cartKey);',
        '        return ops.values();',
        '    }',
      ].join('\n'),
    );
    expect(javaLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('still reports followers, likes and feed of one owner, a room\'s members, everyone online and one account\'s online clients, abbreviated and foreign constants, and a wrapper\'s key', () => {
    const text = javaClassSource(
      jedisShape([
        '    private static final String FOLLOWERS_KEY = "user:followers:";',
        '    private static final String LIKES = "likes:%s";',
        '    private static final String FEED = "feed";',
        '    private static final String ROOM_MEMBERS = "room:members:";',
        '    private static final String ONLINE_USERS = "online:users";',
        '    private static final String ONLINE_CLIENT = "im:online:client:";',
        '    private static final String USER_FOLLOWS = "uf:";',
        '    private static final String PREFIX = "app:";',
      ]),
      [
        '    Set<String> followers(String userId) {',
        '        return jedis.smembers(FOLLOWERS_KEY + userId);',
        '    }',
        '',
        '    Map<String, String> likes(String userId) {',
        '        return jedis.hgetAll(String.format(LIKES, userId));',
        '    }',
        '',
        '    List<String> feed(String ownerId) {',
        '        return jedis.zrange(FEED + ":" + ownerId, 0, -1);',
        '    }',
        '',
        '    Set<String> roomMembers(String roomId) {',
        '        return jedis.smembers(ROOM_MEMBERS + roomId);',
        '    }',
        '',
        '    Set<String> online() {',
        '        return jedis.smembers(ONLINE_USERS);',
        '    }',
        '',
        '    Set<String> devices(String account) {',
        '        return jedis.smembers(ONLINE_CLIENT + account);',
        '    }',
        '',
        '    Set<String> follows(String userId) {',
        '        return jedis.smembers(USER_FOLLOWS + userId);',
        '    }',
        '',
        '    Map<String, String> elsewhere(String userId) {',
        '        return jedis.hgetAll(RedisKeys.CART + userId);',
        '    }',
        '',
        '    Set<String> members(String key) {',
        '        return jedis.smembers(PREFIX + key);',
        '    }',
      ].join('\n'),
    );
    const needles = [
      'smembers(FOLLOWERS_KEY',
      'hgetAll(String.format(LIKES',
      'zrange(FEED',
      'smembers(ROOM_MEMBERS',
      'smembers(ONLINE_USERS',
      'smembers(ONLINE_CLIENT',
      'smembers(USER_FOLLOWS',
      'hgetAll(RedisKeys.CART',
      'smembers(PREFIX + key',
    ];
    expect(javaLines('unbounded-collection-read', text)).toEqual(needles.map((needle) => lineOf(text, needle)));
  });
});
