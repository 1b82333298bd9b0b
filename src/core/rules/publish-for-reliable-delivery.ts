/** publish-for-reliable-delivery: Pub/Sub is at-most-once; work items published there can be lost. */
import { keyPatternOf } from '../analysis/argumentValues';
import type { Rule } from './rule';
import { methodName, shownKey } from './support/clients';
import { sitesWith } from './support/sites';
import { IMPORT_IOREDIS } from './exampleImports';

const WORK_CHANNEL = /(^|[:._\-/])(jobs?|tasks?|orders?|emails?|mails?|payments?|invoices?|work|queue|commands?|notifications?-to-send|webhooks?)([:._\-/]|$)/i;

/** The message is the id of a work item (`str(task_id)`, `job.id`). */
const WORK_MESSAGE = /^(?:str\(|String\()?\s*[\w.]*\b(task|job)s?(_?id|Id|\.id)\b\s*\)?$/i;

/** Value of a string constant the file assigns once at top level (`const CHANNEL = 'queue-job'`, `TOPIC = "tasks"`). */
function constantString(text: string, name: string): string | undefined {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) return undefined;
  const match = new RegExp(`^(?:(?:export\\s+)?(?:const|let|var)\\s+)?${name.replace(/\$/g, '\\$')}\\s*(?::\\s*\\w+\\s*)?=\\s*(['"\`])([^'"\`\\n]*)\\1\\s*;?\\s*$`, 'm').exec(text);
  return match?.[2];
}

export const publishForReliableDelivery: Rule = {
  meta: {
    id: 'publish-for-reliable-delivery',
    code: 'RR208',
    category: 'reliability',
    defaultSeverity: 'warning',
    languages: ['python', 'javascript'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'skip' },
    messages: {
      publish: '{{command}} to {{channel}} looks like work that must be processed, but Pub/Sub delivers at most once: a subscriber that is down, restarting or too slow loses it. Use a stream with a consumer group ({{xadd}} + XREADGROUP + XACK).',
    },
    docs: {
      summary: 'Publishing jobs/orders/emails over Pub/Sub loses messages.',
      what: 'Reports PUBLISH/SPUBLISH to channels whose name marks them as work items (jobs, tasks, orders, emails, payments, …), also when the channel is a string constant of the file, and to channels named elsewhere (a settings import) when the message is a task or job id (`publish(topic, str(task_id))`).',
      why: 'Pub/Sub has no storage: a message reaches only the subscribers connected at that instant. Restarts, deploys, network blips and slow subscribers disconnected by the output buffer limit drop messages silently.',
      examples: [
        { client: 'redis-py', file: 'app/orders.py', bad: 'import json\nimport redis\n\nr = redis.Redis()\n\ndef submit(order):\n    r.publish("orders:new", json.dumps(order))\n', good: 'import json\nimport redis\n\nr = redis.Redis()\n\ndef submit(order):\n    r.xadd("orders:new", {"body": json.dumps(order)}, maxlen=100000)\n' },
        { client: 'ioredis', file: 'src/mail.ts', bad: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function sendEmail(body: string) {\n  return redis.publish('email:send', body);\n}\n", good: IMPORT_IOREDIS + "const redis = new Redis();\nredis.on('error', console.error);\n\nexport function sendEmail(body: string) {\n  return redis.xadd('email:send', 'MAXLEN', '~', 100000, '*', 'body', body);\n}\n" },
        { client: 'node-redis', file: 'src/jobs.ts', bad: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function enqueue(job: string) {\n  return client.publish('jobs', job);\n}\n", good: "import { createClient } from 'redis';\nconst client = createClient();\nclient.on('error', console.error);\n\nexport function enqueue(job: string) {\n  return client.xAdd('jobs', '*', { job }, { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: 100000 } });\n}\n" },
      ],
      fix: 'Use Streams with consumer groups (XADD, XREADGROUP, XACK, XAUTOCLAIM for retries) or a list queue with the LMOVE reliable-queue pattern. Keep Pub/Sub for cache invalidation, presence and live UI updates.',
      falsePositives: 'Notifications where loss is acceptable; suppress inline.',
      references: [
        { title: 'Pub/Sub delivery semantics', url: 'https://redis.io/docs/latest/develop/interact/pubsub/' },
        { title: 'Streams and consumer groups', url: 'https://redis.io/docs/latest/develop/data-types/streams/' },
      ],
    },
  },
  check(context) {
    for (const site of sitesWith(context.model, ['PUBLISH', 'SPUBLISH'])) {
      const channel = keyPatternOf(site.args[0]) ?? constantString(context.model.text, site.args[0]?.text.trim() ?? '');
      // A channel named elsewhere (imported from settings) carrying a task/job id is a work queue too.
      const work = channel ? WORK_CHANNEL.test(channel) : site.args[0]?.value.kind === 'name' && WORK_MESSAGE.test(site.args[1]?.text ?? '');
      if (!work) continue;
      context.report({
        messageId: 'publish',
        data: { command: site.command, channel: shownKey(site), xadd: methodName(site.receiver.library, 'xadd', 'xadd', 'xAdd') },
        span: site.span,
      });
    }
  },
};
