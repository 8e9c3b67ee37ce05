/**
 * MurmurHash3 x86 32-bit (Austin Appleby's public-domain algorithm) over bytes, and over a string's UTF-8
 * bytes. The bucketing hash of fleetcast rollouts; other languages have it built in or in a few lines, so a
 * device's bucket can be recomputed anywhere.
 */
export function murmur3(bytes: Uint8Array, length = bytes.length, seed = 0): number {
  let hash = seed >>> 0;
  const blocks = length & ~3;
  for (let index = 0; index < blocks; index += 4) {
    let block =
      (bytes[index] as number) |
      ((bytes[index + 1] as number) << 8) |
      ((bytes[index + 2] as number) << 16) |
      ((bytes[index + 3] as number) << 24);
    block = Math.imul(block, 0xcc9e2d51);
    block = (block << 15) | (block >>> 17);
    block = Math.imul(block, 0x1b873593);
    hash ^= block;
    hash = (hash << 13) | (hash >>> 19);
    hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) {
    let tail = 0;
    if (rest === 3) tail ^= (bytes[blocks + 2] as number) << 16;
    if (rest >= 2) tail ^= (bytes[blocks + 1] as number) << 8;
    tail ^= bytes[blocks] as number;
    tail = Math.imul(tail, 0xcc9e2d51);
    tail = (tail << 15) | (tail >>> 17);
    tail = Math.imul(tail, 0x1b873593);
    hash ^= tail;
  }
  hash ^= length;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** {@link murmur3} of a string's UTF-8 encoding (lone surrogates become U+FFFD, as TextEncoder does). */
export function murmur3Utf8(text: string, seed = 0): number {
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, scratch);
  return murmur3(scratch, written, seed);
}
