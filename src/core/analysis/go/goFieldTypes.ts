/**
 * The go-redis client types a Go file declares its struct fields with, by field name: for fields used in other
 * files of the package, where the file that calls the client sees only `r.rdb` and not the declaration.
 */

export interface GoClientFields {
  /** Fields declared as a plain client (`rdb *redis.Client`, `ring *redis.Ring`): never a Cluster client. */
  standalone?: string[];
  /** Fields declared with a type that is or may be a Cluster client (`*redis.ClusterClient`, `redis.UniversalClient`, `redis.Cmdable`). */
  mayBeCluster?: string[];
}

const GO_REDIS_IMPORT = /^\s*(?:import\s+)?(\w+\s+)?"(?:github\.com\/(?:go-redis\/redis|redis\/go-redis)(?:\/v\d+)?|gopkg\.in\/redis\.v\d+)"/gm;
const STANDALONE_TYPES = new Set(['Client', 'Ring']);
const CLUSTER_CAPABLE_TYPES = new Set(['ClusterClient', 'UniversalClient', 'Cmdable', 'StatefulCmdable']);

/** Field (or package variable) declarations on their own line: `name[, name] [*]pkg.Type`. */
const FIELD_DECLARATION = /^[ \t]*(?:var[ \t]+)?([A-Za-z_]\w*(?:[ \t]*,[ \t]*[A-Za-z_]\w*)*)[ \t]+\*?(\w+)\.(\w+)\b/gm;

export function goClientFieldsIn(text: string): GoClientFields | undefined {
  const packages = new Set<string>();
  for (const match of text.matchAll(GO_REDIS_IMPORT)) packages.add(match[1]?.trim() || 'redis');
  if (!packages.size) return undefined;
  const standalone = new Set<string>();
  const mayBeCluster = new Set<string>();
  for (const match of text.matchAll(FIELD_DECLARATION)) {
    if (!packages.has(match[2])) continue;
    const into = STANDALONE_TYPES.has(match[3]) ? standalone : CLUSTER_CAPABLE_TYPES.has(match[3]) ? mayBeCluster : undefined;
    if (into) for (const name of match[1].split(',')) into.add(name.trim());
  }
  if (!standalone.size && !mayBeCluster.size) return undefined;
  return { ...(standalone.size ? { standalone: [...standalone] } : {}), ...(mayBeCluster.size ? { mayBeCluster: [...mayBeCluster] } : {}) };
}

/** Field names some file declares as a plain client and no file declares as possibly a Cluster client. */
export function standaloneGoFields(files: Iterable<GoClientFields | undefined>): Set<string> {
  const standalone = new Set<string>();
  const mayBeCluster = new Set<string>();
  for (const fields of files) {
    for (const name of fields?.standalone ?? []) standalone.add(name);
    for (const name of fields?.mayBeCluster ?? []) mayBeCluster.add(name);
  }
  for (const name of mayBeCluster) standalone.delete(name);
  return standalone;
}
