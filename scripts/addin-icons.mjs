// Draws the add-in's icons (a bar chart on the brand blue) as PNGs into addin/public/assets.
// Run once after changing the design: node scripts/addin-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
const crc32 = (buf) => {
  let c = -1;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const px = (x, y) => {
    const u = x / size,
      v = y / size;
    const r = 0.18; // rounded corners
    const cx = Math.min(Math.max(u, r), 1 - r),
      cy = Math.min(Math.max(v, r), 1 - r);
    if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
    const bars = [
      [0.2, 0.34, 0.55],
      [0.42, 0.56, 0.35],
      [0.64, 0.78, 0.2],
    ];
    for (const [a, b, top] of bars) if (u >= a && u < b && v >= top && v < 0.8) return [255, 255, 255, 255];
    return [0x0f, 0x6c, 0xbd, 255];
  };
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) Buffer.from(px(x + 0.5, y + 0.5)).copy(raw, y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const dir = path.join(path.dirname(new URL(import.meta.url).pathname), '../addin/public/assets');
fs.mkdirSync(dir, { recursive: true });
for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(dir, `icon-${s}.png`), png(s));
console.log('icons written to', dir);
