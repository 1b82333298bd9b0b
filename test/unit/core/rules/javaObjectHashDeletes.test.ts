/** del-large-key in Java: DEL of a hash whose writes store one object's fields (a login session built from a bean). */
import { describe, expect, it } from 'vitest';
import { javaClassSource, javaFindingLines } from './javaFindingLines';

const findingLines = javaFindingLines();

const shape = {
  imports: ['import java.util.*;', 'import cn.hutool.core.bean.BeanUtil;', 'import org.springframework.data.redis.core.*;'],
  declaration: 'public class Logins',
  fields: ['    private StringRedisTemplate redisTemplate;', '    private static final String LOGIN_USER = "login:token:";'],
};

describe('Java DEL of hashes written from one object', () => {
  it('does not report DEL of a token hash written only with putAll of a bean converted to a map, or of literal fields', () => {
    const text = javaClassSource(
      shape,
      [
        '    public String login(UserDTO user, String token) {',
        '        Map<String, Object> userMap = BeanUtil.beanToMap(user, new HashMap<>(),',
        '                CopyOptions.create().setFieldValueEditor((name, value) -> value.toString()));',
        '        String tokenKey = LOGIN_USER + token;',
        '        redisTemplate.opsForHash().putAll(tokenKey, userMap);',
        '        return token;',
        '    }',
        '',
        '    public void logout(String token) {',
        '        redisTemplate.delete(LOGIN_USER + token);',
        '    }',
        '',
        '    public void saveProfile(String id, String name, String mail) {',
        '        Map<String, String> fields = new HashMap<>();',
        '        fields.put("name", name);',
        '        fields.put("mail", mail);',
        '        redisTemplate.opsForHash().putAll("profile:" + id, fields);',
        '    }',
        '',
        '    public void dropProfile(String id) {',
        '        redisTemplate.delete("profile:" + id);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('del-large-key', text)).toEqual([]);
  });

  it('still reports DEL of a hash that also gets a field per item, or a map of computed fields', () => {
    const text = javaClassSource(
      shape,
      [
        '    public void addToCart(String uid, UserDTO user, String sku, int count) {',
        '        redisTemplate.opsForHash().putAll("cart:" + uid, BeanUtil.beanToMap(user));',
        '        redisTemplate.opsForHash().put("cart:" + uid, sku, String.valueOf(count));',
        '    }',
        '',
        '    public void clearCart(String uid) {',
        '        redisTemplate.delete("cart:" + uid);',
        '    }',
        '',
        '    public void saveScores(String board, List<Score> scores) {',
        '        Map<String, String> byPlayer = new HashMap<>();',
        '        for (Score s : scores) byPlayer.put(s.getPlayer(), s.getValue());',
        '        redisTemplate.opsForHash().putAll("scores:" + board, byPlayer);',
        '    }',
        '',
        '    public void dropScores(String board) {',
        '        redisTemplate.delete("scores:" + board);',
        '    }',
      ].join('\n'),
    );
    expect(findingLines('del-large-key', text)).toEqual([17, 27]);
  });
});
