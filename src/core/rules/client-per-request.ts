/** client-per-request: creating a client (and a connection pool) inside a request handler or loop. */
import type { FileModel, FunctionInfo } from '../analysis/model';
import { positionAt, spanFromOffsets } from '../analysis/spans';
import type { ClientCreation, Rule } from './rule';
import { assignsOuterVariable, cachedByDecorator, clientPerCall, localBinding, returnedDirectly, yieldsAsDependency } from './support/perCallClients';
import { callFromRequest, requestScopes, type RequestScopes } from './support/requestScopes';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

/** `from django_redis import get_redis_connection`, `import django_redis`. */
const DJANGO_REDIS_IMPORT = /^\s*(?:from\s+django_redis\s+import\b[^\n]*\bget_redis_connection\b|import\s+django_redis\b)/m;

/** True when the creation depends on per-iteration values (a host per node), not only constants or env lookups. */
function argumentsVary(creation: ClientCreation): boolean {
  const values = [...creation.args, ...Object.values(creation.options)].filter((arg) => arg.value.kind !== 'object');
  return values.some((arg) => ['name', 'unknown', 'pattern'].includes(arg.value.kind) && !/^(process\.env|os\.environ|os\.getenv|settings\.|config\.)/.test(arg.text));
}

/** A command is sent on the variable between two offsets of the function: the client bound first was used. */
function usedBetween(model: FileModel, name: string, fn: FunctionInfo, from: number, to: number): boolean {
  return model.callSites.some((site) => site.receiver.text === name && site.enclosingFunction?.span.startOffset === fn.span.startOffset && site.callSpan.startOffset > from && site.callSpan.startOffset < to);
}

export const clientPerRequest: Rule = {
  meta: {
    id: 'client-per-request',
    code: 'RR202',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    subject: 'clients',
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      handler: '{{factory}} creates a new Redis client on every call of the handler {{function}}: a TCP{{tls}} handshake and AUTH each time{{pool}}, and sockets that leak unless closed. Create the client once at module level and reuse it.',
      indirect: '{{factory}} creates a new Redis client on every call of {{function}}, and {{how}}: a TCP{{tls}} handshake and AUTH per request{{pool}}, and sockets that leak unless closed. Create the client once at module or application scope and reuse it.',
      loop: '{{factory}} creates a new Redis client on every iteration of this loop; create it once before the loop and reuse it.',
      perCall: '{{factory}} creates a new Redis client on every call of {{function}}, which {{how}}: a TCP{{tls}} handshake and AUTH per call{{pool}}, and sockets that leak unless closed. Create the client once at module or application scope and reuse it.',
    },
    docs: {
      summary: 'Creating Redis clients per request or per iteration exhausts connections.',
      what: 'Reports client construction (redis.Redis/from_url/RedisCluster, new Redis/Cluster, createClient/createCluster) inside code that runs per request — request handlers (route-decorated functions, Express-style callbacks, functions taking req/res), callbacks nested in them, per-connection callbacks (`wss.on(\'connection\', …)`), FastAPI dependencies (`Depends(get_conn)`, also one that returns the new client rather than yielding it), dishka provider methods run per request (`@provide(scope=Scope.REQUEST)`, or `@provide` in a provider class whose `scope = Scope.REQUEST`; also ACTION, STEP and SESSION), and helpers of the same file that such code calls — or inside loops, unless the client is stored on self/this. Also a client a named function (or a chat bot\'s command module, `module.exports = (args, msg) => { ... }`, run per message) creates for itself and closes (`quit()`/`close()`, a `with` block) or uses and drops before returning (also in a for-loop over the items at hand: only a worker\'s while loop or a subscription keeps it longer), and a factory whose fresh client (bound to a name, or returned as it is made: `return redis.Redis(...)`) a function of the same file uses and drops (`client = get_client()` in `with_lock()`): every call of that function pays for a new client (two, when it binds its variable to a second new client after using the first). For redigo, which has no client object, a connection a function dials (`redis.Dial`) and closes again before returning counts as such a client, unless the function is main, a pool\'s Dial func, a constructor handing the connection back, a subscriber keeping it for an endless receive loop, or a helper only start-up code calls. In Go, a factory another file of the same package defines (`client, err := connect()`, where connect() constructs a go-redis or rueidis client and returns it, also as it makes it: `return redis.NewClient(…)`), or this file defines, counts as the constructor it calls: a request handler calling it, a function that closes what it returned and is no constructor or start-up code, or a function that only calls methods on it (`rdb := newLabClient(); return rdb.Get(ctx, "lab").Result()`, `newLabClient().Subscribe(…)`: never returned, stored or handed on) and is no start-up code, makes a client per call; a factory that keeps its client (a package variable, a sync.Once, a map of clients, a nil check of a kept one) hands out a shared one. A Go function that closes its new client only when the health check fails (`if err := c.Ping(ctx).Err(); err != nil { c.Close(); return nil, err }`) and returns it otherwise is such a constructor.',
      why: 'Each client opens its own connection (redis-py: its own connection pool): TCP, TLS and AUTH/HELLO handshakes on every request, connection storms against maxclients, and sockets leaking when the client is not closed.',
      examples: [
        { client: 'redis-py', file: 'app/api.py', bad: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get("/count")\ndef count():\n    r = redis.Redis(host="localhost")\n    return r.incr("hits")\n', good: 'import redis\nfrom fastapi import FastAPI\n\napp = FastAPI()\nr = redis.Redis(host="localhost")\n\n@app.get("/count")\ndef count():\n    return r.incr("hits")\n' },
        { client: 'ioredis', file: 'src/api.ts', bad: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\napp.get('/count', async (req, res) => {\n  const redis = new Redis();\n  redis.on('error', console.error);\n  res.json(await redis.incr('hits'));\n});\n", good: IMPORT_IOREDIS + "import express from 'express';\n\nconst app = express();\nconst redis = new Redis();\nredis.on('error', console.error);\napp.get('/count', async (req, res) => {\n  res.json(await redis.incr('hits'));\n});\n" },
        { client: 'node-redis', file: 'src/api.ts', bad: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\napp.post('/hit', async (req, res) => {\n  const client = await createClient().on('error', console.error).connect();\n  res.json(await client.incr('hits'));\n});\n", good: "import { createClient } from 'redis';\nimport express from 'express';\n\nconst app = express();\nconst client = await createClient().on('error', console.error).connect();\napp.post('/hit', async (req, res) => {\n  res.json(await client.incr('hits'));\n});\n" },
        {
          client: 'go-redis',
          file: 'api/visits.go',
          bad: goFile('api', ['"net/http"', '', GO_REDIS], `
func Visit(w http.ResponseWriter, r *http.Request) {
    rdb := redis.NewClient(&redis.Options{Addr: "localhost:6379"})
    defer rdb.Close()
    rdb.Incr(r.Context(), "visits")
}
`),
          good: goFile('api', ['"net/http"', '', GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{Addr: "localhost:6379"})

func Visit(w http.ResponseWriter, r *http.Request) {
    rdb.Incr(r.Context(), "visits")
}
`),
        },
        {
          client: 'rueidis',
          file: 'api/visits.go',
          bad: goFile('api', ['"net/http"', '', RUEIDIS], `
func Visit(w http.ResponseWriter, r *http.Request) {
    client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}})
    if err != nil {
        http.Error(w, err.Error(), http.StatusServiceUnavailable)
        return
    }
    defer client.Close()
    client.Do(r.Context(), client.B().Incr().Key("visits").Build())
}
`),
          good: goFile('api', ['"net/http"', '', RUEIDIS], `
type API struct {
    client rueidis.Client
}

func NewAPI() (*API, error) {
    client, err := rueidis.NewClient(rueidis.ClientOption{InitAddress: []string{"localhost:6379"}})
    if err != nil {
        return nil, err
    }
    return &API{client: client}, nil
}

func (a *API) Visit(w http.ResponseWriter, r *http.Request) {
    a.client.Do(r.Context(), a.client.B().Incr().Key("visits").Build())
}
`),
        },
        {
          client: 'redigo',
          file: 'api/visits.go',
          bad: goFile('api', ['"net/http"', '"time"', '', REDIGO], `
func Visit(w http.ResponseWriter, r *http.Request) {
    pool := &redis.Pool{
        MaxIdle: 10,
        Dial: func() (redis.Conn, error) {
            return redis.Dial("tcp", "localhost:6379", redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))
        },
    }
    defer pool.Close()
    conn := pool.Get()
    defer conn.Close()
    conn.Do("INCR", "visits")
}
`),
          good: goFile('api', ['"net/http"', '"time"', '', REDIGO], `
var pool = &redis.Pool{
    MaxIdle: 10,
    Dial: func() (redis.Conn, error) {
        return redis.Dial("tcp", "localhost:6379", redis.DialReadTimeout(time.Second), redis.DialWriteTimeout(time.Second))
    },
}

func Visit(w http.ResponseWriter, r *http.Request) {
    conn := pool.Get()
    defer conn.Close()
    conn.Do("INCR", "visits")
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/VisitController.java',
          bad: javaFile(['org.springframework.web.bind.annotation.PostMapping', 'org.springframework.web.bind.annotation.RestController', 'redis.clients.jedis.JedisPooled'], `
@RestController
public class VisitController {
    @PostMapping("/visits")
    public long visit() {
        JedisPooled jedis = new JedisPooled("localhost", 6379);
        return jedis.incr("visits");
    }
}
`),
          good: javaFile(['org.springframework.web.bind.annotation.PostMapping', 'org.springframework.web.bind.annotation.RestController', 'redis.clients.jedis.JedisPooled'], `
@RestController
public class VisitController {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    @PostMapping("/visits")
    public long visit() {
        return jedis.incr("visits");
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Visits.java',
          bad: javaFile(['io.lettuce.core.RedisClient', 'io.lettuce.core.api.StatefulRedisConnection'], `
public class Visits {
    private final RedisClient client = RedisClient.create("redis://localhost:6379");

    public long visit() {
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return connection.sync().incr("visits");
        }
    }
}
`),
          good: javaFile(['io.lettuce.core.RedisClient', 'io.lettuce.core.api.StatefulRedisConnection'], `
public class Visits {
    private final RedisClient client = RedisClient.create("redis://localhost:6379");
    private final StatefulRedisConnection<String, String> connection = client.connect();

    public long visit() {
        return connection.sync().incr("visits");
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/JobLocks.java',
          bad: javaFile(['org.redisson.Redisson', 'org.redisson.api.RLock', 'org.redisson.api.RedissonClient', 'org.redisson.config.Config', 'java.util.concurrent.TimeUnit'], `
public class JobLocks {
    public boolean tryRun(String job) throws InterruptedException {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://localhost:6379");
        RedissonClient redisson = Redisson.create(config);
        RLock lock = redisson.getLock("lock:job:" + job);
        return lock.tryLock(1, 30, TimeUnit.SECONDS);
    }
}
`),
          good: javaFile(['org.redisson.api.RLock', 'org.redisson.api.RedissonClient', 'java.util.concurrent.TimeUnit'], `
public class JobLocks {
    private final RedissonClient redisson;

    public JobLocks(RedissonClient redisson) {
        this.redisson = redisson;
    }

    public boolean tryRun(String job) throws InterruptedException {
        RLock lock = redisson.getLock("lock:job:" + job);
        return lock.tryLock(1, 30, TimeUnit.SECONDS);
    }
}
`),
        },
      ],
      fix: 'Hoist the client to module or application scope (or dependency injection) and reuse it; redis-py clients are thread-safe and pool connections, ioredis and node-redis multiplex one connection.',
      falsePositives: 'Clients created in constructors and stored on self/this, django-redis `get_redis_connection(alias)` (it returns the cache\'s own client), factories that return the client, generators that yield it to their caller (context managers, container resources; a FastAPI dependency still counts, so does a Python generator from which a function of the same file takes one client with `next()`/`anext()` and drops it (`redis = await anext(get_redis_session())`, then `redis.close()`), also a yielding `get_*` in a FastAPI module, but not a `create_*`/`make_*` provider in a module without `Depends()`), clients of cron job folders (scripts), `duplicate()` for subscribers, lazily created shared clients (assigned to a module variable or a `global`), `@lru_cache`d factories and redis-py clients over a shared `connection_pool` are not reported; neither are clients of entry points and set-up functions (`main`, `init_*`, `setup*`, anonymous start-up callbacks, JS constructor functions, functions a top-level statement calls, and in Python scripts functions that only such functions call: `post_data()` called by the `run()` the script ends with) or of functions that use them in a loop (workers, consumers). Serverless handlers should cache the client in a global.',
      references: [
        { title: 'redis-py: connection pools', url: 'https://redis.readthedocs.io/en/stable/connections.html' },
        { title: 'Azure Cache for Redis: reuse connections', url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-best-practices-development' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    let scopes: RequestScopes | undefined;
    const reportedPerCall = new Map<string, number>();
    for (const creation of model.creations) {
      if (creation.moduleLevel || !creation.enclosingFunction || creation.factory === 'duplicate' || creation.factory === 'master_for' || creation.factory === 'slave_for') continue;
      if (creation.kind === 'sentinel') continue;
      if (creation.binding?.startsWith('this.')) continue;
      // redis-py clients over a shared pool borrow its connections: creating one is cheap.
      if (creation.options.connection_pool) continue;
      // A client handed to other code is theirs to keep. A factory's result is judged by its callers: FastAPI, when
      // the factory is handed to Depends() (`def get_redis(): return from_url(url)`), calls it for every request
      // that depends on it; a request handler or a function of this file that uses the client and drops it as well.
      if (creation.escapes && !creation.binding && !returnedDirectly(model, creation)) continue;
      // django-redis's get_redis_connection(alias) hands out the cache's own client, created once per process.
      if (/(?:^|\.)get_redis_connection$/.test(creation.factory) && DJANGO_REDIS_IMPORT.test(model.text)) continue;
      // `if (!client) client = new Redis()` on a module variable, or `global _client`: created once, then reused.
      if (assignsOuterVariable(model, creation)) continue;
      const data = {
        factory: creation.factory,
        function: creation.enclosingFunction.name,
        tls: /rediss:|tls|ssl/i.test(creation.args.map((a) => a.text).join(' ') + Object.keys(creation.options).join(' ')) ? '/TLS' : '',
        pool: creation.library === 'redis-py' && creation.kind !== 'pool' ? ' (and a whole new connection pool)' : '',
      };
      if (creation.loop) {
        // One client per host while iterating over hosts is legitimate: only constant arguments make it waste.
        if (!argumentsVary(creation)) context.report({ messageId: 'loop', data, span: creation.span });
        continue;
      }
      if (creation.enclosingFunction.isRequestHandler) {
        context.report({ messageId: 'handler', data, span: creation.span });
        continue;
      }
      if (cachedByDecorator(model, creation.enclosingFunction)) continue;
      scopes ??= requestScopes(model, [...model.callSites, ...model.creations].map((site) => site.enclosingFunction).filter((f): f is FunctionInfo => f !== undefined));
      const at = creation.callSpan.startOffset;
      if (scopes.providers.some((range) => range.start <= at && at <= range.end)) {
        context.report({ messageId: 'indirect', data: { ...data, how: 'dishka provides it anew in every request scope' }, span: creation.span });
        continue;
      }
      if (model.language === 'python' && (scopes.dependencies.has(creation.enclosingFunction.name) || yieldsAsDependency(model, creation))) {
        context.report({ messageId: 'indirect', data: { ...data, how: 'FastAPI calls it for every request that depends on it' }, span: creation.span });
        continue;
      }
      const call = callFromRequest(model, scopes, creation.enclosingFunction);
      if (call !== undefined) {
        context.report({
          messageId: 'indirect',
          data: { ...data, how: `a request handler calls it on line ${positionAt(model.text, call).line + 1}` },
          span: creation.span,
          related: [{ span: spanFromOffsets(model.text, call, call + creation.enclosingFunction.name.length), message: `called per request here` }],
        });
        continue;
      }
      const perCall = clientPerCall(model, creation, [...model.callSites, ...context.helperCalls]);
      // Alternatives of one variable (`prod ? createClient(a) : createClient(b)`) are one client per call; a variable
      // bound to a new client after the first one was used (`r = from_url(); r.get(k) ... r = from_url(); r.set(k)`) is a second.
      const variable = perCall && `${creation.enclosingFunction.span.startOffset}:${localBinding(model, creation)}`;
      const previous = variable ? reportedPerCall.get(variable) : undefined;
      if (previous !== undefined && !usedBetween(model, localBinding(model, creation)!, creation.enclosingFunction, previous, creation.callSpan.startOffset)) continue;
      if (variable) reportedPerCall.set(variable, creation.callSpan.endOffset);
      if (perCall) context.report({ messageId: 'perCall', data: { ...data, function: perCall.function, how: perCall.how }, span: creation.span, related: perCall.related });
    }
  },
};
