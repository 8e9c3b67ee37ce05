/**
 * A FIFO of subtask indexes in one growable Int32Array: a 30,000-target task's queue takes 120 KB
 * instead of a quarter megabyte of boxed array slots.
 */
export class IndexQueue {
  #items: Int32Array;
  #head = 0;
  #tail = 0;

  constructor(capacity: number) {
    this.#items = new Int32Array(Math.max(4, capacity));
  }

  /** Entries still waiting. */
  get size(): number {
    return this.#tail - this.#head;
  }

  /** Appends an index, compacting or growing the buffer when it is full. */
  push(index: number): void {
    if (this.#tail === this.#items.length) {
      if (this.#head * 2 >= this.#items.length) {
        this.#items.copyWithin(0, this.#head, this.#tail);
      } else {
        const grown = new Int32Array(Math.ceil(this.#items.length * 1.5) + 4);
        grown.set(this.#items.subarray(this.#head, this.#tail));
        this.#items = grown;
      }
      this.#tail -= this.#head;
      this.#head = 0;
    }
    this.#items[this.#tail++] = index;
  }

  /** Removes and returns the oldest index. */
  shift(): number | undefined {
    return this.#head < this.#tail ? (this.#items[this.#head++] as number) : undefined;
  }

  /** The index at `offset` from the head, without removing it. */
  peek(offset: number): number | undefined {
    const position = this.#head + offset;
    return position < this.#tail ? (this.#items[position] as number) : undefined;
  }

  /** Drops every entry. */
  clear(): void {
    this.#head = 0;
    this.#tail = 0;
  }
}
