/**
 * unsafe-deserializer for a Redisson client created without a codec: Redisson's default codec (Kryo5 or Marshalling,
 * by version) instantiates the classes named in the stored bytes. A client used only for locks, semaphores or atomics
 * decodes nothing of the application's, so the creation is reported only where the code of its build module keeps
 * values in Redisson buckets, maps, collections, queues or topics with the client's codec.
 */
import type { JavaFacts, JavaInvocation } from '../../analysis/java/javaFacts';
import { storesRedissonObjects } from '../../analysis/java/redissonObjectStores';
import type { Span } from '../../findings';
import type { RuleContext } from '../rule';

/** The project-level fact the workspace index answers (see WorkspaceIndex.javaModuleStoresRedissonObjects). */
interface RedissonStores {
  javaModuleStoresRedissonObjects?(path: string): boolean;
}

/**
 * A configuration whose codec this file cannot see or does set: a codec installed anywhere in the file, or a Config
 * read from a YAML or JSON file (which may name one).
 */
const CODEC_CHOSEN_ELSEWHERE = /\.\s*(?:setCodec|codec)\s*\(|\bConfig\s*\.\s*from(?:YAML|JSON|Yaml|Json)\s*\(/;

export function javaRedissonDefaultCodec(context: RuleContext, facts: JavaFacts, report: (span: Span, messageId: string, data?: Record<string, string>) => void): void {
  const creations = facts.invocations.filter((invocation) => isRedissonCreate(invocation) && !configFromCaller(invocation, facts));
  if (!creations.length || CODEC_CHOSEN_ELSEWHERE.test(facts.codeText)) return;
  const where = storesRedissonObjects(facts.codeText) ? 'file' : (context.workspaceKeys as RedissonStores | undefined)?.javaModuleStoresRedissonObjects?.(context.model.path) ? 'module' : undefined;
  if (!where) return;
  for (const creation of creations) {
    report(creation.span, 'Redisson.create(…) sets no codec, and the Redisson buckets, maps, collections or queues of this {{where}} keep values through this client: Redisson\'s default codec (Kryo5 or Marshalling) instantiates the classes named in the stored bytes, so anyone who can write to Redis chooses what is instantiated. Set config.setCodec(...) to StringCodec, or a TypedJsonJacksonCodec bound to your class.', { where });
  }
}

/** `Redisson.create()` or `Redisson.create(config)`. */
function isRedissonCreate(invocation: JavaInvocation): boolean {
  return invocation.name === 'create' && /^(?:org\.redisson\.)?Redisson$/.test(invocation.object) && invocation.args.length <= 1;
}

/** The Config comes in as a parameter of the creating method: its caller may have set the codec. */
function configFromCaller(invocation: JavaInvocation, facts: JavaFacts): boolean {
  const arg = invocation.args[0]?.trim();
  if (!arg || invocation.method === undefined) return false;
  return facts.methods[invocation.method].params.includes(arg);
}
