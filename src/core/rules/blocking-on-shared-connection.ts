/** blocking-on-shared-connection: a blocking command parks a multiplexed connection that others share. */
import { BLOCKING_COMMANDS, STREAM_BLOCKING_COMMANDS, SUBSCRIBE_COMMANDS } from '../analysis/commandNames';
import type { RedisCallSite } from '../analysis/model';
import type { Rule } from './rule';
import { hasOption } from './support/options';
import { IMPORT_IOREDIS } from './exampleImports';

/**
 * Commands that set up or close the connection itself (`blocking.quit()` in a finally after the BLPOP): sent
 * before or after the block by the code that owns the connection, they do not share it with other work.
 */
const CONNECTION_LIFECYCLE = new Set(['QUIT', 'RESET', 'AUTH', 'HELLO', 'SELECT', 'CLIENT SETNAME', 'CLIENT SETINFO', 'CLIENT ID']);

export const blockingOnSharedConnection: Rule = {
  meta: {
    id: 'blocking-on-shared-connection',
    code: 'RR205',
    category: 'latency',
    defaultSeverity: 'warning',
    languages: ['javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      blocking: '{{command}} blocks the connection of {{receiver}} until it returns{{timeout}}; every other command sent through {{receiver}} waits behind it. Run it on a dedicated connection ({{dedicated}}).',
    },
    docs: {
      summary: 'BLPOP/BRPOP/XREAD BLOCK on the app-wide ioredis/node-redis client stall every other command.',
      what: 'Reports blocking commands (BLPOP, BRPOP, BLMOVE, BZPOPMIN, … and XREAD/XREADGROUP with BLOCK) on an ioredis or node-redis client that the same file also uses for other commands. A worker loop whose connection serves only that loop is dedicated, not shared: when the blocking call runs in a loop and every other command on the connection runs in the same function (or in this file\'s functions called only from it), one command at a time, it is not reported. Commands that set up or close the connection (QUIT in a `finally` after the block, SELECT, AUTH, CLIENT SETNAME) do not count as sharing it.',
      why: 'ioredis instances and node-redis clients multiplex all commands over one connection. A blocking command parks that connection: everything queued behind it waits for the block to end — up to forever with a 0 timeout.',
      examples: [
        { client: 'ioredis', file: 'src/worker.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function next() {\n  await redis.incr('polls');\n  return redis.brpop('jobs', 0);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\nconst blocking = redis.duplicate();\nblocking.on('error', console.error);\n\nexport async function next() {\n  await redis.incr('polls');\n  return blocking.brpop('jobs', 0);\n}\n" },
        { client: 'node-redis', file: 'src/worker.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function next() {\n  await client.incr('polls');\n  return client.blPop('jobs', 0);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\nconst worker = client.duplicate();\nworker.on('error', console.error);\n\nexport async function next() {\n  await client.incr('polls');\n  return worker.blPop('jobs', 0);\n}\n" },
      ],
      fix: 'Give blocking consumers their own connection: ioredis `redis.duplicate()`, node-redis `client.duplicate()` (v4 also `commandOptions({ isolated: true })`, v5 `createClientPool()`). Keep the block timeout finite.',
      falsePositives: 'redis-py takes a pooled connection per command, so it is not affected and not reported.',
      references: [
        { title: 'node-redis: blocking commands', url: 'https://github.com/redis/node-redis#blocking-commands' },
        { title: 'BLPOP', url: 'https://redis.io/docs/latest/commands/blpop/' },
      ],
    },
  },
  check(context) {
    const sites = context.model.callSites;
    for (const site of sites) {
      const blocking = BLOCKING_COMMANDS.has(site.command) || (STREAM_BLOCKING_COMMANDS.has(site.command) && hasOption(site, ['BLOCK', 'block'], 0));
      if (!blocking || site.receiver.library === 'redis-py' || site.batched) continue;
      if (site.args[0] && /isolated/.test(site.args[0].text)) continue;
      const others = sites.filter((s) => s !== site && s.receiver.identity === site.receiver.identity && !BLOCKING_COMMANDS.has(s.command) && !STREAM_BLOCKING_COMMANDS.has(s.command) && !SUBSCRIBE_COMMANDS.has(s.command) && !CONNECTION_LIFECYCLE.has(s.command));
      const other = others[0];
      if (!other || isWorkerLoop(context.model.text, site, others)) continue;
      const last = site.args[site.args.length - 1];
      const timeout = last?.value.kind === 'number' ? (last.value.value === 0 ? ' (timeout 0: possibly forever)' : ` (up to ${last.text} s)`) : '';
      context.report({
        messageId: 'blocking',
        data: { command: site.command, receiver: site.receiver.text, timeout, dedicated: `${site.receiver.text}.duplicate()` },
        span: site.span,
        related: other ? [{ span: other.span, message: `${other.command} shares the connection` }] : undefined,
      });
    }
  },
};

/** `name(` / `this.name(` / `self.name(` calls (not `other.name(`, not the definition's own `function name(`). */
function callsOf(text: string, name: string): number[] {
  const escaped = name.replace(/[$]/g, '\\$');
  const pattern = new RegExp(`(?:\\bthis\\.|(?<![\\w$.]))${escaped}\\s*\\(`, 'g');
  const out: number[] = [];
  for (const match of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, match.index! - 20), match.index);
    if (!/(function\s*\*?\s*|async\s+)$/.test(before)) out.push(match.index!);
  }
  return out;
}

/**
 * A dedicated worker loop: the blocking call sits in a loop, and every other command on the connection runs in
 * that same function, or in a function of this file that is only called from it (awaited in turn, never
 * concurrently with the block).
 */
function isWorkerLoop(text: string, site: RedisCallSite, others: readonly RedisCallSite[]): boolean {
  const loop = site.anyLoop ?? site.loop?.span;
  const worker = site.enclosingFunction;
  if (!loop || !worker) return false;
  const inWorker = (offset: number) => offset >= worker.span.startOffset && offset < worker.span.endOffset;
  const helpers = new Map<string, boolean>();
  return others.every((other) => {
    const fn = other.enclosingFunction;
    if (!fn) return false;
    if (fn.span.startOffset === worker.span.startOffset) return true;
    if (inWorker(fn.span.startOffset) || !/^[A-Za-z_$][\w$]*$/.test(fn.name)) return false;
    let onlyFromWorker = helpers.get(fn.name);
    if (onlyFromWorker === undefined) {
      const exported = new RegExp(`export\\s+(?:default\\s+)?(?:async\\s+)?function\\s*\\*?\\s*${fn.name.replace(/[$]/g, '\\$')}\\b|exports\\.${fn.name.replace(/[$]/g, '\\$')}\\b`).test(text);
      const calls = callsOf(text, fn.name).filter((offset) => offset < fn.span.startOffset || offset >= fn.span.endOffset);
      onlyFromWorker = !exported && calls.length > 0 && calls.every(inWorker);
      helpers.set(fn.name, onlyFromWorker);
    }
    return onlyFromWorker;
  });
}
