/**
 * One inspected key on its way into a MemoryCollector, as a scratch object the caller refills for every key: the
 * RDB analysis streams millions of keys, and an object or two per key (a record, a summary, a name string) was
 * most of its cost in allocation and garbage collection. The name stays as raw bytes when it is printable ASCII
 * (what displayKey shows verbatim); its string and the KeySummary are built only for a key that enters a report.
 */
import type { KeySummary } from './types';

export class KeyInput {
  type = '';
  encoding = '';
  ttlMs = -1;
  memoryBytes = 0;
  length = 0;
  /** LFU counter (0-255); -1 when not read. */
  lfuFrequency = -1;
  /** The name's bytes when they are printable ASCII without a backslash (their display is the bytes as they are);
   *  a view that is valid only while the key is being added. */
  plainBytes: Uint8Array | undefined;
  keyBase64: string | undefined;
  /** Set by the collector before it hands the key on: the node a summary names (Clusters only). */
  summaryNode: string | undefined;
  /** The namespace tree that already cut this plain name (while finding out that it is plain), so it is cut once. */
  cutBy: object | undefined;
  private name: string | undefined;
  private built: KeySummary | undefined;

  /** Start a key whose name is printable ASCII bytes (no copy is made: read them before the next key). */
  setPlainName(bytes: Uint8Array): this {
    this.plainBytes = bytes;
    this.cutBy = undefined;
    this.name = undefined;
    this.keyBase64 = undefined;
    this.built = undefined;
    return this;
  }

  /** Start a key by its displayed name (and the exact bytes in base64 when the display is not them verbatim). */
  setName(key: string, keyBase64?: string): this {
    this.plainBytes = undefined;
    this.cutBy = undefined;
    this.name = key;
    this.keyBase64 = keyBase64;
    this.built = undefined;
    return this;
  }

  /** Use `summary` as this key's summary (a caller that made its own). */
  withSummary(summary: KeySummary): this {
    this.built = summary;
    return this;
  }

  /** The displayed name, decoded from the bytes on first use. */
  get key(): string {
    if (this.name === undefined) this.name = asciiText(this.plainBytes!);
    return this.name;
  }

  /** Length of the displayed name in UTF-16 units (the bytes' count for a plain name). */
  get keyLength(): number {
    return this.plainBytes !== undefined ? this.plainBytes.length : this.name!.length;
  }

  /** Whether this key's name sorts before `other` (as JS compares strings), without decoding a plain name. */
  keyBefore(other: string): boolean {
    const bytes = this.plainBytes;
    if (bytes === undefined) return this.name! < other;
    const n = Math.min(bytes.length, other.length);
    for (let i = 0; i < n; i++) {
      const difference = bytes[i] - other.charCodeAt(i);
      if (difference !== 0) return difference < 0;
    }
    return bytes.length < other.length;
  }

  /** The key's summary, made once per key and shared by every top list it enters. */
  summary(): KeySummary {
    if (this.built) return this.built;
    const summary: KeySummary = {
      key: this.key, type: this.type, encoding: this.encoding, memoryBytes: this.memoryBytes, length: this.length, ttlMs: this.ttlMs,
    };
    if (this.keyBase64 !== undefined) summary.keyBase64 = this.keyBase64;
    if (this.summaryNode !== undefined) summary.node = this.summaryNode;
    return (this.built = summary);
  }
}

/** Bytes as a string of the same char codes; String.fromCharCode takes at most some thousands of arguments at a time. */
export function asciiText(bytes: Uint8Array): string {
  if (bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return text;
}

/** Whether displayKey shows these bytes verbatim as ASCII: printable ASCII, no backslash (it is escaped). */
export function isPlainAsciiName(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte < 0x20 || byte > 0x7e || byte === 0x5c) return false;
  }
  return true;
}
