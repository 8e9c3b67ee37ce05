/** Entries of the hash table start at this size (a power of two) and double at half full. */
const initialSlots = 1 << 10;
const maxStoredLength = 255;

/**
 * A set of device IDs that stays small and is not bound by V8's 16.7 M-entry `Set` limit: the planner keeps
 * every ID it has placed to drop repeats, for the whole of a 10 M-device stream. Device IDs are short ASCII
 * (`[A-Za-z0-9_-]{1,128}`), so each is stored as bytes in one growing buffer (a length byte and its
 * characters), found through an open-addressing table of offsets and hashes: about 25 bytes per ID against
 * about 60 for a string in a `Set`. Any other string (non-ASCII or longer than 255) goes to a plain `Set`.
 */
export class DeviceIdSet {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Offset + 1 of each entry's length byte; 0 marks an empty slot. */
  private offsets = new Int32Array(initialSlots);
  private hashes = new Int32Array(initialSlots);
  private count = 0;
  private others: Set<string> | undefined;

  /** Adds `id`; true when it was not present. */
  add(id: string): boolean {
    const length = id.length;
    if (length > maxStoredLength) return this.addOther(id);
    // FNV-1a over the characters, which must all be ASCII to be stored as bytes.
    let hash = 0x811c9dc5 | 0;
    for (let index = 0; index < length; index++) {
      const code = id.charCodeAt(index);
      if (code > 127) return this.addOther(id);
      hash = Math.imul(hash ^ code, 0x01000193);
    }
    const offsets = this.offsets;
    const mask = offsets.length - 1;
    let slot = (hash ^ (hash >>> 16)) & mask;
    for (let stored = offsets[slot] as number; stored !== 0; stored = offsets[slot] as number) {
      if (this.hashes[slot] === hash && this.matches(stored - 1, id)) return false;
      slot = (slot + 1) & mask;
    }
    const at = this.used;
    if (at + 1 + length > this.bytes.length) this.growBytes(at + 1 + length);
    const bytes = this.bytes;
    bytes[at] = length;
    for (let index = 0; index < length; index++) bytes[at + 1 + index] = id.charCodeAt(index);
    this.used = at + 1 + length;
    offsets[slot] = at + 1;
    this.hashes[slot] = hash;
    this.count++;
    if (this.count * 2 > offsets.length) this.growTable();
    return true;
  }

  private addOther(id: string): boolean {
    this.others ??= new Set();
    const before = this.others.size;
    this.others.add(id);
    return this.others.size !== before;
  }

  private matches(offset: number, id: string): boolean {
    const bytes = this.bytes;
    const length = id.length;
    if (bytes[offset] !== length) return false;
    for (let index = 0; index < length; index++) {
      if (bytes[offset + 1 + index] !== id.charCodeAt(index)) return false;
    }
    return true;
  }

  private growBytes(needed: number): void {
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.used));
    this.bytes = bytes;
  }

  private growTable(): void {
    const oldOffsets = this.offsets;
    const oldHashes = this.hashes;
    const size = oldOffsets.length * 2;
    const mask = size - 1;
    const offsets = new Int32Array(size);
    const hashes = new Int32Array(size);
    for (let index = 0; index < oldOffsets.length; index++) {
      const stored = oldOffsets[index] as number;
      if (stored === 0) continue;
      const hash = oldHashes[index] as number;
      let slot = (hash ^ (hash >>> 16)) & mask;
      while (offsets[slot] !== 0) slot = (slot + 1) & mask;
      offsets[slot] = stored;
      hashes[slot] = hash;
    }
    this.offsets = offsets;
    this.hashes = hashes;
  }
}
