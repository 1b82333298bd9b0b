/**
 * Java select-db: SELECT on a pooled connection, a pool URL naming a database, and clients configured with a numbered
 * database (setDatabase/withDatabase with a literal or constant, or with the parameter of a builder the file calls
 * with a number).
 */
import { javaFactsOf, type JavaFacts, type JavaInvocation } from '../../analysis/java/javaFacts';
import type { RuleContext } from '../rule';
import { callText } from './javaSupport';

export function javaSelectDb(context: RuleContext): void {
  for (const site of context.model.callSites) {
    if (site.command !== 'SELECT') continue;
    const db = site.args[0]?.value;
    if (db?.kind === 'number' && db.value === 0) continue;
    context.report({
      messageId: '{{call}} switches a pooled connection to database {{db}}: the connection keeps it for its next borrower, and numbered databases do not exist in Redis Cluster; use key prefixes, or set the database once in the pool configuration.',
      data: { call: callText(site), db: site.args[0]?.text ?? '?' },
      span: site.span,
    });
  }
  const facts = javaFactsOf(context.model);
  reportConfiguredDatabase(context, facts);
  for (const creation of facts?.creations ?? []) {
    if (!/^(JedisPool|JedisPooled|Jedis|JedisSentinelPool)$/.test(creation.type)) continue;
    const url = creation.args.find((a) => /^"\w+:\/\/[^"]*\/(\d+)"$/.test(a));
    const db = url ? Number(/\/(\d+)"$/.exec(url)![1]) : undefined;
    if (!db) continue;
    context.report({
      messageId: 'new {{type}}(…) connects to database {{db}} of the URL: numbered databases share one server\'s CPU and memory and do not exist in Redis Cluster; use key prefixes.',
      data: { type: creation.type, db },
      span: creation.span,
    });
  }
}

/**
 * A client configured with a numbered database: Spring's `RedisStandaloneConfiguration` / connection factories and
 * Redisson's server configs `setDatabase(n)`, Lettuce's `RedisURI.Builder.withDatabase(n)`, with n a literal or a
 * constant of the file. A value read from configuration is the deployment's choice.
 */
function reportConfiguredDatabase(context: RuleContext, facts: ReturnType<typeof javaFactsOf>): void {
  for (const invocation of facts?.invocations ?? []) {
    if ((invocation.name !== 'setDatabase' && invocation.name !== 'withDatabase') || invocation.args.length !== 1) continue;
    const db = databaseNumber(invocation.args[0], context.model.text);
    if (!db) {
      for (const { call, db: chosen } of callsChoosingDatabase(context.model.text, facts!, invocation)) {
        context.report({
          messageId: '{{call}} builds a client on database {{db}} (its argument goes to {{setter}}): numbered databases share one server\'s CPU and memory, are invisible to per-database tooling, and do not exist in Redis Cluster; keep database 0 and separate data with key prefixes.',
          data: { call: `${call.name}(${call.args.join(', ')})`, db: chosen, setter: invocation.name },
          span: call.span,
        });
      }
      continue;
    }
    context.report({
      messageId: '{{call}}({{db}}) puts this client on database {{db}}: numbered databases share one server\'s CPU and memory, are invisible to per-database tooling, and do not exist in Redis Cluster; keep database 0 and separate data with key prefixes.',
      data: { call: invocation.name, db },
      span: invocation.span,
    });
  }
}

/** Parameter names that tell a builder where to connect: a generic connection helper, whose callers choose everything. */
const ADDRESS_PARAMETER = /host|port|url|uri|address|node|endpoint|server/i;

/**
 * `redisConnectionFactory(int namespace)` calling `factory.setDatabase(namespace)`, and the file's calls
 * `redisConnectionFactory(1)`, `redisConnectionFactory(2)`: a builder of one client per database number, each call with
 * a number > 0 choosing one, as the rule reads a parameter of the function that builds the client. A builder also
 * told the address is a generic connection helper, and one no call of the file passes a number to is configuration's.
 */
function callsChoosingDatabase(text: string, facts: JavaFacts, setter: JavaInvocation): Array<{ call: JavaInvocation; db: number }> {
  const method = setter.method === undefined ? undefined : facts.methods[setter.method];
  const parameter = setter.args[0].trim();
  const index = method ? method.params.indexOf(parameter) : -1;
  if (!method || index < 0 || method.params.some((p) => ADDRESS_PARAMETER.test(p))) return [];
  // Reassigned before the setter: no longer the number the caller passed.
  if (new RegExp(`(?<![\\w$.])${parameter}\\s*=(?!=)`).test(text.slice(method.start, setter.callSpan.startOffset))) return [];
  const calls: Array<{ call: JavaInvocation; db: number }> = [];
  for (const call of facts.invocations) {
    if (call.name !== method.name || (call.object !== '' && call.object !== 'this') || call.args.length !== method.params.length) continue;
    const db = databaseNumber(call.args[index].trim(), text);
    if (db) calls.push({ call, db });
  }
  return calls;
}

/** A database number > 0 written as a literal, or as a constant the file assigns a literal. */
function databaseNumber(arg: string, text: string): number | undefined {
  const literal = /^\d+$/.test(arg) ? Number(arg) : /^[A-Z_][A-Z0-9_]*$/.test(arg) ? Number(new RegExp(`\\b${arg}\\s*=\\s*(\\d+)\\s*;`).exec(text)?.[1]) : undefined;
  return literal !== undefined && Number.isInteger(literal) && literal > 0 ? literal : undefined;
}
