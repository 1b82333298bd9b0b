/** plaintext-remote-connection: AUTH and data in clear text to a remote Redis. */
import type { Arg, ClientCreation } from '../analysis/model';
import type { Rule } from './rule';
import { resolvedArg } from './support/constants';
import { fix, insertAt, replace } from './support/edits';
import { isLocalHost, urlHost } from './support/hosts';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, RUEIDIS, goFile, javaFile } from './exampleFiles';

function truthy(arg: Arg | undefined): boolean {
  if (!arg) return false;
  return !(arg.value.kind === 'boolean' && !arg.value.value) && arg.value.kind !== 'null';
}

function usesTls(creation: ClientCreation): boolean {
  const o = creation.options;
  return truthy(o.ssl) || truthy(o.tls) || truthy(o['socket.tls']) || truthy(o['redisOptions.tls']) || !!o.connection_class || !!o.ssl_cert_reqs;
}

/** A host given positionally: `createClient(6379, 'host')` / `new Redis(6379, 'host')`, or redis-py's `Redis('host', 6379)`. */
function positionalHost(creation: ClientCreation): Arg | undefined {
  const [first, second] = creation.args;
  if (creation.library === 'redis-py') return first?.value.kind === 'string' && !first.keyword && !/^\w+:\/\//.test(first.value.value) && /^[\w.-]+$/.test(first.value.value) && /^(Redis|StrictRedis)$/.test(creation.factory.split('.').pop() ?? '') ? first : undefined;
  return first?.value.kind === 'number' && second?.value.kind === 'string' ? second : undefined;
}

export const plaintextRemoteConnection: Rule = {
  meta: {
    id: 'plaintext-remote-connection',
    code: 'RR602',
    category: 'security',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    subject: 'clients',
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      url: 'redis:// to {{host}} sends the password and all data unencrypted over the network; use rediss:// (TLS).',
      host: 'The connection to {{host}} is not encrypted: the password and all data cross the network in clear text; enable TLS ({{tls}}).',
    },
    docs: {
      summary: 'redis:// or TLS-less connections to remote hosts expose passwords and data.',
      what: 'Reports literal redis:// URLs (written inline, or held in a constant or local of the same file and reported once at the literal) and host options (also positional: `createClient(6379, host)`, `Redis(host, 6379)`) that point to a non-local host without TLS. Loopback, private (RFC 1918) addresses, single-label service names and *.internal/*.local hosts are treated as local.',
      why: 'Redis AUTH and every command and reply travel in clear text without TLS. Anyone on the path can read data and the password; managed services (ElastiCache in-transit encryption, Azure port 6380) expect TLS.',
      examples: [
        { client: 'redis-py', file: 'app/store.py', bad: 'import redis\n\nr = redis.Redis.from_url("redis://cache.prod.example.com:6379/0")\n', good: 'import redis\n\nr = redis.Redis.from_url("rediss://cache.prod.example.com:6379/0")\n' },
        { client: 'ioredis', file: 'src/store.ts', bad: IMPORT_IOREDIS + "\nexport const redis = new Redis({ host: 'cache.prod.example.com', port: 6379 });\nredis.on('error', console.error);\n", good: IMPORT_IOREDIS + "\nexport const redis = new Redis({ host: 'cache.prod.example.com', port: 6379, tls: {} });\nredis.on('error', console.error);\n" },
        { client: 'node-redis', file: 'src/store.ts', bad: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: 'redis://cache.prod.example.com:6379' });\nclient.on('error', console.error);\n", good: "import { createClient } from 'redis';\n\nexport const client = createClient({ url: 'rediss://cache.prod.example.com:6379' });\nclient.on('error', console.error);\n" },
        {
          client: 'go-redis',
          file: 'store/client.go',
          bad: goFile('store', ['"os"', '', GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{
    Addr:     "cache.prod.example.com:6379",
    Password: os.Getenv("REDIS_PASSWORD"),
})
`),
          good: goFile('store', ['"crypto/tls"', '"os"', '', GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{
    Addr:      "cache.prod.example.com:6380",
    Password:  os.Getenv("REDIS_PASSWORD"),
    TLSConfig: &tls.Config{MinVersion: tls.VersionTLS12},
})
`),
        },
        {
          client: 'rueidis',
          file: 'store/client.go',
          bad: goFile('store', ['"os"', '', RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    return rueidis.NewClient(rueidis.ClientOption{
        InitAddress: []string{"cache.prod.example.com:6379"},
        Password:    os.Getenv("REDIS_PASSWORD"),
    })
}
`),
          good: goFile('store', ['"crypto/tls"', '"os"', '', RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    return rueidis.NewClient(rueidis.ClientOption{
        InitAddress: []string{"cache.prod.example.com:6380"},
        Password:    os.Getenv("REDIS_PASSWORD"),
        TLSConfig:   &tls.Config{MinVersion: tls.VersionTLS12},
    })
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/RedisConfig.java',
          bad: javaFile(['org.redisson.Redisson', 'org.redisson.api.RedissonClient', 'org.redisson.client.codec.StringCodec', 'org.redisson.config.Config', 'org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration'], `
@Configuration
public class RedisConfig {
    @Bean(destroyMethod = "shutdown")
    public RedissonClient redisson() {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress("redis://cache.prod.example.com:6379").setPassword(System.getenv("REDIS_PASSWORD"));
        return Redisson.create(config);
    }
}
`),
          good: javaFile(['org.redisson.Redisson', 'org.redisson.api.RedissonClient', 'org.redisson.client.codec.StringCodec', 'org.redisson.config.Config', 'org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration'], `
@Configuration
public class RedisConfig {
    @Bean(destroyMethod = "shutdown")
    public RedissonClient redisson() {
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.useSingleServer().setAddress("rediss://cache.prod.example.com:6380").setPassword(System.getenv("REDIS_PASSWORD"));
        return Redisson.create(config);
    }
}
`),
        },
      ],
      fix: 'The quick fix changes `redis://` to `rediss://`, or adds `ssl=True` (redis-py) / `tls: {}` (ioredis). It is unsafe: the server must accept TLS on that port, and you may need CA settings.',
      falsePositives: 'Hosts inside a private network reached by a public-looking name; suppress inline or keep such names in configuration instead of code.',
      references: [
        { title: 'Redis TLS support', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/' },
        { title: 'ioredis: TLS options', url: 'https://github.com/redis/ioredis#tls-options' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    // A URL held in a module constant is reported once, at the literal, however many clients connect with it.
    const reportedUrls = new Set<number>();
    for (const creation of model.creations) {
      if (usesTls(creation)) continue;
      let reported = false;
      for (const given of [...creation.args, creation.options.url].filter((a): a is Arg => !!a)) {
        const arg = resolvedArg(model, given, creation.enclosingFunction)!;
        if (arg.value.kind !== 'string' || !/^redis:\/\//i.test(arg.value.value)) continue;
        const host = urlHost(arg.value.value);
        if (!host || isLocalHost(host)) continue;
        reported = true;
        if (reportedUrls.has(arg.span.startOffset)) continue;
        reportedUrls.add(arg.span.startOffset);
        const start = arg.span.startOffset + arg.text.indexOf('redis://');
        context.report({ messageId: 'url', data: { host }, span: arg.span, fixes: [fix('Connect with TLS (rediss://)', false, [{ startOffset: start, endOffset: start + 'redis://'.length, newText: 'rediss://' }])] });
      }
      const host = creation.options.host ?? creation.options['socket.host'] ?? positionalHost(creation);
      if (reported || host?.value.kind !== 'string' || isLocalHost(host.value.value)) continue;
      const python = creation.library === 'redis-py';
      const tls = python ? 'ssl=True' : creation.library === 'ioredis' ? 'tls: {}' : 'socket: { tls: true }';
      let fixes;
      if (python && model.text[creation.callSpan.endOffset - 1] === ')') {
        const before = model.text.slice(creation.callSpan.startOffset, creation.callSpan.endOffset - 1).trimEnd();
        fixes = [fix('Enable TLS (ssl=True)', false, [insertAt(creation.callSpan.startOffset + before.length, before.endsWith(',') ? ' ssl=True' : ', ssl=True')])];
      } else if (creation.library === 'ioredis') {
        const object = creation.args.find((a) => a.value.kind === 'object' && 'host' in a.value.entries);
        if (object && object.text.endsWith('}')) {
          const inner = object.text.slice(0, -1).trimEnd();
          fixes = [fix('Enable TLS (tls: {})', false, [replace(object.span, `${inner}${inner.endsWith(',') || inner.endsWith('{') ? ' ' : ', '}tls: {} }`)])];
        }
      }
      context.report({ messageId: 'host', data: { host: host.value.value, tls }, span: host.span, fixes });
    }
  },
};
