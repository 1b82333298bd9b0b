/** unsafe-deserializer: Java serializers and codecs that let the bytes stored in Redis choose the class to instantiate. */
import type { Rule } from './rule';
import { javaUnsafeDeserializer } from './java/javaDeserializerChecks';

export const unsafeDeserializer: Rule = {
  meta: {
    id: 'unsafe-deserializer',
    code: 'RR604',
    category: 'security',
    defaultSeverity: 'error',
    languages: ['java'],
    fixable: 'none',
    contexts: { test: 'skip', script: 'keep' },
    messages: {
      jdk: 'JdkSerializationRedisSerializer Java-deserializes whatever bytes are stored under the key: anyone who can write to Redis chooses the class to instantiate (gadget chains run code). Use StringRedisSerializer or a Jackson serializer bound to your class.',
      defaultTyping: '{{method}}({{args}}) on the ObjectMapper of a Redis serializer lets the JSON read from Redis name any class to instantiate (polymorphic deserialization with no allow-list). Bind the serializer to your class, or pass a BasicPolymorphicTypeValidator that allows only your packages.',
    },
    docs: {
      summary: 'Java serializers and codecs that instantiate the class named in Redis data are the Java analogue of pickle.',
      what: 'Reports, in Java: `JdkSerializationRedisSerializer` (also as `RedisSerializer.java()`) installed on a RedisTemplate or a RedisCacheConfiguration; `@EnableCaching` in a Spring Data Redis configuration when neither it nor another configuration class of its build module declares a cache manager or cache configuration (Spring Boot then auto-configures a RedisCacheManager whose values go through the JDK serializer); Jackson `enableDefaultTyping(...)` or `activateDefaultTyping(LaissezFaireSubTypeValidator..., ...)` (also with the mapper\'s own validator, `mapper.getPolymorphicTypeValidator()`, which is laissez-faire unless the file replaces it) on an ObjectMapper that this file hands to a Redis serializer or codec; Redisson codecs that trust type names in the data (`FstCodec`, `SerializationCodec`, `MarshallingCodec`, `JsonJacksonCodec`, unregistered Kryo) when installed, a `RedissonSpringCacheManager` built without a codec, and a client created with no codec (`Redisson.create(config)` without `setCodec`) where the code of its build module keeps values in Redisson buckets, maps, collections, queues or topics through it (the default codec, Kryo5 or Marshalling, instantiates the classes named in the stored bytes); and a project\'s own `toObject`/`unserialize`/`deserialize`/`SerializationUtils.deserialize` applied after a Redis read in the same method.',
      why: 'Java deserialization of attacker-chosen bytes runs gadget chains from the classpath (commons-collections, Spring, Groovy...) and ends in remote code execution; Jackson default typing without an allow-list does the same with JSON. Anyone who can write to Redis — another service on the instance, an exposed port, a leaked password — can plant such a value and wait for the application to read it.',
      examples: [
        {
          client: 'spring-data-redis',
          file: 'src/main/java/app/RedisConfig.java',
          bad: 'import org.springframework.context.annotation.Bean;\nimport org.springframework.data.redis.connection.RedisConnectionFactory;\nimport org.springframework.data.redis.core.RedisTemplate;\nimport org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;\n\npublic class RedisConfig {\n    @Bean\n    public RedisTemplate<String, Object> redisTemplate(RedisConnectionFactory factory) {\n        RedisTemplate<String, Object> template = new RedisTemplate<>();\n        template.setConnectionFactory(factory);\n        template.setValueSerializer(new JdkSerializationRedisSerializer());\n        return template;\n    }\n}\n',
          good: 'import org.springframework.context.annotation.Bean;\nimport org.springframework.data.redis.connection.RedisConnectionFactory;\nimport org.springframework.data.redis.core.RedisTemplate;\nimport org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;\n\npublic class RedisConfig {\n    @Bean\n    public RedisTemplate<String, User> redisTemplate(RedisConnectionFactory factory) {\n        RedisTemplate<String, User> template = new RedisTemplate<>();\n        template.setConnectionFactory(factory);\n        template.setValueSerializer(new Jackson2JsonRedisSerializer<>(User.class));\n        return template;\n    }\n}\n',
        },
        {
          client: 'redisson',
          file: 'src/main/java/app/CacheConfig.java',
          bad: 'import org.redisson.Redisson;\nimport org.redisson.api.RedissonClient;\nimport org.redisson.codec.SerializationCodec;\nimport org.redisson.config.Config;\n\npublic class CacheConfig {\n    public RedissonClient redisson() {\n        Config config = new Config();\n        config.setCodec(new SerializationCodec());\n        config.useSingleServer().setAddress("redis://127.0.0.1:6379");\n        return Redisson.create(config);\n    }\n}\n',
          good: 'import org.redisson.Redisson;\nimport org.redisson.api.RedissonClient;\nimport org.redisson.client.codec.StringCodec;\nimport org.redisson.config.Config;\n\npublic class CacheConfig {\n    public RedissonClient redisson() {\n        Config config = new Config();\n        config.setCodec(StringCodec.INSTANCE);\n        config.useSingleServer().setAddress("redis://127.0.0.1:6379");\n        return Redisson.create(config);\n    }\n}\n',
        },
      ],
      fix: 'Store strings or JSON bound to concrete classes: `StringRedisSerializer`, `Jackson2JsonRedisSerializer<>(MyType.class)`, Redisson `StringCodec` or `TypedJsonJacksonCodec`. If polymorphic JSON is needed, activate default typing with a `BasicPolymorphicTypeValidator` that allows only your own packages.',
      falsePositives: 'An ObjectMapper with default typing that is never installed on a Redis serializer is not reported, nor are codec factories that only offer a choice (an enum returning codecs). Redisson clients used only for locks, semaphores or atomics decode nothing user-shaped: a default-codec client is reported at its creation only when its module (the folder above `src/main`) gets a bucket, map, collection, queue or topic without a codec of its own, and not when its Config is read from a YAML or JSON file or handed in by the caller. Silence a deliberate use with `// redis-review: disable-next-line unsafe-deserializer -- reason`.',
      references: [
        { title: 'Spring Data Redis: serializers', url: 'https://docs.spring.io/spring-data/redis/reference/redis/template.html#redis:serializer' },
        { title: 'Jackson polymorphic typing and CVEs', url: 'https://cowtowncoder.medium.com/on-jackson-cves-dont-panic-here-is-what-you-need-to-know-54cd0d6e8062' },
        { title: 'OWASP: deserialization of untrusted data', url: 'https://owasp.org/www-community/vulnerabilities/Deserialization_of_untrusted_data' },
      ],
    },
  },
  check: javaUnsafeDeserializer,
};
