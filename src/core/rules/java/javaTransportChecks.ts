/** Java check of how a client reaches Redis: in clear text to a host that is not local. */
import { javaFactsOf } from '../../analysis/java/javaFacts';
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';
import { isLocalHost, urlHost } from '../support/hosts';

/** Constructors whose first two arguments are host and port (Jedis, its pools, cluster nodes, Spring's standalone configuration). */
const HOST_PORT_TYPES = /^(Jedis|JedisPool|JedisPooled|JedisSentinelPool|HostAndPort|RedisStandaloneConfiguration|JedisShardInfo)$/;
/** The file turns TLS on somewhere: `ssl(true)`, `setSsl(true)`, `useSsl()`, `withSsl(true)`, `DefaultJedisClientConfig.builder().ssl(true)`. */
const TLS_ON = /\b(?:ssl|setSsl|useSsl|withSsl|setUseSsl|enableSsl)\(\s*(?:true)?\s*\)|\brediss:\/\//;

/**
 * `redis://host` literals (Redisson addresses, Lettuce and Jedis URLs, Spring settings in code) and host-and-port
 * constructors with a literal host that is neither loopback, a private address nor a service name, in a file that
 * never turns TLS on. The finding sits on the literal.
 */
export function javaPlaintextRemoteConnection(context: RuleContext): void {
  const text = context.model.text;
  if (!/redis:\/\/|"[\w.-]+\.[a-z]{2,}"|"\d+\.\d+\.\d+\.\d+"/i.test(text)) return;
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  const code = facts.codeText;
  if (TLS_ON.test(code)) return;
  const reported = new Set<number>();
  const report = (start: number, end: number, host: string) => {
    if (reported.has(start)) return;
    reported.add(start);
    context.report({
      messageId: 'The connection to {{host}} is not encrypted: the password and every command and reply cross the network in clear text. Use rediss:// (or enable SSL on the client) for a Redis that is not on this host or its private network.',
      data: { host },
      span: spanFromOffsets(text, start, end),
    });
  };
  for (const match of code.matchAll(/"(redis:\/\/[^"\s]*)"/g)) {
    const host = urlHost(match[1]);
    if (!host || host.includes('$') || isLocalHost(host)) continue;
    report(match.index + 1, match.index + match[0].length - 1, host);
  }
  for (const creation of facts.creations) {
    if (!HOST_PORT_TYPES.test(creation.type)) continue;
    const hostArg = creation.args.find((a) => /^"[^"]+"$/.test(a));
    const host = hostArg?.slice(1, -1);
    if (!host || /^rediss?:\/\//.test(host) || !/^[\w.-]+$/.test(host) || isLocalHost(host)) continue;
    const at = text.indexOf(hostArg!, creation.callSpan.startOffset);
    if (at >= 0 && at < creation.callSpan.endOffset) report(at + 1, at + hostArg!.length - 1, host);
  }
}
