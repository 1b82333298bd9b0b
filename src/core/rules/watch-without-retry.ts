/** watch-without-retry: optimistic WATCH transactions that silently drop the write on conflict. */
import type { Rule } from './rule';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';

/** The function runs the transaction itself: MULTI/EXEC, a pipeline, redis-py's execute(). */
const TRANSACTION = /\b(?:multi|exec|execute|execAsPipeline|pipeline|transaction)\s*\(/i;
const HANDLED = /WatchError|TxFailedErr|\bretry\w*\s*\(|===?\s*null|!==?\s*null|\bis None\b|\bis not None\b/;
/** `const result = await multi.exec()` (also a chain ending in exec()): the name the function binds EXEC's reply to. */
const EXEC_REPLY = /\b([A-Za-z_$][\w$]*)\s*=\s*(?:await\s+)?[^;=]{0,200}?\.exec\s*\(/g;

/** The function tests the reply it bound to EXEC for falsiness (`if (!result) throw ...`): the aborted transaction is noticed. */
function testsExecReply(body: string): boolean {
  for (const match of body.matchAll(EXEC_REPLY)) {
    const name = match[1].replace(/\$/g, '\\$');
    if (new RegExp(`!\\s*${name}\\b(?!\\s*[.[(])|\\bif\\s*\\(\\s*${name}\\s*\\)`).test(body)) return true;
  }
  return false;
}

export const watchWithoutRetry: Rule = {
  meta: {
    id: 'watch-without-retry',
    code: 'RR207',
    category: 'correctness',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      watch: 'WATCH starts an optimistic transaction: when a watched key changes, EXEC applies nothing ({{failure}}) and this code does not retry. Loop until EXEC succeeds{{helper}}, or use a Lua script.',
    },
    docs: {
      summary: 'WATCH/MULTI/EXEC without a retry loop silently loses writes on conflict.',
      what: 'Reports WATCH calls that are not inside a loop and whose function neither handles WatchError nor checks EXEC\'s null reply (compared with null, or the reply bound to a name and tested for falsiness: `const result = await multi.exec(); if (!result) throw conflict()`). A function that only WATCHes and runs no MULTI/EXEC itself (a `watchIfPossible(key)` wrapper) leaves the transaction to its callers and is not reported.',
      why: 'WATCH is optimistic locking: if another client modifies a watched key before EXEC, the transaction is discarded — EXEC returns null (ioredis/node-redis) or raises WatchError (redis-py). Without a retry the update is silently lost under contention.',
      examples: [
        { client: 'redis-py', file: 'app/wallet.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef debit(uid, amount):\n    with r.pipeline() as pipe:\n        pipe.watch(f"balance:{uid}")\n        balance = int(pipe.get(f"balance:{uid}"))\n        pipe.multi()\n        pipe.set(f"balance:{uid}", balance - amount)\n        pipe.execute()\n', good: 'import redis\n\nr = redis.Redis()\n\ndef debit(uid, amount):\n    def update(pipe):\n        balance = int(pipe.get(f"balance:{uid}"))\n        pipe.multi()\n        pipe.set(f"balance:{uid}", balance - amount)\n    r.transaction(update, f"balance:{uid}")\n' },
        { client: 'ioredis', file: 'src/wallet.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function debit(uid: string, amount: number) {\n  await redis.watch(`balance:${uid}`);\n  const balance = Number(await redis.get(`balance:${uid}`));\n  await redis.multi().set(`balance:${uid}`, balance - amount).exec();\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function debit(uid: string, amount: number) {\n  for (let attempt = 0; attempt < 5; attempt++) {\n    await redis.watch(`balance:${uid}`);\n    const balance = Number(await redis.get(`balance:${uid}`));\n    const result = await redis.multi().set(`balance:${uid}`, balance - amount).exec();\n    if (result) return;\n  }\n  throw new Error('debit: too much contention');\n}\n" },
        { client: 'node-redis', file: 'src/wallet.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function debit(uid: string, amount: number) {\n  await client.watch(`balance:${uid}`);\n  const balance = Number(await client.get(`balance:${uid}`));\n  await client.multi().set(`balance:${uid}`, String(balance - amount)).exec();\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function debit(uid: string, amount: number) {\n  await client.decrBy(`balance:${uid}`, amount);\n}\n" },
      ],
      fix: 'Wrap WATCH…EXEC in a bounded retry loop (redis-py `r.transaction(fn, *keys)` does it for you), or replace the read-modify-write with an atomic command (INCRBY, HINCRBY) or a Lua script.',
      falsePositives: 'Code that deliberately gives up and reports a conflict is fine when it checks EXEC\'s result or catches WatchError — such functions are not reported.',
      references: [
        { title: 'Transactions: optimistic locking', url: 'https://redis.io/docs/latest/develop/interact/transactions/' },
        { title: 'redis-py: pipelines and transactions', url: 'https://redis.readthedocs.io/en/stable/advanced_features.html' },
      ],
    },
  },
  check(context) {
    const { text } = context.model;
    for (const site of sitesWith(context.model, ['WATCH'])) {
      if (site.anyLoop) continue;
      const fn = site.enclosingFunction;
      const body = fn ? text.slice(fn.span.startOffset, fn.span.endOffset) : text;
      if (HANDLED.test(body) || testsExecReply(body)) continue;
      // A wrapper that only WATCHes (`watchIfPossible(key)`): the transaction, and its retry, live in its callers.
      if (fn && !TRANSACTION.test(body)) continue;
      const python = site.receiver.library === 'redis-py';
      context.report({
        messageId: 'watch',
        data: { failure: python ? 'execute() raises WatchError' : 'exec() resolves to null', helper: python ? ' (r.transaction(fn, *keys) does this)' : '' },
        span: site.span,
      });
    }
  },
};
