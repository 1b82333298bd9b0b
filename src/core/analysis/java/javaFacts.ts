/** What a Java file says beyond its Redis commands: methods, annotations, object creations and calls the Java rules read. */
import type { Span } from '../../findings';
import type { FileModel } from '../model';

export interface JavaMethod {
  name: string;
  /** Span of the method name. */
  span: Span;
  start: number;
  end: number;
  annotations: string[];
  isConstructor: boolean;
  /** `public static void main(String[] args)`: a one-shot program. */
  isMain: boolean;
  /** Names of the parameters, in order. */
  params: string[];
}

/** Any method invocation of the file (Redis or not), for configuration rules (serializers, codecs, TTLs). */
export interface JavaInvocation {
  name: string;
  /** Source text of the object the method is called on ("" for unqualified calls). */
  object: string;
  args: string[];
  span: Span;
  callSpan: Span;
  /** Index into `methods` of the enclosing method. */
  method?: number;
}

export interface JavaCreation {
  /** Simple type name ("JdkSerializationRedisSerializer", "JedisPool"). */
  type: string;
  args: string[];
  span: Span;
  callSpan: Span;
  method?: number;
  /** The created object is returned by its method (a factory or enum choice, not an installation). */
  returned: boolean;
  /** Created in a field initializer. */
  fieldInit: boolean;
}

export interface JavaAnnotation {
  /** Simple name without `@` ("Cacheable", "EnableCaching"). */
  name: string;
  /** Source text of the arguments, without parentheses ("" for marker annotations). */
  args: string;
  span: Span;
  /** Span of the whole annotation, `@` included. */
  fullSpan: Span;
  method?: number;
}

/** A pooled or dedicated connection taken in code (`pool.getResource()`, `client.connect()`, a `getJedis()` getter, `factory.getConnection()`). */
export interface JavaAcquisition {
  /** `spring`: a RedisConnection taken from a Spring connection factory (`factory.getConnection()`). */
  library: 'jedis' | 'lettuce' | 'spring';
  /** Method as written ("getResource", "connect", "getJedis"). */
  call: string;
  span: Span;
  callSpan: Span;
  method?: number;
  /** Given back on every path: try-with-resources, close/return in finally, close in both the normal and catch paths. */
  released: boolean;
  /** Kept on purpose or handed on: stored in a field, returned to the caller, a one-shot main that closes or shuts down. */
  handedOver: boolean;
  /** Opened inside a try-with-resources header. */
  tryWithResources: boolean;
  /** The variable it was assigned to, if any. */
  variable?: string;
  /** Source text of the pool or client it was taken from. */
  client?: string;
}

export interface JavaFacts {
  methods: JavaMethod[];
  invocations: JavaInvocation[];
  creations: JavaCreation[];
  annotations: JavaAnnotation[];
  acquisitions: JavaAcquisition[];
  /** Declared types of the fields of the file's classes, by field name (generic arguments dropped). */
  fieldTypes: Map<string, string>;
  /** Fully qualified imports ("org.springframework.data.redis.core.RedisTemplate"). */
  imports: string[];
  /** The file's text with comments blanked out (same offsets): commented-out configuration does not count. */
  codeText: string;
}

/** The FileModel of a Java file, with what the Java rules read beyond call sites. */
export interface JavaFileModel extends FileModel {
  java: JavaFacts;
}

/** The Java facts of a model built by analysis/java (undefined for other languages). */
export function javaFactsOf(model: FileModel): JavaFacts | undefined {
  return (model as Partial<JavaFileModel>).java;
}
