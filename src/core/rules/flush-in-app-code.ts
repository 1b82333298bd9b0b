/** flush-in-app-code: FLUSHALL / FLUSHDB wipe data and block the server. */
import type { Rule } from './rule';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

export const flushInAppCode: Rule = {
  meta: {
    id: 'flush-in-app-code',
    code: 'RR501',
    category: 'durability',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      flush: '{{command}} deletes every key{{scope}} and, without ASYNC, blocks Redis while it frees them; delete a known prefix with SCAN + UNLINK instead.',
    },
    docs: {
      summary: 'FLUSHALL/FLUSHDB in application code can wipe production data.',
      what: 'Reports FLUSHALL and FLUSHDB calls in application code (tests are skipped, scripts get a warning).',
      why: 'One call removes the whole dataset (all databases for FLUSHALL); a mis-pointed environment variable turns a cleanup helper into data loss. Without ASYNC the server frees every key on its main thread, which is O(N).',
      examples: [
        { client: 'redis-py', file: 'app/admin.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef reset_cache():\n    r.flushdb()\n', good: 'import redis\n\nr = redis.Redis()\n\ndef reset_cache():\n    for key in r.scan_iter(match="cache:*", count=500):\n        r.unlink(key)\n' },
        { client: 'ioredis', file: 'src/admin.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function resetCache() {\n  await redis.flushall();\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function resetCache() {\n  for await (const keys of redis.scanStream({ match: 'cache:*', count: 500 })) if (keys.length) await redis.unlink(...keys);\n}\n" },
        { client: 'node-redis', file: 'src/admin.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function resetCache() {\n  await client.flushDb();\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function resetCache() {\n  for await (const key of client.scanIterator({ MATCH: 'cache:*', COUNT: 500 })) await client.unlink(key);\n}\n" },
        {
          client: 'go-redis',
          file: 'admin/reset.go',
          bad: goFile('admin', ['"context"', '', GO_REDIS], `
func ResetCache(ctx context.Context, rdb *redis.Client) error {
    return rdb.FlushDB(ctx).Err()
}
`),
          good: goFile('admin', ['"context"', '', GO_REDIS], `
func ResetCache(ctx context.Context, rdb *redis.Client) error {
    iter := rdb.Scan(ctx, 0, "cache:*", 500).Iterator()
    for iter.Next(ctx) {
        if err := rdb.Unlink(ctx, iter.Val()).Err(); err != nil {
            return err
        }
    }
    return iter.Err()
}
`),
        },
        {
          client: 'rueidis',
          file: 'admin/reset.go',
          bad: goFile('admin', ['"context"', '', RUEIDIS], `
func ResetCache(ctx context.Context, client rueidis.Client) error {
    return client.Do(ctx, client.B().Flushdb().Build()).Error()
}
`),
          good: goFile('admin', ['"context"', '', RUEIDIS], `
func ResetCache(ctx context.Context, client rueidis.Client, keys []string) error {
    return client.Do(ctx, client.B().Unlink().Key(keys...).Build()).Error()
}
`),
        },
        {
          client: 'redigo',
          file: 'admin/reset.go',
          bad: goFile('admin', [REDIGO], `
func ResetCache(conn redis.Conn) error {
    _, err := conn.Do("FLUSHALL")
    return err
}
`),
          good: goFile('admin', [REDIGO], `
func ResetCache(conn redis.Conn, keys []string) error {
    _, err := conn.Do("UNLINK", redis.Args{}.AddFlat(keys)...)
    return err
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/CacheAdmin.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class CacheAdmin {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void reset() {
        jedis.flushAll();
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled', 'redis.clients.jedis.params.ScanParams', 'redis.clients.jedis.resps.ScanResult'], `
public class CacheAdmin {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void reset() {
        ScanParams params = new ScanParams().match("cache:*").count(500);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                jedis.unlink(page.getResult().toArray(new String[0]));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/CacheAdmin.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class CacheAdmin {
    private final RedisCommands<String, String> commands;

    public CacheAdmin(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void reset() {
        commands.flushdb();
    }
}
`),
          good: javaFile(['io.lettuce.core.ScanArgs', 'io.lettuce.core.ScanIterator', 'io.lettuce.core.api.sync.RedisCommands'], `
public class CacheAdmin {
    private final RedisCommands<String, String> commands;

    public CacheAdmin(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void reset() {
        ScanIterator<String> keys = ScanIterator.scan(commands, ScanArgs.Builder.matches("cache:*").limit(500));
        while (keys.hasNext()) {
            commands.unlink(keys.next());
        }
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/CacheAdmin.java',
          bad: javaFile(['org.redisson.api.RedissonClient'], `
public class CacheAdmin {
    private final RedissonClient redisson;

    public CacheAdmin(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void reset() {
        redisson.getKeys().flushall();
    }
}
`),
          good: javaFile(['org.redisson.api.RedissonClient'], `
public class CacheAdmin {
    private final RedissonClient redisson;

    public CacheAdmin(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public void reset() {
        redisson.getKeys().deleteByPattern("cache:*");
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/CacheAdmin.java',
          bad: javaFile(['org.springframework.data.redis.core.RedisCallback', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class CacheAdmin {
    private final StringRedisTemplate redisTemplate;

    public CacheAdmin(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void reset() {
        redisTemplate.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
    }
}
`),
          good: javaFile(['org.springframework.data.redis.core.Cursor', 'org.springframework.data.redis.core.ScanOptions', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class CacheAdmin {
    private final StringRedisTemplate redisTemplate;

    public CacheAdmin(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void reset() {
        try (Cursor<String> keys = redisTemplate.scan(ScanOptions.scanOptions().match("cache:*").count(500).build())) {
            keys.forEachRemaining(redisTemplate::unlink);
        }
    }
}
`),
        },
      ],
      fix: 'Delete by prefix (SCAN + UNLINK), or move the flush into test setup or an ops script guarded by an environment check and run it with ASYNC. Deny `@dangerous` commands to the application user with an ACL.',
      falsePositives: 'Test setup and teardown are skipped by path; seed scripts under scripts/ get a warning.',
      references: [
        { title: 'FLUSHALL', url: 'https://redis.io/docs/latest/commands/flushall/' },
        { title: 'FLUSHDB', url: 'https://redis.io/docs/latest/commands/flushdb/' },
      ],
    },
  },
  check(context) {
    for (const site of sitesWith(context.model, ['FLUSHALL', 'FLUSHDB'])) {
      context.report({ messageId: 'flush', data: { command: site.command, scope: site.command === 'FLUSHALL' ? ' in every database' : ' in the database' }, span: site.span });
    }
  },
};
