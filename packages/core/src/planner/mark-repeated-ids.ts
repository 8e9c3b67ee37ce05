/** Runs of equal hashes longer than this are checked with a Set instead of pairwise (defends against crafted collisions). */
const longestPairwiseRun = 32;

/** FNV-1a over UTF-16 units, then a murmur finaliser so every bit of the result depends on every unit. */
function hashId(id: string): number {
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

const digitBits = 11;
const digitMask = (1 << digitBits) - 1;

/**
 * Positions sorted by 32-bit key, stably: an LSD radix sort in three 11-bit passes. Keys travel with
 * their positions so every pass reads sequentially; 2,048 buckets keep the scattered writes within
 * cache and TLB reach. Returns the sorted keys and positions.
 */
function sortPositionsByKey(keys: Uint32Array): { sortedKeys: Uint32Array; positions: Uint32Array } {
  const count = keys.length;
  let sortedKeys = keys.slice();
  let positions = new Uint32Array(count);
  for (let position = 0; position < count; position++) positions[position] = position;
  let spareKeys = new Uint32Array(count);
  let sparePositions = new Uint32Array(count);
  const buckets = new Uint32Array(1 << digitBits);
  for (let shift = 0; shift < 32; shift += digitBits) {
    buckets.fill(0);
    for (let index = 0; index < count; index++) buckets[(sortedKeys[index]! >>> shift) & digitMask]!++;
    let offset = 0;
    for (let bucket = 0; bucket < buckets.length; bucket++) {
      const size = buckets[bucket]!;
      buckets[bucket] = offset;
      offset += size;
    }
    for (let index = 0; index < count; index++) {
      const key = sortedKeys[index]!;
      const target = buckets[(key >>> shift) & digitMask]!++;
      spareKeys[target] = key;
      sparePositions[target] = positions[index]!;
    }
    [sortedKeys, spareKeys] = [spareKeys, sortedKeys];
    [positions, sparePositions] = [sparePositions, positions];
  }
  return { sortedKeys, positions };
}

/**
 * Marks every position of `ids` that repeats an earlier ID (1 = drop, 0 = first occurrence).
 *
 * Why not a `Set`: at 10 M IDs a Set spends most of its time rehashing and missing the cache (about
 * 16 s on the benchmark machine) and V8 caps it at 2^24 entries. Hashing in one sequential pass and
 * radix-sorting the positions by hash touches memory in order; only IDs whose 32-bit hashes collide
 * are compared as strings. Stable sorting keeps equal IDs in input order, so the first stays.
 */
export function markRepeatedIds(ids: readonly string[]): Uint8Array {
  const count = ids.length;
  const repeated = new Uint8Array(count);
  if (count < 2) return repeated;
  const hashes = new Uint32Array(count);
  for (let position = 0; position < count; position++) hashes[position] = hashId(ids[position]!);
  const { sortedKeys, positions: order } = sortPositionsByKey(hashes);
  let start = 0;
  while (start < count) {
    const hash = sortedKeys[start]!;
    let end = start + 1;
    while (end < count && sortedKeys[end] === hash) end++;
    if (end - start > 1) markRun(ids, order, start, end, repeated);
    start = end;
  }
  return repeated;
}

/** Marks repeats within positions `order[start..end)`, which share a hash and are in input order. */
function markRun(
  ids: readonly string[],
  order: Uint32Array,
  start: number,
  end: number,
  repeated: Uint8Array,
): void {
  if (end - start > longestPairwiseRun) {
    const seen = new Set<string>();
    for (let index = start; index < end; index++) {
      const position = order[index]!;
      const before = seen.size;
      seen.add(ids[position]!);
      if (seen.size === before) repeated[position] = 1;
    }
    return;
  }
  for (let index = start + 1; index < end; index++) {
    const position = order[index]!;
    for (let earlier = start; earlier < index; earlier++) {
      if (ids[order[earlier]!] === ids[position]) {
        repeated[position] = 1;
        break;
      }
    }
  }
}
