/** Entries per bucket the partitioning aims at: a bucket's table then stays in the CPU cache. */
const targetBucketSize = 4096;
/**
 * At most 2^10 buckets: each is a write stream during the scatter, and more streams than the TLB and
 * write buffers can follow cost more than the larger tables they save (2^10 measured ~30% faster than 2^12).
 */
const maxBucketBits = 10;
/** A probe longer than this means crafted hash collisions: the bucket is redone with a Set. */
const longestProbe = 64;

/** FNV-1a over UTF-16 units, then a murmur finaliser so that the top bits (the bucket) mix well. Exported for tests. */
export function hashId(id: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let index = 0; index < id.length; index++) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/**
 * Entries `from..to` of the partitioned array, which holds `[hash, position]` pairs side by side so that the
 * scatter writes one stream per bucket and a lookup reads one cache line.
 */
interface Bucket {
  pairs: Uint32Array;
  from: number;
  to: number;
}

/**
 * Marks repeats inside one bucket with a small open-addressing table of entry numbers. Entries are in
 * input order, so the first occurrence is the one left unmarked. Returns false when a probe ran too long.
 */
function markBucket(
  ids: readonly string[],
  bucket: Bucket,
  table: Int32Array,
  repeated: Uint8Array,
): boolean {
  const { pairs, from, to } = bucket;
  let capacity = 16;
  while (capacity < (to - from) * 2) capacity *= 2;
  const mask = capacity - 1;
  table.fill(0, 0, capacity);
  for (let entry = from; entry < to; entry++) {
    const hash = pairs[2 * entry]!;
    let slot = hash & mask;
    for (let probe = 0; ; probe++) {
      if (probe > longestProbe) return false;
      const other = table[slot]!;
      if (other === 0) {
        table[slot] = entry + 1;
        break;
      }
      const otherAt = 2 * (other - 1);
      if (pairs[otherAt] === hash && ids[pairs[otherAt + 1]!] === ids[pairs[2 * entry + 1]!]) {
        repeated[pairs[2 * entry + 1]!] = 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return true;
}

function markBucketWithSet(ids: readonly string[], bucket: Bucket, repeated: Uint8Array): void {
  const seen = new Set<string>();
  for (let entry = bucket.from; entry < bucket.to; entry++) {
    const position = bucket.pairs[2 * entry + 1]!;
    const before = seen.size;
    seen.add(ids[position]!);
    repeated[position] = seen.size === before ? 1 : 0;
  }
}

/**
 * Marks every position of `ids` that repeats an earlier ID (1 = drop, 0 = first occurrence).
 *
 * Why not a `Set`: at 10 M IDs a Set spends most of its time rehashing and missing the cache (10–20×
 * slower on the benchmark machine) and V8 caps it at 2^24 entries. Instead: hash every ID in one
 * sequential pass, scatter `[hash, position]` pairs into up to 1,024 buckets by the hash's top bits (one pass,
 * stable, so input order survives), then find repeats bucket by bucket with a table small enough to stay
 * in cache. Strings are compared only when two 32-bit hashes are equal.
 */
export function markRepeatedIds(ids: readonly string[]): Uint8Array {
  const count = ids.length;
  const repeated = new Uint8Array(count);
  if (count < 2) return repeated;
  const hashes = new Uint32Array(count);
  for (let position = 0; position < count; position++) hashes[position] = hashId(ids[position]!);

  let bits = 0;
  while (bits < maxBucketBits && count >>> bits > targetBucketSize) bits++;
  const bucketOf = (hash: number) => (bits === 0 ? 0 : hash >>> (32 - bits));
  const bucketCount = 1 << bits;
  const starts = new Uint32Array(bucketCount + 1);
  for (let position = 0; position < count; position++) starts[bucketOf(hashes[position]!) + 1]!++;
  for (let bucket = 0; bucket < bucketCount; bucket++) starts[bucket + 1]! += starts[bucket]!;

  const next = starts.slice(0, bucketCount);
  const pairs = new Uint32Array(2 * count);
  for (let position = 0; position < count; position++) {
    const hash = hashes[position]!;
    const target = 2 * next[bucketOf(hash)]!++;
    pairs[target] = hash;
    pairs[target + 1] = position;
  }

  let largest = 0;
  for (let bucket = 0; bucket < bucketCount; bucket++)
    largest = Math.max(largest, starts[bucket + 1]! - starts[bucket]!);
  let tableSize = 16;
  while (tableSize < largest * 2) tableSize *= 2;
  const table = new Int32Array(tableSize);
  for (let bucket = 0; bucket < bucketCount; bucket++) {
    const from = starts[bucket]!;
    const to = starts[bucket + 1]!;
    if (to - from < 2) continue;
    const range = { pairs, from, to };
    if (!markBucket(ids, range, table, repeated)) markBucketWithSet(ids, range, repeated);
  }
  return repeated;
}
