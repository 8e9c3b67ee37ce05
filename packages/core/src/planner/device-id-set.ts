/** V8 caps a Set at 2^24 entries; shards stay well below that. */
const shardCapacity = 1 << 23;

/**
 * A set of device IDs that grows past V8's 16.7 M-entry Set limit by adding shards. Used to drop
 * duplicates from explicit lists, which are in memory already.
 */
export class DeviceIdSet {
  private readonly full: Set<string>[] = [];
  private current = new Set<string>();

  /** Adds `id`; true when it was not present. */
  add(id: string): boolean {
    for (const shard of this.full) if (shard.has(id)) return false;
    const before = this.current.size;
    this.current.add(id);
    if (this.current.size === before) return false;
    if (this.current.size === shardCapacity) {
      this.full.push(this.current);
      this.current = new Set();
    }
    return true;
  }
}
