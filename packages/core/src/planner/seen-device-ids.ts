import { DeviceIdSet } from './device-id-set.js';
import { hashId } from './mark-repeated-ids.js';

/** A probe longer than this means crafted hash collisions: the set moves to a `DeviceIdSet`. */
const longestProbe = 64;

/**
 * The IDs a streamed target has yielded so far, for dropping repeats across batches. An open-addressing
 * table of positions into the kept IDs (two typed arrays and one array of references the tasks hold
 * anyway) instead of a `Set`: no per-entry allocation and no rehash of string entries as it grows. Strings
 * are compared only when two 32-bit hashes are equal; crafted collisions (a probe past 64 slots) move it
 * to a `DeviceIdSet`, so the worst case stays linear.
 */
export class SeenDeviceIds {
  private ids: string[] = [];
  private hashes = new Uint32Array(0);
  private slots = new Int32Array(1 << 12);
  private fallback: DeviceIdSet | undefined;

  /** Adds `id`; true when it was not present. */
  add(id: string): boolean {
    if (this.fallback !== undefined) return this.fallback.add(id);
    const hash = hashId(id);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let probe = 0; ; probe++) {
      const entry = this.slots[slot]!;
      if (entry === 0) break;
      if (this.hashes[entry - 1] === hash && this.ids[entry - 1] === id) return false;
      if (probe > longestProbe) return this.toFallback(id);
      slot = (slot + 1) & mask;
    }
    const position = this.ids.length;
    this.ids.push(id);
    if (position >= this.hashes.length) {
      const grown = new Uint32Array(Math.max(1024, this.hashes.length * 2));
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[position] = hash;
    this.slots[slot] = position + 1;
    // Keep the load at most 1/2: probes stay short.
    if ((position + 1) * 2 > this.slots.length) this.grow();
    return true;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let position = 0; position < this.ids.length; position++) {
      let slot = this.hashes[position]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = position + 1;
    }
    this.slots = slots;
  }

  private toFallback(id: string): boolean {
    const fallback = new DeviceIdSet();
    for (const kept of this.ids) fallback.add(kept);
    this.fallback = fallback;
    this.ids = [];
    this.hashes = new Uint32Array(0);
    this.slots = new Int32Array(0);
    return fallback.add(id);
  }
}
