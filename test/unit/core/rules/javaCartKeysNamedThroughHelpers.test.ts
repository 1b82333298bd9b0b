/**
 * Java whole reads of one cart whose key comes through a name for the cart rather than a `cart:` literal the read
 * can see: the file's key builder (`entries(cartKey(sessionId))`), the parameter it arrives in (`hgetAll(cartId)`,
 * `boundHashOps(cartKey).values()`) or a local given the builder's result. A cart holds one shopper's items, whatever
 * id it is keyed by. Tricky negatives, still reported: a generic wrapper's `key` parameter, a builder named for
 * followers, and a set of every abandoned cart.
 */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const javaLines = javaFindingLines();

function linesOf(text: string, needles: string[]): number[] {
  return needles.map((needle) => text.slice(0, text.indexOf(needle)).split('\n').length);
}

const templateShape = {
  imports: ['import java.util.*;', 'import org.springframework.data.redis.core.*;'],
  declaration: 'public class TableOrders',
  fields: ['    private final StringRedisTemplate redis;', '    private final HashOperations<String, String, String> hashOps;'],
};

describe('unbounded-collection-read of a cart named by its key builder, parameter or local', () => {
  it('leaves out one cart read through the file\'s key builder, a cartId parameter and bound operations on a cartKey parameter', () => {
    const text = javaClassSource(templateShape, [
      '    Map<Object, Object> lines(long tableSession) {',
      '        return redis.opsForHash().entries(cartKey(tableSession));',
      '    }',
      '',
      '    Map<String, String> quantities(final String cartId) {',
      '        return hashOps.entries(cartId);',
      '    }',
      '',
      '    List<Object> items(String cartKey) {',
      '        BoundHashOperations<String, Object, Object> ops = redis.boundHashOps(cartKey);',
      '        return ops.values();',
      '    }',
      '',
      '    Set<String> skus(String guestToken) {',
      '        String k = getCartKey(guestToken);',
      '        return hashOps.keys(k);',
      '    }',
      '',
      '    private static String cartKey(long tableSession) {',
      '        return "cart:" + tableSession;',
      '    }',
      '',
      '    private static String getCartKey(String token) {',
      '        return "guest:cart:" + token;',
      '    }',
    ].join('\n'));
    expect(javaLines('unbounded-collection-read', text)).toEqual([]);
  });

  it('still reports a wrapper\'s key parameter, a followers builder and a set of every abandoned cart', () => {
    const text = javaClassSource(templateShape, [
      '    Map<String, String> all(String key) {',
      '        return hashOps.entries(key);',
      '    }',
      '',
      '    Map<String, String> followers(long userId) {',
      '        return hashOps.entries(followersKey(userId));',
      '    }',
      '',
      '    Set<String> abandoned() {',
      '        return redis.opsForSet().members(abandonedCartsKey());',
      '    }',
      '',
      '    private static String followersKey(long userId) {',
      '        return "followers:" + userId;',
      '    }',
      '',
      '    private static String abandonedCartsKey() {',
      '        return "carts:abandoned";',
      '    }',
    ].join('\n'));
    expect(javaLines('unbounded-collection-read', text)).toEqual(linesOf(text, ['hashOps.entries(key)', 'hashOps.entries(followersKey', 'members(abandonedCartsKey']));
  });
});
