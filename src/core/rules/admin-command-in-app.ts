/** admin-command-in-app: server administration commands issued by application code. */
import type { RedisCallSite, Rule } from './rule';
import { CONTAINER_COMMANDS } from '../analysis/commandNames';
import { callsOwnMethod } from './support/ownMethods';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

const REASONS: Record<string, string> = {
  MONITOR: 'streams every command the server executes and can halve its throughput',
  SHUTDOWN: 'stops the server',
  SAVE: 'blocks every client for the whole RDB dump',
  BGSAVE: 'forks the server for an RDB snapshot (copy-on-write memory growth and fork latency on large datasets); leave snapshots to the save schedule or ops tooling',
  BGREWRITEAOF: 'forks the server and rewrites the AOF, a heavy operation for ops tooling',
  'CONFIG SET': 'changes server configuration at run time, drifting from redis.conf (and is refused by most managed services)',
  'CONFIG REWRITE': 'rewrites redis.conf on the server',
  'CONFIG RESETSTAT': 'wipes the server statistics monitoring depends on',
  SLAVEOF: 'changes replication topology',
  REPLICAOF: 'changes replication topology',
  'CLUSTER RESET': 'resets cluster membership',
  'CLUSTER FAILOVER': 'triggers a failover',
  FAILOVER: 'triggers a failover',
  'MODULE LOAD': 'loads native code into the server',
  'MODULE UNLOAD': 'unloads a server module',
  'ACL SETUSER': 'changes server users and permissions',
  'ACL DELUSER': 'deletes server users',
  'CLIENT KILL': 'disconnects other clients',
  'SCRIPT FLUSH': "evicts every client's cached scripts (NOSCRIPT errors everywhere)",
  'FUNCTION FLUSH': 'deletes every loaded function library',
  SWAPDB: 'swaps whole databases under every client',
  'DEBUG OBJECT': 'is a debugging command (refused by default since Redis 7: enable-debug-command no)',
  'DEBUG SLEEP': 'blocks the server',
  'DEBUG SEGFAULT': 'crashes the server',
  'DEBUG RELOAD': 'blocks the server while it reloads the dataset',
};

/**
 * The command with its subcommand when the subcommand comes as the first item of an argument array, as node-redis v3
 * takes it: `send_command('config', ['set', 'notify-keyspace-events', 'Ex'], cb)` is CONFIG SET.
 */
function commandWithSubcommand(site: RedisCallSite): string {
  if (!CONTAINER_COMMANDS.has(site.command)) return site.command;
  const list = site.args[0]?.value;
  const first = list?.kind === 'array' ? list.items[0]?.value : undefined;
  return first?.kind === 'string' && /^[A-Za-z-]+$/.test(first.value) ? `${site.command} ${first.value.toUpperCase()}` : site.command;
}

/**
 * SAVE takes no arguments in any client (`r.save()`, `redis.save(cb)`): a `save(pipeline)` or `save(full, force)` saves
 * the object it is called on (an ORM model such as redis-om's, an entity), whatever its storage runs elsewhere.
 */
function savesSomething(site: RedisCallSite): boolean {
  const callback = (text: string) => /=>|^(?:async\s+)?function\b/.test(text) || /^(?:cb|callback|done|next|[A-Za-z_$][\w$]*(?:Callback|Cb))$/.test(text);
  return Object.keys(site.keywords).length > 0 || site.args.some((arg) => !callback(arg.text.trim()));
}

export const adminCommandInApp: Rule = {
  meta: {
    id: 'admin-command-in-app',
    code: 'RR502',
    category: 'security',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'lower' },
    messages: {
      admin: '{{command}} {{reason}}; it belongs in operations tooling, not in application code. Deny @admin/@dangerous commands to the application user with an ACL.',
    },
    docs: {
      summary: 'MONITOR, SAVE, CONFIG SET, SHUTDOWN, DEBUG… in application code.',
      what: 'Reports administrative commands: MONITOR, SHUTDOWN, SAVE, BGSAVE, BGREWRITEAOF, CONFIG SET/REWRITE/RESETSTAT, SLAVEOF/REPLICAOF, CLUSTER RESET/FAILOVER, MODULE LOAD, ACL SETUSER/DELUSER, CLIENT KILL, SCRIPT/FUNCTION FLUSH, SWAPDB and DEBUG — also sent through a generic call whose subcommand is the first item of the argument array, as node-redis v3 takes it (`send_command("config", ["set", "notify-keyspace-events", "Ex"], cb)`).',
      why: 'These are @admin/@dangerous commands. MONITOR can cut throughput by half, SAVE blocks all clients for the length of the dump, CONFIG SET silently drifts the running server from its configuration file and is rejected on managed services, SHUTDOWN and DEBUG can take the server down.',
      examples: [
        { client: 'redis-py', file: 'app/startup.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef configure():\n    r.config_set("maxmemory-policy", "allkeys-lru")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef configure():\n    policy = r.config_get("maxmemory-policy")\n    return policy\n' },
        { client: 'ioredis', file: 'src/backup.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function backup() {\n  return redis.save();\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function lastBackup() {\n  return redis.lastsave();\n}\n" },
        { client: 'node-redis', file: 'src/debug.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function enableEvents() {\n  return client.configSet('notify-keyspace-events', 'KEA');\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function events() {\n  return client.configGet('notify-keyspace-events');\n}\n" },
        {
          client: 'go-redis',
          file: 'startup/tune.go',
          bad: goFile('startup', ['"context"', '', GO_REDIS], `
func Tune(ctx context.Context, rdb *redis.Client) error {
    return rdb.ConfigSet(ctx, "maxmemory-policy", "allkeys-lru").Err()
}
`),
          good: goFile('startup', ['"context"', '"fmt"', '', GO_REDIS], `
// The eviction policy is set in redis.conf; the service only checks it at start-up.
func CheckPolicy(ctx context.Context, rdb *redis.Client) error {
    policy, err := rdb.ConfigGet(ctx, "maxmemory-policy").Result()
    if err != nil {
        return err
    }
    if policy["maxmemory-policy"] != "allkeys-lru" {
        return fmt.Errorf("expected maxmemory-policy allkeys-lru, got %q", policy["maxmemory-policy"])
    }
    return nil
}
`),
        },
        {
          client: 'redigo',
          file: 'startup/tune.go',
          bad: goFile('startup', [REDIGO], `
func Tune(conn redis.Conn) error {
    _, err := conn.Do("CONFIG", "SET", "maxmemory-policy", "allkeys-lru")
    return err
}
`),
          good: goFile('startup', [REDIGO], `
// The eviction policy is set in redis.conf; the service only reads it.
func Policy(conn redis.Conn) (map[string]string, error) {
    return redis.StringMap(conn.Do("CONFIG", "GET", "maxmemory-policy"))
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/Startup.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class Startup {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public void tune() {
        jedis.configSet("maxmemory-policy", "allkeys-lru");
    }
}
`),
          good: javaFile(['java.util.Map', 'redis.clients.jedis.JedisPooled'], `
/** The eviction policy is set in redis.conf; the service only reads it. */
public class Startup {
    private final JedisPooled jedis = new JedisPooled("localhost", 6379);

    public Map<String, String> policy() {
        return jedis.configGet("maxmemory-policy");
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/Startup.java',
          bad: javaFile(['io.lettuce.core.api.sync.RedisCommands'], `
public class Startup {
    private final RedisCommands<String, String> commands;

    public Startup(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public void tune() {
        commands.configSet("maxmemory-policy", "allkeys-lru");
    }
}
`),
          good: javaFile(['io.lettuce.core.api.sync.RedisCommands', 'java.util.Map'], `
/** The eviction policy is set in redis.conf; the service only reads it. */
public class Startup {
    private final RedisCommands<String, String> commands;

    public Startup(RedisCommands<String, String> commands) {
        this.commands = commands;
    }

    public Map<String, String> policy() {
        return commands.configGet("maxmemory-policy");
    }
}
`),
        },
        {
          client: 'rueidis',
          file: 'startup/tune.go',
          bad: goFile('startup', ['"context"', '', RUEIDIS], `
func Tune(ctx context.Context, client rueidis.Client) error {
    return client.Do(ctx, client.B().ConfigSet().ParameterValue().ParameterValue("maxmemory-policy", "allkeys-lru").Build()).Error()
}
`),
          good: goFile('startup', ['"context"', '', RUEIDIS], `
// The eviction policy is set in redis.conf; the service only reads it.
func Policy(ctx context.Context, client rueidis.Client) (map[string]string, error) {
    return client.Do(ctx, client.B().ConfigGet().Parameter("maxmemory-policy").Build()).AsStrMap()
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/Startup.java',
          bad: javaFile(['org.springframework.data.redis.core.RedisCallback', 'org.springframework.data.redis.core.StringRedisTemplate'], `
public class Startup {
    private final StringRedisTemplate redisTemplate;

    public Startup(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public void tune() {
        redisTemplate.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().setConfig("maxmemory-policy", "allkeys-lru");
            return null;
        });
    }
}
`),
          good: javaFile(['java.util.Properties', 'org.springframework.data.redis.core.RedisCallback', 'org.springframework.data.redis.core.StringRedisTemplate'], `
/** The eviction policy is set in redis.conf; the service only reads it. */
public class Startup {
    private final StringRedisTemplate redisTemplate;

    public Startup(StringRedisTemplate redisTemplate) {
        this.redisTemplate = redisTemplate;
    }

    public Properties policy() {
        return redisTemplate.execute((RedisCallback<Properties>) connection -> connection.serverCommands().getConfig("maxmemory-policy"));
    }
}
`),
        },
      ],
      fix: 'Set configuration in redis.conf or the managed service\'s parameter group, use BGSAVE from ops tooling, MEMORY USAGE / OBJECT ENCODING instead of DEBUG OBJECT, and SLOWLOG/LATENCY from monitoring. Restrict the application user: `user app ... -@admin -@dangerous`.',
      falsePositives: 'Admin tools and ops scripts: scripts get a warning, tests are skipped; suppress inline in a dedicated admin module. A class\'s own wrapper method named like the command (`self.bg_save()` of `def bg_save(self)`) is not reported at its calls: the command is reported inside it, where it is sent. A `save(…)` given anything but a callback (`question.save(pipeline)`, `entity.save(full, force)`) saves the object it is called on, an ORM model or entity: the SAVE command takes no arguments.',
      references: [
        { title: 'MONITOR: cost', url: 'https://redis.io/docs/latest/commands/monitor/' },
        { title: 'SAVE', url: 'https://redis.io/docs/latest/commands/save/' },
        { title: 'ACL', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/' },
      ],
    },
  },
  check(context) {
    for (const site of context.model.callSites) {
      const command = commandWithSubcommand(site);
      const reason = REASONS[command] ?? (command.startsWith('DEBUG') ? 'is a debugging command that can block or crash the server' : undefined);
      // A wrapper method of the class (`self.bg_save()` of `def bg_save(self)`): reported where it sends the command.
      if (!reason || callsOwnMethod(context.model, site)) continue;
      if (command === 'SAVE' && savesSomething(site)) continue;
      context.report({ messageId: 'admin', data: { command, reason }, span: site.span });
    }
  },
};
