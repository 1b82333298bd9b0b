/** command-not-on-target: a Redis command the project's target server (`"server"` in .redis-review.json) lacks. */
import { availabilitySummary, commandOnServer, serverLabel } from '../commands/commandAvailability';
import { COMMAND_TABLE_SERVERS, lookupCommand } from '../commands/commandTable';
import type { Rule } from './rule';
import { handlesErrorReply } from './support/errorReplyGuards';
import { IMPORT_IOREDIS } from './exampleImports';

export const commandNotOnTarget: Rule = {
  meta: {
    id: 'command-not-on-target',
    code: 'RR701',
    category: 'correctness',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'lower', script: 'keep' },
    messages: {
      missing: '{{command}} is not available on {{target}}, the target server: it is on {{availability}}. {{target}} replies with an unknown-command error; if the project runs a newer server, set "server" in .redis-review.json.',
    },
    docs: {
      summary: 'A command the target server (Redis 7.0, Redis 7.4 or Valkey 8) does not have.',
      what: 'Reports Redis calls whose command (or subcommand, such as CLIENT NO-TOUCH) the project\'s target server lacks, judged from the command table read from each real server (COMMAND DOCS): HEXPIRE and the other hash-field TTL commands need Redis 7.4 and are not in Valkey 8.0, CLIENT NO-TOUCH and WAITAOF need Redis 7.2, HGETEX/HSETEX/HGETDEL are Redis 8.0 (from its documentation, not tested). The target is `"server"` in `.redis-review.json`: "redis-7.0" (the default, the oldest), "redis-7.4" or "valkey-8". Commands the table does not know (module commands such as JSON.SET) are not judged.',
      why: 'A command the server does not have fails at run time with `ERR unknown command`, often only in production when development runs a newer server than the one deployed. Redis and Valkey have diverged since 7.2: a command added to Redis 7.4 is not in Valkey 8.0, and the reverse.',
      examples: [
        { client: 'redis-py', file: 'app/sessions.py', bad: 'import redis\n\nr = redis.Redis()\n\ndef remember(sid, token):\n    r.hset(f"session:{sid}", "token", token)\n    r.hexpire(f"session:{sid}", 900, "token")\n', good: 'import redis\n\nr = redis.Redis()\n\ndef remember(sid, token):\n    r.hset(f"session:{sid}", "token", token)\n    r.expire(f"session:{sid}", 900)\n' },
        { client: 'ioredis', file: 'src/sessions.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function quietRead(key: string) {\n  await redis.client('NO-TOUCH', 'ON');\n  return redis.get(key);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport async function quietRead(key: string) {\n  return redis.get(key);\n}\n" },
      ],
      fix: 'Use what the target has (EXPIRE on the whole hash instead of per-field HEXPIRE; a separate key per field when fields need their own TTL), or, when the project really runs a newer server, say so: `{ "server": "redis-7.4" }` in `.redis-review.json`.',
      falsePositives: 'Calls whose error reply the code handles where it sends them are not reported: inside a `try` with an `except`/`catch` (`try: r.client_setinfo("LIB-NAME", name) except ResponseError: r.echo(name)`), or with `.catch(…)` chained on the call: an older server\'s unknown-command error is expected there. Code that checks the server version first and only then sends the command: suppress the line. Projects that run a newer server than the default (Redis 7.0) should set `"server"` rather than turn the rule off.',
      references: [
        { title: 'COMMAND DOCS', url: 'https://redis.io/docs/latest/commands/command-docs/' },
        { title: 'HEXPIRE (Redis 7.4)', url: 'https://redis.io/docs/latest/commands/hexpire/' },
        { title: 'Valkey commands', url: 'https://valkey.io/commands/' },
      ],
    },
  },
  check(context) {
    const target = COMMAND_TABLE_SERVERS.find((server) => server.id === context.config.server);
    if (!target) return;
    for (const site of context.model.callSites) {
      const [name, sub] = site.command.split(/\s+/);
      const spec = lookupCommand(name, sub);
      if (!spec || commandOnServer(spec, target.id)) continue;
      if (handlesErrorReply(site, context.model.text, context.model.language)) continue;
      context.report({
        messageId: 'missing',
        data: { command: spec.name.replace('|', ' ').toUpperCase(), target: serverLabel(target), availability: availabilitySummary(spec) },
        span: site.span,
      });
    }
  },
};
