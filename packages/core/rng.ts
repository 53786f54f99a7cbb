/**
 * The project's one seeded generator: MT19937, seeded exactly as NumPy's legacy
 * `np.random.seed(s)` does for an integer `s` (Matsumoto & Nishimura's
 * `init_genrand`), so the same seed gives the same numbers as the original
 * Python program.
 *
 * @module
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

import { MAX_SEED } from "./limits.ts";

/**
 * Mersenne Twister MT19937 with NumPy's legacy seeding and double construction.
 *
 * @example Same numbers as `np.random.seed(42); np.random.random_sample()`
 * ```ts
 * import { Mt19937 } from "@backprop/core";
 * const rng = new Mt19937(42);
 * rng.nextDouble(); // 0.3745401188473625
 * ```
 */
export class Mt19937 {
  #state = new Uint32Array(N);
  #index = N;

  /**
   * Seeds the generator as `np.random.seed(seed)` does.
   *
   * @param seed An integer in [0, 2^32 - 1].
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
      throw new RangeError(`seed: ${seed} is not an integer in [0, ${MAX_SEED}]`);
    }
    const mt = this.#state;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      // mt[i] = 1812433253 * (mt[i-1] ^ (mt[i-1] >>> 30)) + i, modulo 2^32
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = N;
  }

  /** The next raw 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number {
    const mt = this.#state;
    if (this.#index >= N) {
      // Regenerate the whole block of 624 words (the "twist").
      for (let k = 0; k < N; k++) {
        const y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
        mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      this.#index = 0;
    }
    let y = mt[this.#index++];
    // Tempering.
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) with 53 random bits, as NumPy's `random_sample()`:
   * `((a >>> 5) * 2^26 + (b >>> 6)) / 2^53` from two consecutive words a, b.
   */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A double in [lo, hi), as NumPy's `uniform(lo, hi)`: `lo + (hi - lo) * u`. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.nextDouble();
  }
}

/**
 * Shuffles `order` in place with the Fisher–Yates algorithm, drawing
 * `j = floor(u * (i + 1))` for i from the last index down to 1. Any
 * implementation that replays this with the same generator gets the same order.
 *
 * @example
 * ```ts
 * import { Mt19937, shuffle } from "@backprop/core";
 * const order = Uint32Array.from([0, 1, 2, 3]);
 * shuffle(order, new Mt19937(1));
 * ```
 */
export function shuffle(order: Uint32Array, rng: Mt19937): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.nextDouble() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
}
