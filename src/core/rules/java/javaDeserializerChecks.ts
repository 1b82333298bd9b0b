/** Java check of serializers and codecs that let the stored bytes choose the class to instantiate (the Java analogue of pickle). */
import { javaFactsOf, type JavaInvocation, type JavaMethod } from '../../analysis/java/javaFacts';
import type { RedisCallSite } from '../../analysis/model';
import { spanFromOffsets } from '../../analysis/spans';
import type { RuleContext } from '../rule';
import { javaRedissonDefaultCodec } from './javaRedissonDefaultCodec';

/** Redisson codecs that trust type names in the data. */
const UNSAFE_CODECS = /^(FstCodec|SerializationCodec|MarshallingCodec|JsonJacksonCodec|SnappyCodec|Kryo5Codec|KryoCodec)$/;
const UNSAFE_CODEC_CONSTANTS = /\bCodecType\.(FST|SERIALIZATION|MARSHALLING|JSON_JACKSON|KRYO\w*)(_CODEC)?\b/g;
const READS = new Set(['GET', 'HGET', 'HGETALL', 'HVALS', 'LRANGE', 'SMEMBERS', 'LINDEX', 'LPOP', 'RPOP', 'ZRANGE', 'MGET', 'HMGET', 'GETSET', 'SPOP']);

export function javaUnsafeDeserializer(context: RuleContext): void {
  const facts = javaFactsOf(context.model);
  if (!facts) return;
  // Read only where needed: blanking the comments of a large file costs more than the rest of this check.
  const code = () => facts.codeText;
  // Serializers set on neighbouring lines (value and hash value) are one finding.
  const reportedLines: number[] = [];
  const report = (span: ReturnType<typeof spanFromOffsets>, messageId: string, data: Record<string, string> = {}) => {
    if (reportedLines.some((line) => Math.abs(line - span.start.line) <= 1)) return;
    reportedLines.push(span.start.line);
    context.report({ messageId, data, span });
  };

  for (const creation of facts.creations) {
    if (creation.type === 'JdkSerializationRedisSerializer') {
      report(creation.span, 'JdkSerializationRedisSerializer Java-deserializes whatever bytes are stored under the key: anyone who can write to Redis chooses the class to instantiate (gadget chains run code). Use StringRedisSerializer or a Jackson serializer bound to your class.');
    } else if (creation.type === 'GenericFastJsonRedisSerializer' && creation.args.length === 0) {
      // fastjson's generic serializer writes "@type" and reads it back with autoType on; only its constructor taking
      // the accepted type names (fastjson2) narrows what the stored JSON may name.
      report(creation.span, 'GenericFastJsonRedisSerializer reads values back with fastjson autoType on: the "@type" in the stored JSON picks the class to instantiate, so anyone who can write to Redis chooses it. Use FastJsonRedisSerializer bound to your class, or pass the type names to accept.');
    } else if (UNSAFE_CODECS.test(creation.type) && !creation.returned && !(creation.type === 'JsonJacksonCodec' && creation.args.length > 0 && /ObjectMapper|mapper/i.test(creation.args[0]) === false)) {
      report(creation.span, '{{codec}} decodes objects whose class is named in the stored data: anyone who can write to Redis chooses what is instantiated. Use StringCodec, or TypedJsonJacksonCodec bound to your class.', { codec: creation.type });
    } else if (!creation.returned && !UNSAFE_CODECS.test(creation.type) && codecVariableTypes(context.model.text).get(creation.callSpan.startOffset)) {
      // `KryoCodec codec = new ProjectKryoCodec();`: the project's subclass is still the codec its variable names.
      // Read from the raw text (same offsets): a creation is only found in code, so comments cannot match, and blanking them is not needed.
      const codec = codecVariableTypes(context.model.text).get(creation.callSpan.startOffset)!;
      report(creation.span, '{{codec}} decodes objects whose class is named in the stored data: anyone who can write to Redis chooses what is instantiated. Use StringCodec, or TypedJsonJacksonCodec bound to your class.', { codec });
    } else if (creation.type === 'RedisTemplate' && keepsJdkValueSerializer(code(), creation.callSpan.startOffset, creation.method === undefined ? undefined : facts.methods[creation.method])) {
      report(creation.span, 'This RedisTemplate sets no value serializer, so it keeps JdkSerializationRedisSerializer: every read Java-deserializes whatever bytes are stored under the key, and anyone who can write to Redis chooses the class to instantiate. Set a String or Jackson value serializer (or use StringRedisTemplate).');
    } else if (creation.type === 'RedissonSpringCacheManager' && creation.args.length < 3 && !/setCodec\s*\(/.test(code())) {
      report(creation.span, 'RedissonSpringCacheManager without a codec stores cached values with the Redisson client\'s default object codec, which instantiates the classes named in the stored bytes. Pass a codec bound to your types (TypedJsonJacksonCodec) or set one on the client.');
    }
  }
  // `config.setCodec(JsonJacksonCodec.INSTANCE)`, `redisson.getMap("m", FstCodec.INSTANCE)`: the codec's shared instance
  // installed as the client's or an object's codec decodes the same way a `new` one does.
  if (/Codec\.INSTANCE\b/.test(context.model.text)) {
    const text = code();
    for (const match of text.matchAll(CODEC_SINGLETONS)) {
      if (!UNSAFE_CODECS.test(match[1]) || !INSTALLS_CODEC.test(text.slice(Math.max(0, match.index! - 160), match.index!))) continue;
      report(spanFromOffsets(text, match.index!, match.index! + match[0].length), '{{codec}} decodes objects whose class is named in the stored data: anyone who can write to Redis chooses what is instantiated. Use StringCodec, or TypedJsonJacksonCodec bound to your class.', { codec: match[1] });
    }
  }
  // A Redisson client left on its default object codec, where the code of its module stores values through it.
  if (facts.invocations.some((invocation) => invocation.name === 'create')) javaRedissonDefaultCodec(context, facts, report);
  // Blanking comments only turns text into spaces: without `CodecType.` in the file there is no match in its code.
  const text = context.model.text.includes('CodecType.') ? code() : '';
  if (text && !/enum\s+CodecType\b/.test(text)) {
    // The first choice of such a codec is reported; the others repeat the same decision.
    for (const match of [...text.matchAll(UNSAFE_CODEC_CONSTANTS)].slice(0, 1)) {
      report(spanFromOffsets(text, match.index!, match.index! + match[0].length), '{{codec}} selects a Redisson codec that decodes objects whose class is named in the stored data: anyone who can write to Redis chooses what is instantiated. Use a String or typed JSON codec.', { codec: match[0] });
    }
  }
  // Jackson default typing is only a risk once that ObjectMapper is installed on a Redis serializer.
  for (const invocation of facts.invocations) {
    if (invocation.name !== 'enableDefaultTyping' && invocation.name !== 'activateDefaultTyping') continue;
    const validator = invocation.args[0] ?? '';
    const mapper = invocation.object.replace(/^this\./, '');
    // A validator built to allow every subtype of Object (`allowIfBaseType(Object.class)`) is no allow-list either, nor
    // is the mapper's own, unreplaced one.
    if (invocation.name === 'activateDefaultTyping' && validator && !/LaissezFaire|allowIf(?:Base|Sub)Type\(\s*(?:java\.lang\.)?Object\.class\s*\)/.test(validator) && !ownDefaultValidator(code(), validator)) continue;
    if (!mapper || !installedOnSerializer(code(), mapper)) continue;
    report(invocation.span, '{{method}}({{args}}) on the ObjectMapper of a Redis serializer lets the JSON read from Redis name any class to instantiate (polymorphic deserialization with no allow-list). Bind the serializer to your class, or pass a BasicPolymorphicTypeValidator that allows only your packages.', { method: invocation.name, args: invocation.args.join(', ').replace(/\s+/g, ' ').slice(0, 60) });
  }
  // RedisSerializer.java() is the JDK serializer under its factory name.
  for (const invocation of facts.invocations) {
    if (invocation.name !== 'java' || !/(^|\.)RedisSerializer$/.test(invocation.object) || !installsSerializer(code(), invocation.callSpan.startOffset)) continue;
    report(invocation.span, 'RedisSerializer.java() is JdkSerializationRedisSerializer: every read Java-deserializes whatever bytes are stored under the key, and anyone who can write to Redis chooses the class to instantiate (gadget chains run code). Use RedisSerializer.string(), or a Jackson serializer bound to your class.');
  }
  // RedisCacheConfiguration.defaultCacheConfig() keeps JdkSerializationRedisSerializer for values until serializeValuesWith replaces it.
  for (const invocation of facts.invocations) {
    if (invocation.name !== 'defaultCacheConfig' || !/(^|\.)RedisCacheConfiguration$/.test(invocation.object) || /\bserializeValuesWith\s*\(/.test(code())) continue;
    report(invocation.span, 'RedisCacheConfiguration.defaultCacheConfig() serializes cached values with JdkSerializationRedisSerializer unless serializeValuesWith replaces it: every cache read Java-deserializes bytes from Redis. Add .serializeValuesWith(...) with a JSON or String serializer.');
  }
  // Spring Boot's auto-configured RedisCacheManager uses JdkSerializationRedisSerializer unless a cache configuration says otherwise.
  // A cache manager another configuration class of the module declares replaces Spring Boot's (that file is judged on its own).
  if (facts.annotations.some((a) => a.name === 'EnableCaching') && /org\.springframework\.data\.redis/.test(code()) && !DECLARES_CACHE_MANAGER.test(code()) && !context.workspaceKeys?.javaModuleDeclaresCacheManager?.(context.model.path)) {
    for (const annotation of facts.annotations) {
      if (annotation.name !== 'EnableCaching') continue;
      report(annotation.fullSpan, '@EnableCaching with Spring Boot\'s auto-configured RedisCacheManager stores cached values with JdkSerializationRedisSerializer: every cache read Java-deserializes bytes from Redis. Declare a RedisCacheConfiguration with a JSON or String value serializer.');
    }
  }
  // A project's own Java deserialization applied to a reply read from Redis: a utility, or a method of this file that
  // reads its argument with ObjectInputStream (`getProductByBytes(bytes)` wrapping `new ObjectInputStream(...).readObject()`).
  const localDecoders = new Set(facts.methods.filter((m) => m.params.length === 1 && OBJECT_STREAM_READ.test(code().slice(m.start, m.end))).map((m) => m.name));
  for (const invocation of facts.invocations) {
    const localDecoder = localDecoders.has(invocation.name) && (invocation.object === '' || invocation.object === 'this') && invocation.args.length === 1;
    if (localDecoder) {
      if (readBeforeIn(invocation, facts.methods, context.model.callSites)) report(invocation.span, '{{name}}(…) Java-deserializes bytes read from Redis with ObjectInputStream: anyone who can write the key chooses the class to instantiate. Store JSON or strings and map them to your class.', { name: invocation.name });
      continue;
    }
    if (!/^(toObject|unserialize|deserialize|readObject)$/.test(invocation.name)) continue;
    // A project utility's one-argument decode (`RedisUtil.deserialize(bytes)`) has no target type: the bytes name it. Typed decoders take a class.
    const untypedUtility = invocation.args.length === 1 && /^[A-Z]\w*(?:Util|Utils|Helper|Tool|Tools)$/.test(invocation.object);
    if (invocation.object && !untypedUtility && !/^(SerializationUtils|SerializeUtils?|SerializeUtil|ObjectUtils?|SerializerUtils?)$/.test(invocation.object)) continue;
    if (!readBeforeIn(invocation, facts.methods, context.model.callSites)) continue;
    report(invocation.span, '{{name}}(…) Java-deserializes bytes read from Redis: anyone who can write the key chooses the class to instantiate. Store JSON or strings and map them to your class.', { name: invocation.name });
  }
}

/** A codec's shared instance, `JsonJacksonCodec.INSTANCE` (also package-qualified). */
const CODEC_SINGLETONS = /\b(?:org\.redisson\.(?:codec|client\.codec)\.)?(\w+Codec)\.INSTANCE\b/g;

/** The text before a codec is its installation: `setCodec(`, a `codec(` builder step, or a later argument of a `getX(name, ` opener. */
const INSTALLS_CODEC = /(?:\.\s*(?:setCodec|codec)\s*\(\s*|\.\s*get[A-Z]\w*\s*\([^;()]*(?:\([^()]*\)[^;()]*)*,\s*)$/;

/** `new ObjectInputStream(in)` and a `readObject()` on it: Java deserialization of the bytes given. */
const OBJECT_STREAM_READ = /\bnew\s+ObjectInputStream\s*\([\s\S]*\.\s*readObject\s*\(\s*\)/;

/** A Redis read earlier in the invocation's method (or the read is its argument). */
function readBeforeIn(invocation: JavaInvocation, methods: readonly JavaMethod[], sites: readonly RedisCallSite[]): boolean {
  const method = invocation.method;
  if (method === undefined) return false;
  return sites.some((s) => READS.has(s.command) && s.callSpan.startOffset >= methods[method].start && s.callSpan.startOffset < invocation.callSpan.endOffset);
}

/**
 * A `@Bean` method that builds a RedisTemplate and sets no value serializer on it (nor a default one, nor turns the
 * default off), and does not hand it to a helper that may (`setSerializer(template)`): the template serializes values
 * with JdkSerializationRedisSerializer.
 */
function keepsJdkValueSerializer(code: string, createdAt: number, method: JavaMethod | undefined): boolean {
  if (!method || !method.annotations.includes('Bean')) return false;
  const body = code.slice(method.start, method.end);
  if (/\.\s*set(?:Value|Default|HashValue)Serializer\s*\(|setEnableDefaultSerializer\s*\(\s*false|\bRedisSerializer\.(?:json|string)\(\)/.test(body)) return false;
  const name = /(\w+)\s*=\s*$/.exec(code.slice(Math.max(method.start, createdAt - 80), createdAt))?.[1];
  return !name || !new RegExp(`\\b(?!setConnectionFactory\\b)\\w+\\s*\\(\\s*(?:[^()]*,\\s*)?${name}\\s*[,)]`).test(body);
}

/** A cache manager or cache configuration declared in the file (an injected CacheManager parameter does not count). */
const DECLARES_CACHE_MANAGER = /\b(RedisCacheManager|RedisCacheConfiguration|RedissonSpringCacheManager|CaffeineCacheManager|ConcurrentMapCacheManager|CacheManagerCustomizer|RedisCacheManagerBuilderCustomizer)\b|\bCacheManager\s+\w+\s*\(/;

/**
 * Object creations assigned to a variable or field declared as one of the unsafe Redisson codecs, by the offset of
 * their `new`: `KryoCodec codec = new KryoCodecWithDefaultSerializer();` names the codec even when its class is the project's.
 */
const codecVariableTypes = (() => {
  let lastText: string | undefined;
  let last = new Map<number, string>();
  return (text: string): Map<number, string> => {
    if (text === lastText) return last;
    last = new Map();
    lastText = text;
    if (!/Codec\s+\w+\s*=\s*new\b/.test(text)) return last;
    for (const match of text.matchAll(/\b(\w+Codec)(?:\s*<[^>]*>)?\s+\w+\s*=\s*(new\b)/g)) {
      if (UNSAFE_CODECS.test(match[1])) last.set(match.index! + match[0].length - 3, match[1]);
    }
    return last;
  };
})();

/**
 * The validator is the mapper's own default (`mapper.getPolymorphicTypeValidator()`) and the file never replaces it:
 * a fresh ObjectMapper's validator is LaissezFaireSubTypeValidator, which allows every class.
 */
function ownDefaultValidator(code: string, validator: string): boolean {
  const owner = /^(?:this\.)?(\w+)\s*\.\s*getPolymorphicTypeValidator\s*\(\s*\)$/.exec(validator.trim())?.[1];
  return !!owner && !new RegExp(`\\b${owner}\\s*\\.\\s*setPolymorphicTypeValidator\\s*\\(|\\bpolymorphicTypeValidator\\s*\\(`).test(code);
}

/** The call at `offset` is the argument of a serializer setter or of `SerializationPair.fromSerializer(...)`. */
function installsSerializer(code: string, offset: number): boolean {
  return /(?:\.\s*set(?:Value|HashValue|Default|Key|HashKey)Serializer|\bfromSerializer|\bserializeValuesWith)\s*\(\s*(?:[\w.]+\s*\.\s*)?$/.test(code.slice(Math.max(0, offset - 120), offset));
}

/** The mapper is handed to a Redis serializer or codec in this file. */
function installedOnSerializer(text: string, mapper: string): boolean {
  const escaped = mapper.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(setObjectMapper|Jackson2JsonRedisSerializer|GenericJackson2JsonRedisSerializer|JsonJacksonCodec)\\s*(<[^>]*>)?\\s*\\([^;]*\\b${escaped}\\b`).test(text);
}
