/** connection-not-returned: a pooled or dedicated connection taken in code and not given back on every path. */
import type { Rule } from './rule';
import { javaConnectionNotReturned } from './java/javaConnectionChecks';
import { REDIGO, goFile } from './exampleFiles';

export const connectionNotReturned: Rule = {
  meta: {
    id: 'connection-not-returned',
    code: 'RR209',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['java'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      jedis: '{{call}}() borrows a Jedis from the pool{{where}} and not every path gives it back: an exception (or a missing close) leaks it, and the pool runs dry. Use try (Jedis jedis = pool.getResource()) { … }, or close() it in finally.',
      lettuce: '{{call}}() opens a Lettuce connection{{where}} that is never closed: each one holds a socket and event-loop resources. Close it (try-with-resources), or better, connect once and share the connection.',
    },
    docs: {
      summary: 'A Jedis borrowed from a pool, or a Lettuce connection, that some path never gives back.',
      what: 'Reports, in Java, a `JedisPool.getResource()` (or a project `getJedis()` helper) whose Jedis is not closed or returned in a `finally` block or by try-with-resources — a `close()`/`returnResource` only on the success path counts as a leak unless the `catch` path returns it too — and a Lettuce `client.connect()` whose connection is never closed. The finding sits on the call that takes the connection.',
      why: 'A pool has a fixed number of connections. Each borrow that an exception skips past the release leaks one; after `maxTotal` leaks every `getResource()` blocks or fails and the service stops talking to Redis. Unclosed Lettuce connections keep sockets and buffers alive until the process exits.',
      examples: [
        {
          client: 'jedis',
          file: 'src/main/java/app/Counter.java',
          bad: 'import redis.clients.jedis.Jedis;\nimport redis.clients.jedis.JedisPool;\n\npublic class Counter {\n    private final JedisPool pool = new JedisPool("localhost", 6379);\n\n    public long hit(String page) {\n        Jedis jedis = pool.getResource();\n        long count = jedis.incr("hits:" + page);\n        jedis.close();\n        return count;\n    }\n}\n',
          good: 'import redis.clients.jedis.Jedis;\nimport redis.clients.jedis.JedisPool;\n\npublic class Counter {\n    private final JedisPool pool = new JedisPool("localhost", 6379);\n\n    public long hit(String page) {\n        try (Jedis jedis = pool.getResource()) {\n            return jedis.incr("hits:" + page);\n        }\n    }\n}\n',
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Sessions.java',
          bad: 'import io.lettuce.core.RedisClient;\nimport io.lettuce.core.api.StatefulRedisConnection;\n\npublic class Sessions {\n    private final RedisClient client = RedisClient.create("redis://localhost:6379");\n\n    public String load(String id) {\n        StatefulRedisConnection<String, String> connection = client.connect();\n        return connection.sync().get("session:" + id);\n    }\n}\n',
          good: 'import io.lettuce.core.RedisClient;\nimport io.lettuce.core.api.StatefulRedisConnection;\n\npublic class Sessions {\n    private final RedisClient client = RedisClient.create("redis://localhost:6379");\n    private final StatefulRedisConnection<String, String> connection = client.connect();\n\n    public String load(String id) {\n        return connection.sync().get("session:" + id);\n    }\n}\n',
        },
        {
          client: 'redigo',
          file: 'counter/counter.go',
          bad: goFile('counter', [REDIGO], `
type Counter struct {
    pool *redis.Pool
}

func (c *Counter) Hit(page string) (int64, error) {
    conn := c.pool.Get()
    return redis.Int64(conn.Do("INCR", "hits:"+page))
}
`),
          good: goFile('counter', [REDIGO], `
type Counter struct {
    pool *redis.Pool
}

func (c *Counter) Hit(page string) (int64, error) {
    conn := c.pool.Get()
    defer conn.Close()
    return redis.Int64(conn.Do("INCR", "hits:"+page))
}
`),
        },
      ],
      fix: 'Borrow in try-with-resources (`try (Jedis jedis = pool.getResource()) { ... }`), or close in `finally`. For Lettuce, connect once and share the thread-safe connection; close it when the application stops.',
      falsePositives: 'Not reported: a connection returned to the caller (`getJedis()` helpers) or kept in a field, a dedicated pub/sub connection (`connectPubSub()`), and a one-shot `main` that closes or shuts the client down at the end.',
      references: [
        { title: 'Jedis: using a JedisPool', url: 'https://redis.io/docs/latest/develop/clients/jedis/connect/' },
        { title: 'Lettuce: connection lifecycle', url: 'https://redis.github.io/lettuce/user-guide/connecting-redis/' },
      ],
    },
  },
  check: javaConnectionNotReturned,
};
