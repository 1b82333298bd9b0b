/** missing-timeouts: clients that can wait forever on a dead or half-open connection. */
import type { Rule } from './rule';
import type { ClientCreation } from '../analysis/model';
import { IMPORT_IOREDIS } from './exampleImports';
import { queueConnectionMark } from '../analysis/queueConnections';
import { injectedClientIdentity } from '../analysis/injectionTokens';

const PY_FACTORIES = /(^|\.)(Redis|StrictRedis|RedisCluster|from_url|ConnectionPool|BlockingConnectionPool)$/;

function isNull(creation: ClientCreation, name: string): boolean {
  return creation.options[name]?.value.kind === 'null';
}

function isZero(creation: ClientCreation, name: string): boolean {
  const value = creation.options[name]?.value;
  return value?.kind === 'number' && value.value === 0;
}

/** Where the code says the connection serves blocking commands or subscriptions: `bclient`, `subscriber`, Bull. */
const BLOCKING_ROLE = /\b(?:bclient|blocking|subscriber|bull(?:mq)?)\b/i;
/** How far before the creation the code is read for that role (the branch or comment that picks these options). */
const ROLE_LOOKBACK = 300;

/**
 * `maxRetriesPerRequest: null` is what Bull and BullMQ require of their connections, together with
 * `enableReadyCheck: false` for Bull's blocking and subscriber clients: such a pair, or a creation the code around it
 * names for blocking work, is a queue connection whose commands are meant to wait.
 */
function madeForBlockingWork(creation: ClientCreation, text: string): boolean {
  if (creation.options.enableReadyCheck?.value.kind === 'boolean' && creation.options.enableReadyCheck.value.value === false) return true;
  const start = creation.span.startOffset;
  // The code of the creating function up to the creation; at module level, the paragraph it starts.
  const from = creation.enclosingFunction?.span.startOffset ?? text.lastIndexOf('\n\n', start) + 1;
  return BLOCKING_ROLE.test(text.slice(Math.max(from, start - ROLE_LOOKBACK), start));
}

/** `provide: 'REDIS_CLIENT'`, `provide: REDIS`, `provide: Tokens.redis`: a NestJS provider's token. */
const PROVIDE = /\bprovide\s*:\s*(?:(['"`])([^'"`$\n]+)\1|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*))/g;
/** How far before a provider's `useFactory` its `provide:` is looked for (the same object literal). */
const PROVIDER_REACH = 400;

/**
 * Another file hands this client to BullMQ, Bull or Bee-Queue as their `connection`: a module-level client it
 * imports (`new Worker(name, run, { connection: redis })`), or a NestJS provider's client injected into a queue
 * module's factory (`BullModule.forRootAsync({ useFactory: (redis) => ({ connection: redis }), inject: [TOKEN] })`).
 * BullMQ requires `maxRetriesPerRequest: null` of such a client, so the option is there for the queue.
 */
function handedToQueue(context: Parameters<Rule['check']>[0], creation: ClientCreation): boolean {
  const { model } = context;
  if (creation.moduleLevel && creation.binding && context.hasErrorListenerElsewhere(queueConnectionMark(`${model.path}#${creation.binding}`))) return true;
  const fn = creation.enclosingFunction;
  if (fn?.name !== 'useFactory') return false;
  const window = model.text.slice(Math.max(0, fn.span.startOffset - PROVIDER_REACH), fn.span.startOffset);
  const tokens = [...window.matchAll(PROVIDE)];
  const last = tokens[tokens.length - 1];
  const token = last?.[2] ?? last?.[3];
  return token !== undefined && context.hasErrorListenerElsewhere(queueConnectionMark(injectedClientIdentity(token)));
}

export const missingTimeouts: Rule = {
  meta: {
    id: 'missing-timeouts',
    code: 'RR204',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    subject: 'clients',
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      pyDisabled: '{{option}}=None disables the timeout: a half-open connection (failover, NAT drop) blocks the caller forever. Use a few seconds, e.g. {{option}}=5.',
      infiniteRetry: 'maxRetriesPerRequest: null makes every command wait indefinitely while Redis is unreachable, so requests hang instead of failing; use a small number (1–3) outside queue workers.',
      zero: '{{option}}: 0 disables the timeout; a connection that never completes blocks callers forever. Use a few seconds.',
    },
    docs: {
      summary: 'Clients without timeouts hang callers forever on a dead connection.',
      what: 'Reports redis-py clients with socket_timeout/socket_connect_timeout=None (omitted timeouts are not reported: redis-py 8 defaults to 5 s), ioredis clients with `maxRetriesPerRequest: null` outside BullMQ code or with `connectTimeout: 0`/`commandTimeout: 0`, and node-redis clients with `socket.connectTimeout: 0`.',
      why: 'After a failover or a dropped NAT mapping the TCP connection can stay half-open; without a timeout the client waits forever and so does the request or worker that called it. redis-py before 8.0 has no socket timeout by default.',
      examples: [
        { client: 'redis-py', file: 'app/store.py', bad: 'import redis\n\nr = redis.Redis(host="cache", socket_timeout=None)\n', good: 'import redis\n\nr = redis.Redis(host="cache", socket_timeout=5, socket_connect_timeout=5, health_check_interval=30)\n' },
        { client: 'ioredis', file: 'src/store.ts', bad: IMPORT_IOREDIS + "\nexport const redis = new Redis({ host: 'cache', maxRetriesPerRequest: null });\nredis.on('error', console.error);\n", good: IMPORT_IOREDIS + "\nexport const redis = new Redis({ host: 'cache', maxRetriesPerRequest: 2, commandTimeout: 5000 });\nredis.on('error', console.error);\n" },
        { client: 'node-redis', file: 'src/store.ts', bad: "import { createClient } from 'redis';\n\nexport const client = createClient({ socket: { host: 'cache', connectTimeout: 0 } });\nclient.on('error', console.error);\n", good: "import { createClient } from 'redis';\n\nexport const client = createClient({ socket: { host: 'cache', connectTimeout: 5000 } });\nclient.on('error', console.error);\n" },
      ],
      fix: 'Set connect and socket/command timeouts of a few seconds, keep blocking commands\' own timeouts below the socket timeout, and enable health checks (redis-py `health_check_interval`, node-redis `pingInterval`).',
      falsePositives: 'BullMQ workers require `maxRetriesPerRequest: null`; files importing bullmq are not reported, nor clients another file hands to BullMQ, Bull or Bee-Queue as their `connection` (a module-level client it imports, or a NestJS provider\'s client injected into a queue module\'s `useFactory`), nor connections created with Bull\'s required `enableReadyCheck: false` or where the code just before names them for blocking work (`bclient`, `subscriber`). Dedicated blocking consumers may disable timeouts on purpose: suppress inline.',
      references: [
        { title: 'redis-py: timeouts and retries', url: 'https://redis.readthedocs.io/en/stable/retry.html' },
        { title: 'ioredis: auto-reconnect', url: 'https://github.com/redis/ioredis#auto-reconnect' },
        { title: 'BullMQ: connections', url: 'https://docs.bullmq.io/guide/connections' },
      ],
    },
  },
  check(context) {
    const { model } = context;
    const usesBull = [...model.importedModules].some((m) => /bull/i.test(m));
    for (const creation of model.creations) {
      if (creation.factory === 'duplicate' || creation.kind === 'sentinel') continue;
      if (creation.library === 'redis-py') {
        if (!PY_FACTORIES.test(creation.factory)) continue;
        const disabled = ['socket_timeout', 'socket_connect_timeout'].find((name) => isNull(creation, name));
        // Omitted timeouts are not reported: redis-py 8 defaults to 5 s and the installed version is unknown.
        if (disabled) context.report({ messageId: 'pyDisabled', data: { option: disabled }, span: creation.options[disabled].fullSpan });
        continue;
      }
      if (creation.library === 'ioredis') {
        const retries = creation.options.maxRetriesPerRequest ?? creation.options['redisOptions.maxRetriesPerRequest'];
        if (retries?.value.kind === 'null' && !usesBull && !/worker|queue|bull/i.test(creation.binding ?? '') && !madeForBlockingWork(creation, model.text) && !handedToQueue(context, creation)) {
          context.report({ messageId: 'infiniteRetry', span: retries.fullSpan });
        }
        for (const name of ['connectTimeout', 'commandTimeout']) if (isZero(creation, name)) context.report({ messageId: 'zero', data: { option: name }, span: creation.options[name].fullSpan });
        continue;
      }
      for (const name of ['socket.connectTimeout', 'socket.socketTimeout']) if (isZero(creation, name)) context.report({ messageId: 'zero', data: { option: name.split('.')[1] }, span: creation.options[name].fullSpan });
    }
  },
};
