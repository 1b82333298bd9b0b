/**
 * A large generated Java service (3,000 lines) for the lint benchmark: Jedis from a pool (try-with-resources),
 * Lettuce sync commands and Spring Data Redis templates side by side, each handler with plain Java around its
 * Redis calls and a risky call now and then (KEYS, SET then EXPIRE, a command per loop item, HGETALL).
 */
export function largeJavaServiceSource(lines = 3000, className = 'LargeService'): string {
  const out = [
    'package app.services;',
    '',
    'import io.lettuce.core.api.StatefulRedisConnection;',
    'import io.lettuce.core.api.sync.RedisCommands;',
    'import org.springframework.data.redis.core.StringRedisTemplate;',
    'import redis.clients.jedis.Jedis;',
    'import redis.clients.jedis.JedisPool;',
    'import java.time.Duration;',
    'import java.util.ArrayList;',
    'import java.util.List;',
    'import java.util.Map;',
    'import java.util.Set;',
    '',
    `public class ${className} {`,
    '    private final JedisPool pool;',
    '    private final StatefulRedisConnection<String, String> connection;',
    '    private final StringRedisTemplate template;',
    '',
    `    public ${className}(JedisPool pool, StatefulRedisConnection<String, String> connection, StringRedisTemplate template) {`,
    '        this.pool = pool;',
    '        this.connection = connection;',
    '        this.template = template;',
    '    }',
    '',
  ];
  const handlers = [
    (n: number) => [
      `    public Map<String, String> profile${n}(String userId) {`,
      `        // Jedis from the pool: profile ${n} with a cached view.`,
      '        try (Jedis jedis = pool.getResource()) {',
      '            Map<String, String> profile = jedis.hgetAll("profile:" + userId);',
      '            if (profile.isEmpty()) {',
      `                jedis.set("view:${n}:" + userId, "{}");`,
      `                jedis.expire("view:${n}:" + userId, 300);`,
      '            }',
      n % 25 === 0 ? `            Set<String> stale = jedis.keys("tmp:${n}:*");` : `            String stale = jedis.get("counter:${n}");`,
      '            return profile;',
      '        }',
      '    }',
      '',
    ],
    (n: number) => [
      `    public List<String> orders${n}(List<String> ids) {`,
      `        // Lettuce: orders of batch ${n}.`,
      '        RedisCommands<String, String> commands = connection.sync();',
      '        List<String> found = new ArrayList<>();',
      '        for (String id : ids) {',
      `            String order = commands.get("order:${n}:" + id);`,
      '            if (order != null && !order.isBlank()) {',
      '                found.add(order.trim());',
      '            }',
      '        }',
      `        commands.setex("orders:last:${n}", 60, String.valueOf(found.size()));`,
      '        return found;',
      '    }',
      '',
    ],
    (n: number) => [
      `    public long visits${n}(String page) {`,
      `        // Spring Data Redis: page counter ${n}.`,
      `        Long count = template.opsForValue().increment("visits:${n}:" + page);`,
      `        template.opsForValue().set("seen:${n}:" + page, "1", Duration.ofMinutes(10));`,
      `        Map<Object, Object> stats = template.opsForHash().entries("stats:${n}");`,
      '        long total = 0;',
      '        for (Object value : stats.values()) {',
      '            total += Long.parseLong(String.valueOf(value));',
      '        }',
      '        return count == null ? total : count + total;',
      '    }',
      '',
    ],
  ];
  let index = 0;
  while (out.length < lines - 14) out.push(...handlers[index % handlers.length](index++));
  while (out.length < lines - 1) out.push(`    // padding line ${out.length}`);
  out.push('}');
  return out.join('\n') + '\n';
}
