/**
 * splitKey and isIdentifierSegment over the raw bytes of a printable-ASCII key name (see KeyInput.plainBytes),
 * for the RDB analysis: no string per segment (most segments are identifiers folded into '*'), and the names
 * that stay (user, session, profile) come from an intern table, so a name is decoded once rather than per key.
 * Answers are those of the string functions in keyNamePattern.ts on the same name (unit-tested side by side).
 */
import { asciiText } from './keyInput';

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const MINUS = 45;
const DOT = 46;

/** What the identifier rules ask of a character, as bits: one table lookup per byte instead of a chain of range tests. */
const DIGIT = 1;
const HEX_LETTER = 2;
/** '@': the segment is an email. */
const AT = 4;
/** Outside the token alphabet (letters, digits, _ - + = /). */
const NOT_TOKEN = 8;
const CHARACTER_CLASSES = new Uint8Array(256).map((_, c) => {
  if (c >= DIGIT_0 && c <= DIGIT_9) return DIGIT;
  if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) return HEX_LETTER;
  if (c === 64) return AT | NOT_TOKEN;
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 45 || c === 43 || c === 61 || c === 47 ? 0 : NOT_TOKEN;
});

/**
 * The classes of a byte as counts packed into one integer, so that a segment's bytes are classified with one add
 * each: digits from bit 0, hex letters from bit 10, characters outside the token alphabet (any '@' among them) from
 * bit 20. A segment with one of the last is classified again by isIdentifierBytes, which tells '@' apart. Counts
 * of 1024 or more carry into the next field, but only in a segment that long, which is an identifier whenever it
 * has no character outside the token alphabet (20 or more token characters) whatever its counts say.
 */
const PACKED_COUNTS = Int32Array.from(CHARACTER_CLASSES, (k) => (k & DIGIT) | ((k & HEX_LETTER) << 9) | (k & NOT_TOKEN ? 1 << 20 : 0));

/** isIdentifierBytes of [start, end) from the sum of the segment's PACKED_COUNTS. */
function identifierOfPacked(b: Uint8Array, start: number, end: number, packed: number): boolean {
  if (packed >= 1 << 20) return isIdentifierBytes(b, start, end);
  const digits = packed & 1023;
  const hexLetters = packed >> 10;
  return identifierOfCounts(b, start, end, digits, hexLetters, (digits > 0 ? DIGIT : 0) | (hexLetters > 0 ? HEX_LETTER : 0));
}

const BACKSLASH = 0x5c;

/** isPlainAsciiName of the bytes [start, end): printable ASCII without a backslash. */
function isPlainRange(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c < 0x20 || c > 0x7e || c === BACKSLASH) return false;
  }
  return true;
}

/** isIdentifierSegment of the bytes [start, end), each byte one character. */
export function isIdentifierBytes(b: Uint8Array, start: number, end: number): boolean {
  const classes = CHARACTER_CLASSES;
  let digits = 0;
  let hexLetters = 0;
  let seen = 0;
  for (let i = start; i < end; i++) {
    const k = classes[b[i]];
    digits += k & DIGIT;
    hexLetters += (k & HEX_LETTER) >> 1;
    seen |= k;
  }
  return identifierOfCounts(b, start, end, digits, hexLetters, seen);
}

/** isIdentifierBytes from the segment's counted character classes (digits, hex letters, every class bit seen). */
function identifierOfCounts(b: Uint8Array, start: number, end: number, digits: number, hexLetters: number, seen: number): boolean {
  const n = end - start;
  if (n === 0) return false;
  if ((seen & AT) !== 0) return true;
  if (digits > 0 && n >= 5) return true;
  if (n >= 8 && digits + hexLetters === n) return true;
  if (n >= 20 && (seen & NOT_TOKEN) === 0) return true;
  return digits > 0 && isDecimalNumber(b, start, end);
}

/** /^-?\d+(\.\d+)?$/ on the bytes [start, end). */
function isDecimalNumber(b: Uint8Array, start: number, end: number): boolean {
  let i = start;
  if (b[i] === MINUS) i++;
  const integerStart = i;
  while (i < end && b[i] >= DIGIT_0 && b[i] <= DIGIT_9) i++;
  if (i === integerStart) return false;
  if (i === end) return true;
  if (b[i] !== DOT) return false;
  const fractionStart = ++i;
  while (i < end && b[i] >= DIGIT_0 && b[i] <= DIGIT_9) i++;
  return i > fractionStart && i === end;
}

/**
 * Where the delimiters cut a plain key name, as splitKey cuts its string: longest delimiter first at each
 * position. Keeps the bounds of the first `levels` segments and where the last one starts, in reused arrays.
 */
export class KeyByteSplitter {
  /** Prefix segments of the last split (segments minus one). */
  prefixCount = 0;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Index (into `delimiters`) of the delimiter after each kept segment. */
  readonly delimiterAfter: Int32Array;
  /** isIdentifierBytes of each kept segment (1 or 0), and of the last segment (from leafStart): classified in the
   *  pass that finds the delimiters rather than in a second pass over the same bytes. */
  readonly identifier: Uint8Array;
  leafIsIdentifier = false;
  leafStart = 0;
  /** Whether the bytes of the last split are a plain name (isPlainAsciiName), found out in the same pass. */
  plain = true;
  /** The delimiters that can occur in a plain name, longest first, as text and as bytes. */
  readonly delimiters: string[];
  private readonly delimiterBytes: Uint8Array[];
  private readonly single: number;

  /** `sortedDelimiters`: as sortDelimiters orders them. `levels`: how many leading segments a split keeps. */
  constructor(sortedDelimiters: readonly string[], private readonly levels: number) {
    // A delimiter with a character outside printable ASCII never matches inside a plain name.
    this.delimiters = sortedDelimiters.filter((d) => [...d].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e));
    this.delimiterBytes = this.delimiters.map((d) => Uint8Array.from(d, (c) => c.charCodeAt(0)));
    this.single = this.delimiters.length === 1 && this.delimiters[0].length === 1 ? this.delimiters[0].charCodeAt(0) : -1;
    this.starts = new Int32Array(levels + 1);
    this.ends = new Int32Array(levels + 1);
    this.delimiterAfter = new Int32Array(levels + 1);
    this.identifier = new Uint8Array(levels + 1);
  }

  split(b: Uint8Array): void {
    const n = b.length;
    const levels = this.levels;
    let count = 0;
    let start = 0;
    if (this.single >= 0) {
      const delimiter = this.single;
      const packedCounts = PACKED_COUNTS;
      let packed = 0;
      // Bytes that are no plain name's are all outside the token alphabet: only segments with such a character
      // (packed from bit 20 up) are looked at again. The delimiter is printable, and plain unless a backslash.
      let plain = true;
      for (let i = 0; i < n; i++) {
        const c = b[i];
        if (c !== delimiter) {
          packed += packedCounts[c];
          continue;
        }
        if (count < levels) {
          this.starts[count] = start;
          this.ends[count] = i;
          this.delimiterAfter[count] = 0;
          this.identifier[count] = identifierOfPacked(b, start, i, packed) ? 1 : 0;
        }
        if (packed >= 1 << 20 && plain) plain = isPlainRange(b, start, i);
        count++;
        start = i + 1;
        packed = 0;
      }
      this.leafIsIdentifier = identifierOfPacked(b, start, n, packed);
      if (packed >= 1 << 20 && plain) plain = isPlainRange(b, start, n);
      this.plain = plain && !(delimiter === BACKSLASH && count > 0);
    } else {
      this.plain = isPlainRange(b, 0, n);
      let i = 0;
      while (i < n) {
        const matched = this.delimiterAt(b, i);
        if (matched < 0) {
          i++;
          continue;
        }
        if (count < levels) {
          this.starts[count] = start;
          this.ends[count] = i;
          this.delimiterAfter[count] = matched;
        }
        count++;
        i += this.delimiterBytes[matched].length;
        start = i;
      }
    }
    if (this.single < 0) {
      for (let level = 0; level < Math.min(count, levels); level++) this.identifier[level] = isIdentifierBytes(b, this.starts[level], this.ends[level]) ? 1 : 0;
      this.leafIsIdentifier = isIdentifierBytes(b, start, n);
    }
    this.prefixCount = count;
    this.leafStart = start;
  }

  private delimiterAt(b: Uint8Array, at: number): number {
    const all = this.delimiterBytes;
    for (let d = 0; d < all.length; d++) {
      const delimiter = all[d];
      if (at + delimiter.length > b.length) continue;
      let j = 0;
      while (j < delimiter.length && b[at + j] === delimiter[j]) j++;
      if (j === delimiter.length) return d;
    }
    return -1;
  }
}

/**
 * Strings for byte ranges, decoded once per distinct range: an open-addressing table of FNV-1a hashes. It stops
 * taking new names at `capacity` (unique non-identifier segments would only fill it) and decodes those each time.
 */
export class SegmentNames {
  private hashes = new Int32Array(1024);
  private names: Array<string | undefined> = new Array(1024);
  private size = 0;

  constructor(private readonly capacity = 1 << 16) {}

  name(b: Uint8Array, start: number, end: number): string {
    let hash = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ b[i], 16777619);
    const mask = this.hashes.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = this.names[slot];
      if (found === undefined) break;
      if (this.hashes[slot] === hash && sameText(found, b, start, end)) return found;
    }
    const text = asciiText(b.subarray(start, end));
    if (this.size < this.capacity && end - start <= 256) this.insert(hash, text);
    return text;
  }

  private insert(hash: number, text: string): void {
    if ((this.size + 1) * 2 > this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let slot = hash & mask;
    while (this.names[slot] !== undefined) slot = (slot + 1) & mask;
    this.hashes[slot] = hash;
    this.names[slot] = text;
    this.size++;
  }

  private grow(): void {
    const hashes = this.hashes;
    const names = this.names;
    this.hashes = new Int32Array(hashes.length * 2);
    this.names = new Array(hashes.length * 2);
    this.size = 0;
    for (let i = 0; i < names.length; i++) if (names[i] !== undefined) this.insert(hashes[i], names[i]!);
  }
}

function sameText(text: string, b: Uint8Array, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) !== b[start + i]) return false;
  return true;
}
