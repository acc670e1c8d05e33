/**
 * CRC-32 (the zlib / IEEE 802.3 polynomial, so values equal `zlib.crc32`) over
 * `buffer[start, end)`, slice-by-8. Hand-written on purpose: journal records
 * are ~50 bytes, and every library call we measured (`zlib.crc32`, the `crc-32`
 * package) needs a `subarray` per record and costs 5–10× more per record than
 * this loop, which made checksums the largest part of replay.
 */
const TABLE = new Int32Array(256 * 8);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  TABLE[n] = c;
}
for (let n = 0; n < 256; n++) {
  for (let t = 1; t < 8; t++) TABLE[t * 256 + n] = (TABLE[(t - 1) * 256 + n] >>> 8) ^ TABLE[TABLE[(t - 1) * 256 + n] & 0xff];
}

export function crc32(buffer: Uint8Array, start = 0, end = buffer.length): number {
  const t = TABLE;
  let c = -1;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a = c ^ (buffer[i] | (buffer[i + 1] << 8) | (buffer[i + 2] << 16) | (buffer[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + buffer[i + 4]] ^
      t[512 + buffer[i + 5]] ^
      t[256 + buffer[i + 6]] ^
      t[buffer[i + 7]];
  }
  for (; i < end; i++) c = t[(c ^ buffer[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
