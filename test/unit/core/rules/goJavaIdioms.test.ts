/**
 * Go and Java findings speak each client's own API, and their quick fixes: each fix is applied and the resulting
 * text compared, and shapes where the fix would not be correct get none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../../src/core/findings';
import type { Parsers } from '../../../../src/core/parsing/parsers';
import { RULES, reviewSource } from '../../../../src/core/review';
import { exampleLanguage } from '../../../../src/core/rules/rule';
import { loadParsers } from './parsersForTests';

let parsers: Parsers;
beforeAll(async () => {
  parsers = await loadParsers();
});

function findings(path: string, text: string, ruleId: string): Finding[] {
  const result = reviewSource(parsers, text, { path, language: path.endsWith('.go') ? 'go' : 'java' });
  expect(result.ruleErrors).toEqual([]);
  return result.findings.filter((f) => f.ruleId === ruleId);
}

function only(path: string, text: string, ruleId: string): Finding {
  const found = findings(path, text, ruleId);
  expect(found, found.map((f) => f.message).join('\n')).toHaveLength(1);
  return found[0];
}

function applied(text: string, finding: Finding): string {
  expect(finding.fixes, finding.message).toHaveLength(1);
  let out = text;
  // Back to front; inserts at one offset keep their order in the text, as the editor applies them.
  const edits = finding.fixes![0].edits.map((edit, index) => ({ edit, index })).sort((a, b) => b.edit.startOffset - a.edit.startOffset || b.index - a.index);
  for (const { edit } of edits) out = out.slice(0, edit.startOffset) + edit.newText + out.slice(edit.endOffset);
  const tree = parsers.parse(text.startsWith('package app;') ? 'java' : 'go', out);
  expect(tree.rootNode.hasError, out).toBe(false);
  tree.delete();
  return out;
}

const java = (imports: string[], body: string) => `package app;\n\n${imports.map((i) => `import ${i};\n`).join('')}\npublic class Store {\n${body}}\n`;
const go = (imports: string[], body: string) => `package store\n\nimport (\n${imports.map((i) => `\t${i}\n`).join('')})\n\n${body}`;
const GO_REDIS = ['"context"', '"time"', '', '"github.com/redis/go-redis/v9"'];
const REDIGO = ['"github.com/gomodule/redigo/redis"'];
const RUEIDIS = ['"context"', '', '"github.com/redis/rueidis"'];

describe('Java messages in the client\'s idiom', () => {
  it('KEYS: the receiver\'s own scan, with the pattern as a Java string', () => {
    const jedis = only('src/main/java/app/Store.java', java(['java.util.Set', 'redis.clients.jedis.JedisPooled'], '    private final JedisPooled redis = new JedisPooled();\n\n    Set<String> all() {\n        return redis.keys("user:*");\n    }\n'), 'keys-command');
    expect(jedis.message).toContain('runs KEYS "user:*"');
    expect(jedis.message).toContain('iterate with redis.scan(cursor, new ScanParams().match("user:*").count(500))');
    const spring = only('src/main/java/app/Store.java', java(['java.util.Set', 'org.springframework.data.redis.core.StringRedisTemplate'], '    private StringRedisTemplate stringRedisTemplate;\n\n    Set<String> all() {\n        return stringRedisTemplate.keys("user:*");\n    }\n'), 'keys-command');
    expect(spring.message).toContain('iterate with stringRedisTemplate.scan(ScanOptions.scanOptions().match("user:*").count(500).build())');
  });

  it('whole-collection reads: the paged read of each client', () => {
    const cases: [string[], string, string][] = [
      [['java.util.Set', 'redis.clients.jedis.JedisPooled'], '    private final JedisPooled jedis = new JedisPooled();\n\n    Set<String> all() {\n        return jedis.smembers("online");\n    }\n', 'jedis.sscan("online", cursor, new ScanParams().count(500))'],
      [['java.util.Map', 'io.lettuce.core.api.sync.RedisCommands'], '    private RedisCommands<String, String> sync;\n\n    Map<String, String> all() {\n        return sync.hgetall("payments");\n    }\n', 'ScanIterator.hscan(sync, "payments", ScanArgs.Builder.limit(500))'],
      [['java.util.Map', 'org.springframework.data.redis.core.RedisTemplate'], '    private RedisTemplate<String, Object> redisTemplate;\n\n    Map<Object, Object> all() {\n        return redisTemplate.opsForHash().entries("payments");\n    }\n', 'redisTemplate.opsForHash().scan("payments", ScanOptions.scanOptions().count(500).build())'],
      [['java.util.Set', 'org.redisson.api.RSet', 'org.redisson.api.RedissonClient'], '    private final RSet<String> online;\n\n    Store(RedissonClient redisson) {\n        this.online = redisson.getSet("online");\n    }\n\n    Set<String> all() {\n        return online.readAll();\n    }\n', 'reply of "online"'],
    ];
    for (const [imports, body, expected] of cases) expect(only('src/main/java/app/Store.java', java(imports, body), 'unbounded-collection-read').message).toContain(expected);
  });

  it('streams: the Spring record\'s key and XAddOptions, Redisson\'s StreamAddArgs', () => {
    const spring = only('src/main/java/app/Store.java', java(['java.util.Map', 'org.springframework.data.redis.connection.stream.StreamRecords', 'org.springframework.data.redis.core.StringRedisTemplate'], '    private StringRedisTemplate redisTemplate;\n\n    void publish(String payload) {\n        redisTemplate.opsForStream().add(StreamRecords.newRecord().in("events").ofMap(Map.of("p", payload)));\n    }\n'), 'stream-without-maxlen');
    expect(spring.message).toContain('to the stream "events" without MAXLEN');
    expect(spring.message).toContain('add(record, XAddOptions.maxlen(n).approximateTrimming(true))');
    const redisson = only('src/main/java/app/Store.java', java(['org.redisson.api.RStream', 'org.redisson.api.RedissonClient', 'org.redisson.api.stream.StreamAddArgs'], '    private final RStream<String, String> events;\n\n    Store(RedissonClient redisson) {\n        this.events = redisson.getStream("events");\n    }\n\n    void publish(String payload) {\n        events.add(StreamAddArgs.entry("p", payload));\n    }\n'), 'stream-without-maxlen');
    expect(redisson.message).toContain('to the stream "events" without MAXLEN');
    expect(redisson.message).toContain('StreamAddArgs.entries(...).trimNonStrict().maxLen(n).noLimit()');
  });

  it('lock release: the compare-and-delete script run through the same template', () => {
    const found = only('src/main/java/app/Store.java', java(['org.springframework.data.redis.core.StringRedisTemplate'], '    private StringRedisTemplate lockTemplate;\n\n    void unlock(String job) {\n        lockTemplate.delete("lock:" + job);\n    }\n'), 'lock-release-without-ownership');
    expect(found.message).toContain('lockTemplate.execute(RedisScript.of(script, Long.class), List.of(key), token)');
  });
});

describe('Java quick fixes', () => {
  const JEDIS = ['redis.clients.jedis.JedisPooled'];

  it('Jedis SET then EXPIRE / PEXPIRE → one SET with SetParams, the import added once', () => {
    const text = java(JEDIS, '    private final JedisPooled jedis = new JedisPooled();\n\n    void remember(String token, String user) {\n        jedis.set("token:" + token, user);\n        jedis.pexpire("token:" + token, 60_000);\n    }\n');
    expect(applied(text, only('src/main/java/app/Store.java', text, 'set-then-expire'))).toBe(
      java([...JEDIS, 'redis.clients.jedis.params.SetParams'], '    private final JedisPooled jedis = new JedisPooled();\n\n    void remember(String token, String user) {\n        jedis.set("token:" + token, user, SetParams.setParams().px(60_000));\n    }\n'),
    );
  });

  it('Lettuce SET then EXPIRE(Duration) → SetArgs.Builder.ex(Duration)', () => {
    const imports = ['io.lettuce.core.api.sync.RedisCommands', 'java.time.Duration'];
    const text = java(imports, '    private RedisCommands<String, String> commands;\n\n    void remember(String token, String user) {\n        commands.set("token:" + token, user);\n        commands.expire("token:" + token, Duration.ofHours(1));\n    }\n');
    expect(applied(text, only('src/main/java/app/Store.java', text, 'set-then-expire'))).toBe(
      java([...imports, 'io.lettuce.core.SetArgs'], '    private RedisCommands<String, String> commands;\n\n    void remember(String token, String user) {\n        commands.set("token:" + token, user, SetArgs.Builder.ex(Duration.ofHours(1)));\n    }\n'),
    );
  });

  it('no merge when the TTL is computed between the two calls, or the EXPIRE goes through another client', () => {
    const computed = java(JEDIS, '    private final JedisPooled jedis = new JedisPooled();\n\n    void remember(String token, String user) {\n        jedis.set("token:" + token, user);\n        long ttl = 3600;\n        jedis.expire("token:" + token, ttl);\n    }\n');
    expect(only('src/main/java/app/Store.java', computed, 'set-then-expire').fixes ?? []).toEqual([]);
    const otherTemplate = java(['org.springframework.data.redis.core.RedisTemplate', 'org.springframework.data.redis.core.StringRedisTemplate', 'java.time.Duration'], '    private StringRedisTemplate strings;\n    private RedisTemplate<String, Object> objects;\n\n    void remember(String token, String user) {\n        strings.opsForValue().set("token:" + token, user);\n        objects.expire("token:" + token, Duration.ofHours(1));\n    }\n');
    expect(only('src/main/java/app/Store.java', otherTemplate, 'set-then-expire').fixes ?? []).toEqual([]);
  });

  it('Redisson bucket.set(v) then expire(Duration) on the same bucket → set(v, Duration); another bucket is another key', () => {
    const imports = ['java.time.Duration', 'org.redisson.api.RBucket', 'org.redisson.api.RedissonClient'];
    const body = (expire: string) => `    private RedissonClient redisson;\n\n    void remember(String token, String user) {\n        RBucket<String> bucket = redisson.getBucket("token:" + token);\n        RBucket<String> audit = redisson.getBucket("audit:" + token);\n        bucket.set(user);\n        ${expire}.expire(Duration.ofHours(1));\n    }\n`;
    const text = java(imports, body('bucket'));
    const found = only('src/main/java/app/Store.java', text, 'set-then-expire');
    expect(found.message).toMatch(/^bucket\.set\(…\) writes "token:" \+ token and a separate EXPIRE/);
    expect(applied(text, found)).toBe(java(imports, '    private RedissonClient redisson;\n\n    void remember(String token, String user) {\n        RBucket<String> bucket = redisson.getBucket("token:" + token);\n        RBucket<String> audit = redisson.getBucket("audit:" + token);\n        bucket.set(user, Duration.ofHours(1));\n    }\n'));
    expect(findings('src/main/java/app/Store.java', java(imports, body('audit')), 'set-then-expire')).toEqual([]);
  });

  it('Redisson delete() of a collection this file fills → unlink(), named by the object\'s key', () => {
    const imports = ['org.redisson.api.RSet', 'org.redisson.api.RedissonClient'];
    const body = (call: string) => `    private final RSet<String> online;\n\n    Store(RedissonClient redisson) {\n        this.online = redisson.getSet("online");\n    }\n\n    void join(String user) {\n        online.add(user);\n    }\n\n    void reset() {\n        online.${call}();\n    }\n`;
    const found = only('src/main/java/app/Store.java', java(imports, body('delete')), 'del-large-key');
    expect(found.message).toContain('deletes the set "online" (filled with SADD here)');
    expect(applied(java(imports, body('delete')), found)).toBe(java(imports, body('unlink')));
  });

  it('Lettuce KEYS on the synchronous API → ScanIterator collected into the same List; none on the async API', () => {
    const text = java(['io.lettuce.core.api.sync.RedisCommands', 'java.util.List'], '    private RedisCommands<String, String> commands;\n\n    List<String> all() {\n        return commands.keys("user:*");\n    }\n');
    expect(applied(text, only('src/main/java/app/Store.java', text, 'keys-command'))).toBe(
      java(['io.lettuce.core.api.sync.RedisCommands', 'java.util.List', 'io.lettuce.core.ScanIterator', 'io.lettuce.core.ScanArgs', 'java.util.stream.Collectors'], '    private RedisCommands<String, String> commands;\n\n    List<String> all() {\n        return ScanIterator.scan(commands, ScanArgs.Builder.matches("user:*").limit(500)).stream().collect(Collectors.toList());\n    }\n'),
    );
    const async = java(['io.lettuce.core.RedisFuture', 'io.lettuce.core.api.async.RedisAsyncCommands', 'java.util.List'], '    private RedisAsyncCommands<String, String> commands;\n\n    RedisFuture<List<String>> all() {\n        return commands.keys("user:*");\n    }\n');
    expect(only('src/main/java/app/Store.java', async, 'keys-command').fixes ?? []).toEqual([]);
  });
});

describe('Go messages in the client\'s idiom', () => {
  it('rueidis calls are named by their client, not the builder chain', () => {
    const found = only('store/store.go', go(RUEIDIS, 'func History(ctx context.Context, client rueidis.Client) ([]string, error) {\n\treturn client.Do(ctx, client.B().Lrange().Key("history").Start(0).Stop(-1).Build()).AsStrSlice()\n}\n'), 'unbounded-collection-read');
    expect(found.message).toMatch(/^client\.B\(\)\.Lrange\(\)… reads the whole collection/);
    expect(found.message).toContain('`.Start(start).Stop(start + 99)` in pages');
  });

  it('whole reads, streams and lock releases in the go-redis and redigo spellings', () => {
    const hash = only('store/store.go', go(GO_REDIS, 'func All(ctx context.Context, rdb *redis.Client) map[string]string {\n\treturn rdb.HGetAll(ctx, "payments").Val()\n}\n'), 'unbounded-collection-read');
    expect(hash.message).toContain('page it with HSCAN (`rdb.HScan(ctx, "payments", 0, "", 500).Iterator()`)');
    const stream = only('store/store.go', go(GO_REDIS, 'func Publish(ctx context.Context, rdb *redis.Client, p string) error {\n\treturn rdb.XAdd(ctx, &redis.XAddArgs{\n\t\tStream: "events",\n\t\tValues: map[string]any{"p": p},\n\t}).Err()\n}\n'), 'stream-without-maxlen');
    expect(stream.message).toMatch(/^XADD to "events" without MAXLEN/);
    const release = only('store/store.go', go(REDIGO, 'func ReleaseLock(conn redis.Conn, job string) error {\n\t_, err := conn.Do("DEL", "lock:"+job)\n\treturn err\n}\n'), 'lock-release-without-ownership');
    expect(release.message).toContain('`redis.NewScript(1, src).Do(conn, key, token)`');
  });

  it('set-then-expire says how this client writes the TTL with the value', () => {
    const redigo = only('store/store.go', go(REDIGO, 'func Remember(conn redis.Conn, token string) error {\n\tif _, err := conn.Do("SET", "token:"+token, "1"); err != nil {\n\t\treturn err\n\t}\n\t_, err := conn.Do("EXPIRE", "token:"+token, 3600)\n\treturn err\n}\n'), 'set-then-expire');
    expect(redigo.message).toContain('`Do("SET", key, value, "EX", seconds)`');
    const incr = only('store/store.go', go(GO_REDIS, 'func Hit(ctx context.Context, rdb *redis.Client, user string) error {\n\trdb.Incr(ctx, "rate:"+user)\n\treturn rdb.Expire(ctx, "rate:"+user, time.Minute).Err()\n}\n'), 'set-then-expire');
    expect(incr.message).toContain('`rdb.TxPipelined(ctx, …)`');
  });
});

describe('Go quick fixes', () => {
  it('redigo SET then EXPIRE / PEXPIRE statements → one SET with EX / PX', () => {
    const text = go(REDIGO, 'func Remember(conn redis.Conn, token string) error {\n\tif _, err := conn.Do("SET", "token:"+token, "1"); err != nil {\n\t\treturn err\n\t}\n\tconn.Do("PEXPIRE", "token:"+token, 60000)\n\treturn nil\n}\n');
    expect(applied(text, only('store/store.go', text, 'set-then-expire'))).toBe(go(REDIGO, 'func Remember(conn redis.Conn, token string) error {\n\tif _, err := conn.Do("SET", "token:"+token, "1", "PX", 60000); err != nil {\n\t\treturn err\n\t}\n\treturn nil\n}\n'));
  });

  it('go-redis SET(…, 0) then Expire → SET with the TTL; none when the TTL is assigned in between or the EXPIRE result is used', () => {
    const text = go(GO_REDIS, 'func Remember(ctx context.Context, rdb *redis.Client, token string) {\n\trdb.Set(ctx, "token:"+token, "1", 0)\n\trdb.Expire(ctx, "token:"+token, time.Hour)\n}\n');
    expect(applied(text, only('store/store.go', text, 'set-then-expire'))).toBe(go(GO_REDIS, 'func Remember(ctx context.Context, rdb *redis.Client, token string) {\n\trdb.Set(ctx, "token:"+token, "1", time.Hour)\n}\n'));
    const assigned = go(GO_REDIS, 'func Remember(ctx context.Context, rdb *redis.Client, token string) {\n\trdb.Set(ctx, "token:"+token, "1", 0)\n\tttl := time.Hour\n\trdb.Expire(ctx, "token:"+token, ttl)\n}\n');
    expect(only('store/store.go', assigned, 'set-then-expire').fixes ?? []).toEqual([]);
    const used = go(GO_REDIS, 'func Remember(ctx context.Context, rdb *redis.Client, token string) error {\n\trdb.Set(ctx, "token:"+token, "1", 0)\n\treturn rdb.Expire(ctx, "token:"+token, time.Hour).Err()\n}\n');
    expect(only('store/store.go', used, 'set-then-expire').fixes ?? []).toEqual([]);
  });

  it('rueidis DEL of a collection → the UNLINK builder with the same keys', () => {
    const text = go(RUEIDIS, 'func Add(ctx context.Context, client rueidis.Client, p string) {\n\tclient.Do(ctx, client.B().Sadd().Key("online").Member(p).Build())\n}\n\nfunc Reset(ctx context.Context, client rueidis.Client) error {\n\treturn client.Do(ctx, client.B().Del().Key("online").Build()).Error()\n}\n');
    const found = only('store/store.go', text, 'del-large-key');
    expect(found.message).toContain('use client.B().Unlink()…');
    expect(applied(text, found)).toContain('client.B().Unlink().Key("online").Build()');
  });
});

describe('Go and Java docs examples', () => {
  it('parse without syntax errors, bad and good alike', () => {
    let count = 0;
    for (const { meta } of RULES) {
      for (const example of meta.docs.examples) {
        const language = exampleLanguage(example);
        if (language !== 'go' && language !== 'java') continue;
        for (const text of [example.bad, example.good]) {
          const tree = parsers.parse(language, text);
          expect(tree.rootNode.hasError, `${meta.id} ${example.client}:\n${text}`).toBe(false);
          tree.delete();
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(200);
  });
});
