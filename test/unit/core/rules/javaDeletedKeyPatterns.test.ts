/**
 * del-large-key in Java for keys named by pattern: a key family another file of the project fills as a list or set,
 * the same family built from another variable here, the keys a KEYS pattern found, and families built from a
 * constant of a keys class.
 */
import { describe, expect, it } from 'vitest';
import { ruleFindingLines, type SourceFile } from './ruleFindingLines';

const lines = ruleFindingLines();

const filler: SourceFile = {
  path: 'src/main/java/app/FeedWriter.java',
  text: [
    'package app;',
    '',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    '',
    'public class FeedWriter {',
    '    private StringRedisTemplate redisTemplate;',
    '',
    '    public void push(String uid, String item) {',
    '        redisTemplate.opsForList().leftPush("feed:" + uid, item);',
    '    }',
    '',
    '    public void profile(String uid, String name) {',
    '        redisTemplate.opsForHash().put("profile:" + uid, "name", name);',
    '    }',
    '}',
    '',
  ].join('\n'),
};

const cleaner: SourceFile = {
  path: 'src/main/java/app/FeedCleaner.java',
  text: [
    'package app;',
    '',
    'import java.util.Set;',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    '',
    'public class FeedCleaner {',
    '    private StringRedisTemplate redisTemplate;',
    '',
    '    public void clear(String userId) {',
    '        redisTemplate.delete("feed:" + userId);',
    '    }',
    '',
    '    public void dropProfile(String userId) {',
    '        redisTemplate.delete("profile:" + userId);',
    '    }',
    '',
    '    public void logout(String userId) {',
    '        redisTemplate.delete("token:" + userId);',
    '    }',
    '',
    '    public void clearAll() {',
    '        Set<String> keys = redisTemplate.keys("feed:*");',
    '        redisTemplate.delete(keys);',
    '    }',
    '',
    '    public void marks(String userId, String day) {',
    '        redisTemplate.opsForSet().add("seen:" + userId, day);',
    '    }',
    '',
    '    public void resetMarks(String uid) {',
    '        redisTemplate.delete("seen:" + uid);',
    '    }',
    '}',
    '',
  ].join('\n'),
};

describe('Java DEL of key families filled as collections', () => {
  it('reports lists filled in another file, keys found by a KEYS pattern and sets filled here under another variable', () => {
    expect(lines.inWorkspace('del-large-key', [filler, cleaner], 1)).toEqual([10, 23, 31]);
  });

  it('needs the other file for the families it fills', () => {
    expect(lines.inFile('del-large-key', cleaner)).toEqual([31]);
  });

  it('matches families built from the same constant, through a local, not a constant written as a string', () => {
    const writer: SourceFile = {
      path: 'src/main/java/app/CartService.java',
      text: [
        'package app;',
        '',
        'import org.springframework.data.redis.core.StringRedisTemplate;',
        '',
        'public class CartService {',
        '    private StringRedisTemplate redisTemplate;',
        '',
        '    public void add(String uid, String sku) {',
        '        redisTemplate.opsForList().rightPush(RedisKeys.CART + uid, sku);',
        '        redisTemplate.opsForValue().set(RedisKeys.TOKEN + uid, sku);',
        '    }',
        '}',
        '',
      ].join('\n'),
    };
    const checkout: SourceFile = {
      path: 'src/main/java/app/CheckoutService.java',
      text: [
        'package app;',
        '',
        'import org.springframework.data.redis.core.StringRedisTemplate;',
        '',
        'public class CheckoutService {',
        '    private StringRedisTemplate redisTemplate;',
        '',
        '    public void done(String userId) {',
        '        String key = RedisKeys.CART + userId;',
        '        redisTemplate.delete(key);',
        '        redisTemplate.delete(RedisKeys.TOKEN + userId);',
        '    }',
        '}',
        '',
      ].join('\n'),
    };
    expect(lines.inWorkspace('del-large-key', [writer, checkout], 1)).toEqual([10]);
  });
});
