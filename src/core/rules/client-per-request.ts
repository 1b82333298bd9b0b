/** client-per-request: creating a client (and a connection pool) inside a request handler or loop. */
import type { FileModel, FunctionInfo } from '../analysis/model';
import { positionAt, spanFromOffsets } from '../analysis/spans';
import type { Span } from '../findings';
import type { ClientCreation, RedisCallSite, Rule } from './rule';
import { callFromRequest, requestScopes, type RequestScopes } from './support/requestScopes';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

/** True when the creation depends on per-iteration values (a host per node), not only constants or env lookups. */
/** `from django_redis import get_redis_connection`, `import django_redis`. */
const DJANGO_REDIS_IMPORT = /^\s*(?:from\s+django_redis\s+import\b[^\n]*\bget_redis_connection\b|import\s+django_redis\b)/m;

function argumentsVary(creation: ClientCreation): boolean {
  const values = [...creation.args, ...Object.values(creation.options)].filter((arg) => arg.value.kind !== 'object');
  return values.some((arg) => ['name', 'unknown', 'pattern'].includes(arg.value.kind) && !/^(process\.env|os\.environ|os\.getenv|settings\.|config\.)/.test(arg.text));
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
      what: 'Reports client construction (redis.Redis/from_url/RedisCluster, new Redis/Cluster, createClient/createCluster) inside code that runs per request — request handlers (route-decorated functions, Express-style callbacks, functions taking req/res), callbacks nested in them, per-connection callbacks (`wss.on(\'connection\', …)`), FastAPI dependencies (`Depends(get_conn)`), and helpers of the same file that such code calls — or inside loops, unless the client is stored on self/this. Also a client a named function creates for itself and closes (`quit()`/`close()`, a `with` block) or uses and drops before returning (also in a for-loop over the items at hand: only a worker\'s while loop or a subscription keeps it longer), and a factory whose fresh client a function of the same file uses and drops (`client = get_client()` in `with_lock()`): every call of that function pays for a new client.',
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
      falsePositives: 'Clients created in constructors and stored on self/this, django-redis `get_redis_connection(alias)` (it returns the cache\'s own client), factories that return the client, generators that yield it to their caller (context managers, container resources; a FastAPI dependency still counts, also a yielding `get_*` in a FastAPI module, but not a `create_*`/`make_*` provider in a module without `Depends()`), clients of cron job folders (scripts), `duplicate()` for subscribers, lazily created shared clients (assigned to a module variable or a `global`), `@lru_cache`d factories and redis-py clients over a shared `connection_pool` are not reported; neither are clients of entry points and set-up functions (`main`, `init_*`, `setup*`, anonymous start-up callbacks, JS constructor functions, functions a top-level statement calls) or of functions that use them in a loop (workers, consumers). Serverless handlers should cache the client in a global.',
      references: [
        { title: 'redis-py: connection pools', url: 'https://redis.readthedocs.io/en/stable/connections.html' },
        { title: 'Azure Cache for Redis: reuse connections', url: 'https://learn.microsoft.com/azure/azure-cache-for-redis/cache-best-practices-development' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    let scopes: RequestScopes | undefined;
    const reportedPerCall = new Set<string>();
    for (const creation of model.creations) {
      if (creation.moduleLevel || !creation.enclosingFunction || creation.factory === 'duplicate' || creation.factory === 'master_for' || creation.factory === 'slave_for') continue;
      if (creation.kind === 'sentinel') continue;
      if (creation.binding?.startsWith('this.') || (creation.escapes && !creation.binding)) continue;
      // redis-py clients over a shared pool borrow its connections: creating one is cheap.
      if (creation.options.connection_pool) continue;
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
      // Alternatives of one variable (`prod ? createClient(a) : createClient(b)`) are one client per call.
      const variable = perCall && `${creation.enclosingFunction.span.startOffset}:${localBinding(model, creation)}`;
      if (variable && reportedPerCall.has(variable)) continue;
      if (variable) reportedPerCall.add(variable);
      if (perCall) context.report({ messageId: 'perCall', data: { ...data, function: perCall.function, how: perCall.how }, span: creation.span, related: perCall.related });
    }
  },
};

/** Functions that run once (entry points, setup, lifecycle hooks): a client made there is made once. */
const ONE_TIME_FUNCTION = /^_*(main|init\w*|setup\w*|set_up\w*|start\w*|bootstrap\w*|configure\w*|create_app|make_app|build_app|run|cli|migrate\w*|seed\w*|on_startup|lifespan|initiali[sz]e\w*|register\w*|install\w*|wait_for\w*|test\w*|populate\w*|load_fixtures|constructor|ready|on_ready|worker|consumer|consume|listen\w*|subscribe\w*|serve\w*|daemon\w*|loop)$/i;
const SUBSCRIPTIONS = new Set(['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'MONITOR']);
const CLOSE_CALL = /\.\s*(quit|disconnect|close|aclose|destroy)\s*\(/;

/** The local variable a creation is assigned to, also through a conditional (`const c = prod ? createClient(a) : createClient(b)`). */
function localBinding(model: FileModel, creation: ClientCreation): string | undefined {
  if (creation.binding) return /^[A-Za-z_$][\w$]*$/.test(creation.binding) ? creation.binding : undefined;
  const before = model.text.slice(Math.max(0, creation.callSpan.startOffset - 300), creation.callSpan.startOffset);
  return /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]*)?=(?!=)[^;]*$/.exec(before)?.[1];
}

/** Returned inside a closure (`return () => client.quit()`): the client outlives the call. */
function returnedInClosure(body: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`\\breturn\\s+(async\\s+)?(function\\b|\\([^)]*\\)\\s*=>|[\\w$]+\\s*=>|lambda\\b)[^\\n]*\\b${n}\\b`).test(body);
}

/** The name leaves the function: returned, yielded, stored on self/this, in a global, or handed to another call. */
function leaves(body: string, name: string): boolean {
  const n = name.replace(/\$/g, '\\$');
  if (returnedInClosure(body, name)) return true;
  return new RegExp(`\\b(return|yield)\\s+(await\\s+)?${n}\\b(?!\\s*[.(\\[])|[\\w$.\\]]\\s*=\\s*${n}\\s*($|[;,)\\n])|[(,]\\s*${n}\\s*[,)]|^[ \\t]*(global|nonlocal)\\b[^\\n]*\\b${n}\\b`, 'm').test(body);
}

/**
 * A client the function creates for itself and drops (or closes) before it returns: every call of the function pays
 * for a new client. Or a factory that returns a fresh client to a caller of this file that uses and drops it.
 */
function clientPerCall(model: FileModel, creation: ClientCreation, sites: readonly RedisCallSite[]): { function: string; how: string; related?: { span: Span; message: string }[] } | undefined {
  const fn = creation.enclosingFunction;
  // Anonymous functions (an IIFE, a plugin callback) and JS constructor functions (`function Driver()`) run once per object or program.
  if (!fn || ONE_TIME_FUNCTION.test(fn.name) || !/^[A-Za-z_$][\w$]*$/.test(fn.name) || (model.language !== 'python' && /^[A-Z]/.test(fn.name))) return undefined;
  // Called by a top-level statement of the file (`warmUp();`): it runs once at start-up.
  if (new RegExp(`^(?:await[ \\t]+)?(?:void[ \\t]+)?${fn.name.replace(/\$/g, '\\$')}[ \\t]*\\(`, 'm').test(model.text)) return undefined;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  const name = localBinding(model, creation);
  const lineStart = model.text.lastIndexOf('\n', creation.callSpan.startOffset) + 1;
  const inWith = /^\s*(async\s+)?with\b/.test(model.text.slice(lineStart, creation.callSpan.startOffset));
  // A client used in a worker's loop (a while loop, a for over a stream of events) lives as long as that loop, not
  // per call; a for over the items at hand (`for i in range(1, 4)`, `for k in keys`) ends before the function returns.
  const used = sites.filter((site) => site.receiver.creation?.callSpan.startOffset === creation.callSpan.startOffset || (name !== undefined && site.receiver.text === name && site.enclosingFunction?.span.startOffset === fn.span.startOffset));
  const inLoops = used.filter((site) => site.anyLoop || site.loop);
  if (inLoops.length && (/\bwhile\b/.test(body) || inLoops.some((site) => !site.loop || site.loop.bounded === 'events'))) return undefined;
  if (used.some((site) => SUBSCRIPTIONS.has(site.command))) return undefined;
  // A client that gets message/event listeners serves a subscription for as long as it lives.
  if (name && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*\\.\\s*(on|once|addListener)\\s*\\(\\s*['"](p?message|pmessageBuffer|messageBuffer|subscribe)['"]`).test(body)) return undefined;
  if (/\bwhile\s*(True|\(\s*true\s*\))|for\s*\(\s*;\s*;\s*\)/.test(body)) return undefined;
  if (name && returnedInClosure(body, name)) return undefined;
  // `yield client` then `client.close()`: a provider (a context manager, a container's resource) whose caller holds
  // the client as long as it needs it, like a factory's; FastAPI dependencies are judged before this.
  if (name && new RegExp(`\\byield\\s+${name.replace(/\$/g, '\\$')}\\s*($|[;\\n#])`, 'm').test(body)) return undefined;
  if (inWith || (name && new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\s*${CLOSE_CALL.source}`).test(body))) return { function: fn.name, how: 'closes it again before returning' };
  if (!name) return undefined;
  if (!leaves(body, name)) return used.length ? { function: fn.name, how: 'uses it and drops it' } : undefined;
  // A factory: `return client` to a caller of this file that uses the client and drops it.
  if (!new RegExp(`\\breturn\\s+${name.replace(/\$/g, '\\$')}\\s*($|[;\\n])`, 'm').test(body)) return undefined;
  const call = new RegExp(`([A-Za-z_$][\\w$]*)\\s*=\\s*(?:await\\s+)?(?:self\\.|this\\.)?${fn.name}\\s*\\(`, 'g');
  for (const match of model.text.matchAll(call)) {
    const at = match.index!;
    if (at >= fn.span.startOffset && at <= fn.span.endOffset) continue;
    const caller = sites.map((site) => site.enclosingFunction).find((f) => f && f.span.startOffset <= at && at <= f.span.endOffset);
    if (!caller || ONE_TIME_FUNCTION.test(caller.name) || !/^[A-Za-z_$][\w$]*$/.test(caller.name)) continue;
    const callerBody = model.text.slice(caller.span.startOffset, caller.span.endOffset);
    if (leaves(callerBody, match[1])) continue;
    const callerSites = sites.filter((site) => site.receiver.text === match[1] && site.enclosingFunction?.span.startOffset === caller.span.startOffset);
    if (!callerSites.length || callerSites.some((site) => site.anyLoop || site.loop)) continue;
    return {
      function: caller.name,
      how: `gets it from ${fn.name}() on line ${positionAt(model.text, at).line + 1}, uses it and drops it`,
      related: [{ span: spanFromOffsets(model.text, at, at + match[0].length), message: `a new client per call of ${caller.name}` }],
    };
  }
  return undefined;
}

/** The creation is assigned to a variable declared outside its function (a lazily created shared client). */
function assignsOuterVariable(model: FileModel, creation: ClientCreation): boolean {
  const binding = creation.binding;
  const fn = creation.enclosingFunction;
  if (!binding || !fn || !/^[A-Za-z_$][\w$]*$/.test(binding)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  const name = binding.replace(/\$/g, '\\$');
  if (model.language === 'python') return new RegExp(`^[ \\t]*(global|nonlocal)[ \\t]+[\\w, \\t]*\\b${name}\\b`, 'm').test(body);
  if (new RegExp(`\\b(const|let|var)\\s+${name}\\b|\\b(const|let|var)\\s*\\{[^}]*\\b${name}\\b`).test(body)) return false;
  // Not declared in the function: a parameter is local too.
  const head = body.slice(0, body.search(/=>|\{/) + 1);
  return !new RegExp(`[(,]\\s*${name}\\b`).test(head);
}

/** A generator in a FastAPI module that yields the client it creates: the shape of a per-request dependency. */
function yieldsAsDependency(model: FileModel, creation: ClientCreation): boolean {
  const fn = creation.enclosingFunction;
  if (!fn || !creation.binding || !/^\s*(from\s+fastapi\b|import\s+fastapi\b)/m.test(model.text)) return false;
  // `async def create_redis(settings): ... yield redis` with no Depends() in the file: a resource provider that
  // a container or lifespan runs once per application, named as a factory rather than a per-request accessor.
  if (!/\b(?:Depends|Security)\(/.test(model.text) && /^_*(?:create|make|build|init|setup|open|connect|new)(?:_|$)/i.test(fn.name)) return false;
  const body = model.text.slice(fn.span.startOffset, fn.span.endOffset);
  return new RegExp(`\\byield\\s+${creation.binding.replace(/\./g, '\\.')}\\s*($|\\n|#)`, 'm').test(body);
}

/** `@lru_cache` / `@cache` / `@functools.cache` on the function: it returns the same client every time. */
function cachedByDecorator(model: FileModel, fn: FunctionInfo): boolean {
  if (model.language !== 'python') return false;
  const before = model.text.slice(Math.max(0, fn.span.startOffset - 300), fn.span.startOffset).split('\n');
  for (let i = before.length - 2; i >= 0; i--) {
    const line = before[i].trim();
    if (!line.startsWith('@')) break;
    if (/^@(functools\.)?(lru_cache|cache)\b|^@\w*cache/i.test(line)) return true;
  }
  return false;
}
