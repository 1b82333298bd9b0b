/** select-db: numbered databases do not exist in Cluster and SELECT on shared connections leaks. */
import type { Rule } from './rule';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';

const URL_DB = /^rediss?:\/\/[^/?#]*\/(\d+)/;

export const selectDb: Rule = {
  meta: {
    id: 'select-db',
    code: 'RR404',
    category: 'cluster',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    clusterAware: true,
    messages: {
      select: 'SELECT {{db}} switches the database of one pooled/multiplexed connection, not of the client: later commands may run against another database. Cluster only has database 0; use key prefixes or a separate instance.',
      option: 'Database {{db}} ({{where}}): Redis Cluster only has database 0, and numbered databases share one server (a FLUSHALL or memory blow-up in one hurts all). Prefer key prefixes or separate instances.',
    },
    docs: {
      summary: 'Numbered databases (SELECT, db=N) break in Cluster and share one server.',
      what: 'Reports SELECT calls, and clients configured with a database other than 0 (`db=`, `database:`, or a `redis://host/N` URL). Severity is raised to error when `"cluster": true`.',
      why: 'Cluster supports only database 0, so the code cannot move to Cluster. Numbered databases share memory, CPU and dangerous commands of one process. SELECT on a pooled connection changes the database for whoever borrows that connection next.',
      examples: [
        { client: 'redis-py', file: 'app/sessions.py', bad: 'import redis\n\nsessions = redis.Redis(host="cache", db=3)\n', good: 'import redis\n\nsessions = redis.Redis(host="cache")\nSESSION_PREFIX = "session:"\n' },
        { client: 'ioredis', file: 'src/sessions.ts', bad: IMPORT_IOREDIS + "\nexport const sessions = new Redis('redis://cache:6379/3');\nsessions.on('error', console.error);\n", good: IMPORT_IOREDIS + "\nexport const sessions = new Redis('redis://cache:6379', { keyPrefix: 'session:' });\nsessions.on('error', console.error);\n" },
        { client: 'node-redis', file: 'src/sessions.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function useSessions() {\n  await client.select(3);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport async function session(id: string) {\n  return client.get(`session:${id}`);\n}\n" },
      ],
      fix: 'Separate data with key prefixes (ioredis `keyPrefix`), or run separate instances per application. If a numbered database is unavoidable, configure it at client construction and never call SELECT on pooled connections.',
      falsePositives: 'Tests that isolate themselves in database 15 are skipped by path.',
      references: [
        { title: 'SELECT', url: 'https://redis.io/docs/latest/commands/select/' },
        { title: 'Cluster spec', url: 'https://redis.io/docs/latest/operate/oss_and_stack/reference/cluster-spec/' },
      ],
    },
  },
  check(context) {
    const severity = context.config.cluster ? 'error' : undefined;
    for (const site of sitesWith(context.model, ['SELECT'])) {
      const db = site.args[0];
      if (db?.value.kind === 'number' && db.value.value === 0) continue;
      context.report({ messageId: 'select', data: { db: db?.text ?? '' }, span: site.span, severity });
    }
    for (const creation of context.model.creations) {
      for (const name of ['db', 'database']) {
        const option = creation.options[name];
        if (option?.value.kind === 'number' && option.value.value !== 0) {
          context.report({ messageId: 'option', data: { db: option.value.value, where: `${name}=${option.text}` }, span: option.fullSpan, severity });
        }
      }
      for (const arg of [...creation.args, creation.options.url].filter(Boolean)) {
        const url = arg!.value.kind === 'string' ? arg!.value.value : undefined;
        const match = url ? URL_DB.exec(url) : null;
        if (match && match[1] !== '0') context.report({ messageId: 'option', data: { db: match[1], where: 'in the URL' }, span: arg!.span, severity });
      }
    }
  },
};
