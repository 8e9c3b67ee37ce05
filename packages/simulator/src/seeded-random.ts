import { type RandomGenerator, xoroshiro128plus } from 'pure-rand';

/** A seeded source of uniform numbers; every simulated decision draws from one of these. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

const TWO_POW_32 = 4294967296;

/** Mixes several integers into one 32-bit seed, so sub-streams (per task, per route) stay independent. */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part | 0), 0x01000193);
    hash = Math.imul(hash ^ Math.floor(part / TWO_POW_32), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash | 0;
}

/** Creates a seeded random source backed by pure-rand's xoroshiro128+. */
export function createSeededRandom(seed: number): SeededRandom {
  const generator: RandomGenerator = xoroshiro128plus(seed | 0);
  const next = (): number => (generator.unsafeNext() >>> 0) / TWO_POW_32;
  return {
    next,
    int: (bound) => Math.floor(next() * bound),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
