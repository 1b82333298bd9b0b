/** Small text helpers of the RDB parser: integers as Redis prints them, latin1 names, module type names. */

/** Digits (and sign) of a 32-bit integer as Redis would print it. */
export function decimalLength(value: number): number {
  let digits = value < 0 ? 2 : 1;
  let rest = value < 0 ? -value : value;
  while (rest >= 10) {
    rest = Math.floor(rest / 10);
    digits++;
  }
  return digits;
}

/** Whether bytes are an integer as Redis's string2ll accepts it (no sign but '-', no leading zeros, fits 64 bits). */
export function isCanonicalInteger(b: Uint8Array, start: number, length: number): boolean {
  if (length === 0 || length > 20) return false;
  let p = start;
  const end = start + length;
  if (b[p] === 0x2d) {
    p++;
    if (p === end) return false;
  }
  if (b[p] === 0x30) return length === 1;
  for (let i = p; i < end; i++) if (b[i] < 0x30 || b[i] > 0x39) return false;
  if (end - p < 19) return true;
  // 19-20 digits: compare against the 64-bit limits as text.
  const digits = latin1(b.subarray(p, end));
  const limit = b[start] === 0x2d ? '9223372036854775808' : '9223372036854775807';
  return digits.length < limit.length || (digits.length === limit.length && digits <= limit);
}

export function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

const MODULE_NAME_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The module type name packed into the top 54 bits of a 64-bit module id (nine 6-bit characters). */
export function moduleNameOf(high: number, low: number): string {
  let name = '';
  // id >> 10, then 6 bits per character, most significant first.
  const shifted = high * 4194304 + Math.floor(low / 1024); // (high << 22) | (low >>> 10): up to 2^54, exact in a double
  let rest = shifted;
  for (let i = 8; i >= 0; i--) {
    const divisor = 2 ** (6 * i);
    const index = Math.floor(rest / divisor) % 64;
    name += MODULE_NAME_CHARSET[index];
    rest -= Math.floor(rest / divisor) % 64 * divisor;
  }
  return name;
}
