/** hardcoded-credentials: Redis passwords written into source code. */
import type { Arg, FileModel } from '../analysis/model';
import type { Fix } from '../findings';
import type { Rule } from './rule';
import { isTypeScript } from './support/clients';
import { ensurePythonOsImport, fix, replace } from './support/edits';
import { resolvedArg, stringLiteralAt } from './support/constants';
import { urlPassword } from './support/hosts';
import { REDIS_PASSWORD_NAME, REDIS_PASSWORD_WORD, isSecretPlaceholder } from './support/secretPlaceholders';
import { IMPORT_IOREDIS } from './exampleImports';
import { GO_REDIS, REDIGO, RUEIDIS, goFile, javaFile } from './exampleFiles';

/** Option names (the last segment of a nested option) that hold a password. */
const PASSWORD_KEYS = new Set(['password', 'auth_pass', 'authpass', 'sentinelpassword', 'sentinel_password', 'requirepass']);

function environmentFix(model: FileModel, arg: Arg, variable: string): Fix {
  if (model.language === 'python') {
    return fix(`Read the value from the ${variable} environment variable`, false, [...ensurePythonOsImport(model.text), replace(arg.span, `os.environ["${variable}"]`)]);
  }
  const bang = isTypeScript(model) ? '!' : '';
  return fix(`Read the value from the ${variable} environment variable`, false, [replace(arg.span, `process.env.${variable}${bang}`)]);
}

export const hardcodedCredentials: Rule = {
  meta: {
    id: 'hardcoded-credentials',
    code: 'RR601',
    category: 'security',
    defaultSeverity: 'error',
    languages: ['python', 'javascript'],
    fixable: 'unsafe',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      password: 'The Redis password is written in the source code, so it ends up in version control, logs and stack traces; read it from the environment or a secret manager ({{env}}).',
      url: 'This Redis URL contains a password, so it ends up in version control, logs and stack traces; read the URL from the environment ({{env}}).',
      auth: 'AUTH with a literal password puts the secret in the source code; read it from the environment ({{env}}).',
    },
    docs: {
      summary: 'Passwords in client options or redis:// URLs leak through source control.',
      what: 'Reports literal passwords in client options (`password=`, `password:`), redis:// and rediss:// URLs with a password, and AUTH calls with a literal password — written inline, held in a constant or local of the same file (`KV_SECRET = "…"`, reported at the literal) or given as the default of an environment lookup (`process.env.REDIS_URL || "rediss://…:pw@…"`, `os.getenv("REDIS_PASSWORD", "…")`), including nested options such as cluster `rootNodes` URLs and numeric passwords — and string literals assigned to variables named for a Redis password (`REDIS_PASSWORD = "…"` in a settings module). Empty strings and obvious placeholders are ignored.',
      why: 'Source code is copied to every clone, CI log, container image and error report. A Redis password there is effectively public, and rotating it means a code change and a redeploy.',
      examples: [
        { client: 'redis-py', file: 'app/store.py', bad: 'import redis\n\nr = redis.Redis(host="cache", password="s3cr3t-pass")\n', good: 'import os\nimport redis\n\nr = redis.Redis(host="cache", password=os.environ["REDIS_PASSWORD"])\n' },
        { client: 'ioredis', file: 'src/store.ts', bad: IMPORT_IOREDIS + "\nexport const redis = new Redis('redis://:s3cr3t-pass@cache:6379');\nredis.on('error', console.error);\n", good: IMPORT_IOREDIS + "\nexport const redis = new Redis(process.env.REDIS_URL!);\nredis.on('error', console.error);\n" },
        { client: 'node-redis', file: 'src/store.ts', bad: "import { createClient } from 'redis';\n\nexport const client = createClient({ password: 's3cr3t-pass' });\nclient.on('error', console.error);\n", good: "import { createClient } from 'redis';\n\nexport const client = createClient({ password: process.env.REDIS_PASSWORD });\nclient.on('error', console.error);\n" },
        {
          client: 'go-redis',
          file: 'store/client.go',
          bad: goFile('store', [GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{
    Addr:     "redis.internal:6379",
    Password: "s3cret",
})
`),
          good: goFile('store', ['"os"', '', GO_REDIS], `
var rdb = redis.NewClient(&redis.Options{
    Addr:     "redis.internal:6379",
    Password: os.Getenv("REDIS_PASSWORD"),
})
`),
        },
        {
          client: 'rueidis',
          file: 'store/client.go',
          bad: goFile('store', [RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    opt, err := rueidis.ParseURL("redis://app:s3cret@redis.internal:6379/0")
    if err != nil {
        return nil, err
    }
    return rueidis.NewClient(opt)
}
`),
          good: goFile('store', ['"os"', '', RUEIDIS], `
func NewClient() (rueidis.Client, error) {
    opt, err := rueidis.ParseURL(os.Getenv("REDIS_URL"))
    if err != nil {
        return nil, err
    }
    return rueidis.NewClient(opt)
}
`),
        },
        {
          client: 'redigo',
          file: 'store/pool.go',
          bad: goFile('store', ['"time"', '', REDIGO], `
var pool = &redis.Pool{
    Dial: func() (redis.Conn, error) {
        return redis.Dial("tcp", "redis.internal:6379",
            redis.DialPassword("s3cret"),
            redis.DialReadTimeout(time.Second),
            redis.DialWriteTimeout(time.Second))
    },
}
`),
          good: goFile('store', ['"os"', '"time"', '', REDIGO], `
var pool = &redis.Pool{
    Dial: func() (redis.Conn, error) {
        return redis.Dial("tcp", "redis.internal:6379",
            redis.DialPassword(os.Getenv("REDIS_PASSWORD")),
            redis.DialReadTimeout(time.Second),
            redis.DialWriteTimeout(time.Second))
    },
}
`),
        },
        {
          client: 'jedis',
          file: 'src/main/java/app/RedisClients.java',
          bad: javaFile(['redis.clients.jedis.JedisPooled'], `
public class RedisClients {
    public static JedisPooled create() {
        return new JedisPooled("redis://app:s3cret@redis.internal:6379");
    }
}
`),
          good: javaFile(['redis.clients.jedis.JedisPooled'], `
public class RedisClients {
    public static JedisPooled create() {
        return new JedisPooled(System.getenv("REDIS_URL"));
    }
}
`),
        },
        {
          client: 'lettuce',
          file: 'src/main/java/app/RedisClients.java',
          bad: javaFile(['io.lettuce.core.RedisClient', 'io.lettuce.core.RedisURI'], `
public class RedisClients {
    public static RedisClient create() {
        RedisURI uri = RedisURI.builder().withHost("redis.internal").withPort(6379).withPassword("s3cret").build();
        return RedisClient.create(uri);
    }
}
`),
          good: javaFile(['io.lettuce.core.RedisClient', 'io.lettuce.core.RedisURI'], `
public class RedisClients {
    public static RedisClient create() {
        RedisURI uri = RedisURI.builder().withHost("redis.internal").withPort(6379).withPassword(System.getenv("REDIS_PASSWORD")).build();
        return RedisClient.create(uri);
    }
}
`),
        },
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/RedisConfig.java',
          bad: javaFile(['org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration', 'org.springframework.data.redis.connection.RedisStandaloneConfiguration', 'org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory'], `
@Configuration
public class RedisConfig {
    @Bean
    public LettuceConnectionFactory redisConnectionFactory() {
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("redis.internal", 6379);
        config.setPassword("s3cret");
        return new LettuceConnectionFactory(config);
    }
}
`),
          good: javaFile(['org.springframework.beans.factory.annotation.Value', 'org.springframework.context.annotation.Bean', 'org.springframework.context.annotation.Configuration', 'org.springframework.data.redis.connection.RedisStandaloneConfiguration', 'org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory'], `
@Configuration
public class RedisConfig {
    @Bean
    public LettuceConnectionFactory redisConnectionFactory(@Value("\${spring.data.redis.password}") String password) {
        RedisStandaloneConfiguration config = new RedisStandaloneConfiguration("redis.internal", 6379);
        config.setPassword(password);
        return new LettuceConnectionFactory(config);
    }
}
`),
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/RedissonConfig.java',
          bad: javaFile(['org.redisson.Redisson', 'org.redisson.api.RedissonClient', 'org.redisson.config.Config'], `
public class RedissonConfig {
    public RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://redis.internal:6379").setPassword("s3cret");
        return Redisson.create(config);
    }
}
`),
          good: javaFile(['org.redisson.Redisson', 'org.redisson.api.RedissonClient', 'org.redisson.config.Config'], `
public class RedissonConfig {
    public RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://redis.internal:6379").setPassword(System.getenv("REDIS_PASSWORD"));
        return Redisson.create(config);
    }
}
`),
        },
      ],
      fix: 'The quick fix replaces the literal with `os.environ["REDIS_PASSWORD"]` / `process.env.REDIS_PASSWORD` (or REDIS_URL for URLs), adding `import os` when needed. It is unsafe: the variable must be set wherever the code runs. Rotate the leaked password.',
      falsePositives: 'Local-only development passwords in docker-compose setups; test files are skipped.',
      references: [
        { title: 'Redis security', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/' },
        { title: 'OWASP: use of hard-coded password', url: 'https://owasp.org/www-community/vulnerabilities/Use_of_hard-coded_password' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    const env = (name: string) => (model.language === 'python' ? `os.environ["${name}"]` : `process.env.${name}`);
    // A literal held in a module constant is reported once, at the literal, however many clients use it.
    const reported = new Set<number>();
    const report = (messageId: string, arg: Arg, variable: string, fixable = true) => {
      if (reported.has(arg.span.startOffset)) return;
      reported.add(arg.span.startOffset);
      context.report({ messageId, data: { env: env(variable) }, span: arg.span, fixes: fixable && arg.value.kind === 'string' ? [environmentFix(model, arg, variable)] : undefined });
    };
    for (const creation of model.creations) {
      const scope = creation.enclosingFunction;
      const visit = (name: string, option: Arg | undefined, depth: number): void => {
        if (!option || depth > 4) return;
        const value = option.value;
        if (value.kind === 'object') {
          for (const [key, entry] of Object.entries(value.entries)) visit(`${name}.${key}`, entry, depth + 1);
          return;
        }
        if (value.kind === 'array') {
          for (const item of value.items) visit(name, item, depth + 1);
          return;
        }
        let resolved = resolvedArg(model, option, scope);
        if (!resolved) return;
        // The default of an environment lookup (`process.env.REDIS_URL || "rediss://u:pw@host"`) is used wherever
        // the variable is unset and sits in version control all the same; the lookup already is the fix, so none is offered.
        const fallback = resolved.value.kind === 'unknown' ? fallbackLiteral(model, resolved) : undefined;
        if (fallback) resolved = fallback;
        if (PASSWORD_KEYS.has(name.split('.').pop()!.toLowerCase())) {
          if (literalPassword(resolved) !== undefined) report('password', resolved, 'REDIS_PASSWORD', !fallback);
          return;
        }
        if (resolved.value.kind !== 'string') return;
        const password = urlPassword(resolved.value.value);
        if (password && !isSecretPlaceholder(password)) report('url', resolved, 'REDIS_URL', !fallback);
      };
      for (const [name, option] of Object.entries(creation.options)) if (!name.includes('.')) visit(name, option, 0);
      for (const arg of creation.args) visit('', arg, 0);
    }
    for (const site of model.callSites) {
      if (site.command !== 'AUTH') continue;
      const password = resolvedArg(model, site.args[site.args.length - 1], site.enclosingFunction);
      if (password && literalPassword(password) !== undefined) report('auth', password, 'REDIS_PASSWORD');
    }
    // `REDIS_PASSWORD = "…"` in a settings module that other files read: named for Redis and for a password.
    for (const literal of passwordAssignments(model)) report('password', literal, 'REDIS_PASSWORD');
  },
};

const ENV_LOOKUP_PY = /^(?:os\.)?(?:environ\.get|getenv)\(/;

/**
 * The string literal an environment lookup falls back to when it ends the argument: `process.env.X || "…"`,
 * `process.env.X ?? "…"`, Python `os.environ.get("X", "…")`, `os.getenv("X", "…")` and `os.environ.get("X") or "…"`.
 */
function fallbackLiteral(model: FileModel, arg: Arg): Arg | undefined {
  const python = model.language === 'python';
  if (python ? !/\benviron\b|\bgetenv\(/.test(arg.text) : !/\bprocess\.env\b/.test(arg.text)) return undefined;
  const operator = python ? /(?:\bor\b|,)[ \t\r\n]*(?=[rRuU]?["'])/g : /(?:\|\||\?\?)[ \t\r\n]*(?=["'`])/g;
  const last = [...arg.text.matchAll(operator)].pop();
  if (!last) return undefined;
  // A comma separates a default only inside the lookup call itself, not in any call the argument makes.
  if (python && last[0].startsWith(',') && !ENV_LOOKUP_PY.test(arg.text)) return undefined;
  const literal = stringLiteralAt(model, arg.span.startOffset + last.index! + last[0].length);
  if (!literal) return undefined;
  const rest = model.text.slice(literal.span.endOffset, arg.span.endOffset);
  return /^[\s)]*$/.test(rest) ? literal : undefined;
}

/** The password a literal argument holds (strings, and numbers such as password=123456), unless empty or a placeholder. */
function literalPassword(arg: Arg): string | undefined {
  const value = arg.value.kind === 'string' ? arg.value.value : arg.value.kind === 'number' ? arg.text : undefined;
  if (!value || isSecretPlaceholder(value)) return undefined;
  return value;
}

/** String literals assigned to variables named like a Redis password (`REDIS_PASSWORD`, `redis_pwd`, `redisPassword`). */
function passwordAssignments(model: FileModel): Arg[] {
  const out: Arg[] = [];
  const text = model.text;
  // Every name REDIS_PASSWORD_NAME takes holds this: a file without it has no such assignment to look for.
  if (!REDIS_PASSWORD_WORD.test(text)) return out;
  const assignment = model.language === 'python' ? /^[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^=\n]+)?=[ \t]*(?=[rRbBuU]?["'])/gm : /\b(?:const|let|var)[ \t]+([A-Za-z_$][\w$]*)[ \t]*(?::[^=\n]+)?=[ \t]*(?=["'`])/g;
  for (const match of text.matchAll(assignment)) {
    if (!REDIS_PASSWORD_NAME.test(match[1])) continue;
    const literal = stringLiteralAt(model, match.index! + match[0].length);
    if (literal && literalPassword(literal) !== undefined) out.push(literal);
  }
  return out;
}
