/** Redis Cluster hash slots: CRC16 (XMODEM) of the key or of its first non-empty {hash tag}, mod 16384. */

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let i = 0; i < 256; i++) {
    let crc = i << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    table[i] = crc;
  }
  return table;
})();

export function crc16(text: string): number {
  let crc = 0;
  for (const byte of new TextEncoder().encode(text)) crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ byte) & 0xff];
  return crc;
}

/** The part of a key that is hashed: the first non-empty `{…}` section, or the whole key. */
export function hashTag(key: string): string {
  const open = key.indexOf('{');
  if (open >= 0) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) return key.slice(open + 1, close);
  }
  return key;
}

export function keySlot(key: string): number {
  return crc16(hashTag(key)) % 16384;
}

/** Commands that take several keys, which a Redis Cluster answers only when every key hashes to one slot. */
export const MULTI_KEY_COMMANDS: ReadonlySet<string> = new Set(['MGET', 'MSET', 'MSETNX', 'DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'SUNION', 'SINTER', 'SDIFF', 'SUNIONSTORE', 'SINTERSTORE', 'SDIFFSTORE', 'PFCOUNT', 'PFMERGE', 'RENAME', 'RENAMENX', 'SMOVE', 'RPOPLPUSH', 'LMOVE', 'BLMOVE', 'COPY']);

/**
 * The arguments of a multi-key call that are keys: MSET's pairs give every other one (one argument is a map of
 * them, as go-redis and Lettuce take), SMOVE/LMOVE/COPY/RENAME their first two, the rest all of theirs.
 */
export function multiKeyArgs<T>(command: string, args: readonly T[]): readonly T[] {
  if (command === 'MSET' || command === 'MSETNX') return args.length === 1 ? args : args.filter((_, i) => i % 2 === 0);
  if (/^(SMOVE|LMOVE|BLMOVE|COPY|RENAME|RENAMENX|RPOPLPUSH)$/.test(command)) return args.slice(0, 2);
  return args;
}

/** Static key patterns that provably share a slot: one literal {hash tag}, or equal CRC16 slots of fully literal keys. */
export function provablySameSlot(keys: readonly string[]): boolean {
  const tags = keys.map(hashTag);
  if (tags.every((tag) => tag === tags[0]) && (keys.every((k) => k.includes('{')) || !tags[0].includes('*'))) return true;
  return keys.every((k) => !k.includes('*')) && keys.every((k) => keySlot(k) === keySlot(keys[0]));
}
