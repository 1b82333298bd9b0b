/**
 * Groups scanned keys into namespaces one level below a prefix: "user:1:name" under "" with delimiter ":"
 * belongs to namespace "user:". Several delimiters are allowed; the earliest one in the key wins.
 * Works on bytes so binary keys group exactly.
 */
import { displayKey, keyToBase64, startsWith } from './keyBytes';

export interface NamespaceCount {
  /** The namespace's full prefix including its trailing delimiter, e.g. bytes of "user:". */
  prefix: Uint8Array;
  /** The segment shown in the tree, e.g. "user". */
  label: string;
  /** Keys seen under it so far. */
  count: number;
}

export interface Grouping {
  /** Keyed by base64 of the prefix, in first-seen order. */
  namespaces: Map<string, NamespaceCount>;
  /** Keys directly at this level (no delimiter after the prefix). */
  leaves: Uint8Array[];
}

export function emptyGrouping(): Grouping {
  return { namespaces: new Map(), leaves: [] };
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Add `keys` (all expected to start with `prefix`) to `into` and return it. */
export function groupKeys(keys: Iterable<Uint8Array>, prefix: Uint8Array, delimiters: Uint8Array[], into: Grouping = emptyGrouping()): Grouping {
  for (const key of keys) {
    if (!startsWith(key, prefix)) continue;
    let cut = -1;
    let cutLength = 0;
    for (const delimiter of delimiters) {
      if (delimiter.length === 0) continue;
      const at = indexOfBytes(key, delimiter, prefix.length);
      // Earliest delimiter wins; on a tie the longer one ("::" over ":").
      if (at >= 0 && (cut < 0 || at < cut || (at === cut && delimiter.length > cutLength))) {
        cut = at;
        cutLength = delimiter.length;
      }
    }
    if (cut < 0) {
      into.leaves.push(key);
      continue;
    }
    const namespacePrefix = key.slice(0, cut + cutLength);
    const id = keyToBase64(namespacePrefix);
    const existing = into.namespaces.get(id);
    if (existing) existing.count++;
    else {
      // With several delimiters "a/" and "a:" are different namespaces: show the delimiter to tell them apart.
      const segment = key.slice(prefix.length, delimiters.length > 1 ? cut + cutLength : cut);
      into.namespaces.set(id, { prefix: namespacePrefix, label: displayKey(segment), count: 1 });
    }
  }
  return into;
}
