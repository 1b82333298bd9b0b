/**
 * Whether Java code keeps values in Redisson objects through the client's own codec: the evidence that a Redisson
 * client created without a codec decodes user-shaped data with Redisson's default object codec (Kryo5 or Marshalling,
 * which instantiate the classes named in the stored bytes). Locks, semaphores, atomics, rate limiters and Bloom
 * filters decode nothing of the application's, so they are no such evidence.
 */

/**
 * A getter of a Redisson object that holds values, called with the object's name alone: a second argument is a codec
 * of its own (`getBucket(name, StringCodec.INSTANCE)`), which replaces the client's.
 */
const VALUE_HOLDER_WITH_NAME_ONLY =
  /\.\s*(?:getBucket|getJsonBucket|getMap|getMapCache|getLocalCachedMap|getList|getSet|getSetCache|getSortedSet|getScoredSortedSet|getQueue|getBlockingQueue|getBoundedBlockingQueue|getDeque|getBlockingDeque|getPriorityQueue|getPriorityBlockingQueue|getTransferQueue|getRingBuffer|getListMultimap|getSetMultimap|getTopic|getReliableTopic|getStream|getTimeSeries)\s*\(\s*[^\s(),][^(),]*(?:\([^()]*\)[^(),]*)*\)/;

/** The Java code (comments blanked) imports Redisson and puts values in its buckets, maps, collections, queues or topics. */
export function storesRedissonObjects(code: string): boolean {
  return /\bimport\s+org\.redisson\./.test(code) && VALUE_HOLDER_WITH_NAME_ONLY.test(code);
}

/**
 * The build module a Java source belongs to: the path before its last `src/main/` or `src/test/` folder (Maven and
 * Gradle layouts), "" when it has none. A Spring context, and the Redisson client it creates, serves the code of its
 * own module.
 */
export function javaModuleOf(path: string): string {
  const normalized = path.replace(/\\/g, '/');
  let at = -1;
  for (const match of normalized.matchAll(/(?:^|\/)src\/(?:main|test)\//g)) at = match.index!;
  return at <= 0 ? '' : normalized.slice(0, at);
}
