/**
 * Splits a key name into namespace segments over several delimiters, and folds identifier-like segments
 * (numbers, UUIDs, hashes, emails) into '*', so "user:42:profile" and "user:43:profile" share a namespace.
 */

export interface KeySegments {
  /** Normalized segments ('*' for identifiers), excluding the last one. */
  prefix: string[];
  /** The delimiter that follows each prefix segment, so patterns keep the original punctuation. */
  delimiters: string[];
  /** The last segment, normalized. */
  leaf: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * True for segments that name one entity rather than a kind of key: numbers, UUIDs, hex hashes (8+ digits),
 * emails, tokens with a digit and 5+ characters ("a1b2c3", "sess_9f8e", not "v2"), long opaque tokens (20+
 * base64/URL characters). One pass over the characters (it runs for every segment of every key): a UUID is made
 * of hex digits and '-', so it is either a long token with a digit or a 20+ character token, caught by those rules.
 */
export function isIdentifierSegment(segment: string): boolean {
  const n = segment.length;
  if (n === 0) return false;
  let digits = 0;
  let hexLetters = 0;
  let tokenCharacters = true;
  for (let i = 0; i < n; i++) {
    const c = segment.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) hexLetters++;
    else if (c === 64) return true; // '@': an email
    else if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45 || c === 43 || c === 61 || c === 47)) tokenCharacters = false;
  }
  if (digits > 0 && n >= 5) return true;
  if (n >= 8 && digits + hexLetters === n) return true;
  if (n >= 20 && tokenCharacters) return true;
  return digits > 0 && NUMBER.test(segment);
}

/** Non-empty delimiters, longest first (so "::" wins over ":" where both are configured). */
export function sortDelimiters(delimiters: string[]): string[] {
  return [...delimiters].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
}

/** Split `key` at any of `delimiters` (longest delimiter first when they overlap). */
export function splitKey(key: string, delimiters: string[], presorted = false): KeySegments {
  const sorted = presorted ? delimiters : sortDelimiters(delimiters);
  if (sorted.length === 1) return fromSegments(key.split(sorted[0]), sorted[0]);
  const segments: string[] = [];
  const separators: string[] = [];
  let start = 0;
  let index = 0;
  while (index < key.length) {
    const delimiter = sorted.find((d) => key.startsWith(d, index));
    if (delimiter) {
      segments.push(key.slice(start, index));
      separators.push(delimiter);
      index += delimiter.length;
      start = index;
    } else {
      index++;
    }
  }
  segments.push(key.slice(start));
  return normalize(segments, separators);
}

function fromSegments(segments: string[], delimiter: string): KeySegments {
  return normalize(segments, new Array<string>(segments.length - 1).fill(delimiter));
}

function normalize(segments: string[], separators: string[]): KeySegments {
  const normalized = segments.map((s) => (isIdentifierSegment(s) ? '*' : s));
  return { prefix: normalized.slice(0, -1), delimiters: separators, leaf: normalized[normalized.length - 1] };
}

/** Glob for a namespace path: ["user", "*"] with delimiters [":", ":"] → "user:*:*". */
export function namespacePattern(path: string[], delimiters: string[]): string {
  let pattern = '';
  for (let i = 0; i < path.length; i++) pattern += path[i] + delimiters[i];
  return pattern + '*';
}

/** Glob for a leaf namespace: ["user", "*"] + "profile" → "user:*:profile". */
export function leafPattern(path: string[], delimiters: string[], leaf: string): string {
  let pattern = '';
  for (let i = 0; i < path.length; i++) pattern += path[i] + delimiters[i];
  return pattern + leaf;
}

/** Redis-style glob match ('*' any run, '?' one character) used to link key patterns to keys. */
export function globMatches(glob: string, key: string): boolean {
  const source = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(key);
}
