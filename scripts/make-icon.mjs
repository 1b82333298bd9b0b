// Draws media/icon.png (128x128): three stacked layers on a red tile with a magnifier, written as a raw PNG.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => {
  if (x < 0 || y < 0 || x >= size || y >= size) return;
  const i = (y * size + x) * 4;
  pixels.set([r, g, b, a], i);
};
const red = [220, 56, 44, 255];
const white = [255, 255, 255, 255];
const dark = [120, 24, 20, 255];
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const r = 22;
    const cx = Math.min(Math.max(x, r), size - 1 - r);
    const cy = Math.min(Math.max(y, r), size - 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) set(x, y, red);
  }
}
// Three rhombus layers (a Redis-like stack).
for (const [top, colour] of [[28, white], [50, white], [72, white]]) {
  for (let y = 0; y < 22; y++) {
    const half = y < 11 ? y * 3.2 : (21 - y) * 3.2;
    for (let x = Math.round(52 - half); x <= Math.round(52 + half); x++) set(x, top + y, colour);
  }
}
// Magnifier: ring and handle.
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const d = Math.hypot(x - 92, y - 88);
    if (d >= 15 && d <= 21) set(x, y, dark);
    if (d >= 16 && d <= 20) set(x, y, white);
  }
}
for (let t = 0; t < 22; t++) for (let w = -3; w <= 3; w++) set(106 + t + w, 102 + t - w, white);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.alloc(size * (size * 4 + 1));
for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../media/icon.png', import.meta.url), png);
