/**
 * The page's live verdict: do the hand-written engine (float64) and TF.js
 * (float32) agree, epoch by epoch?
 *
 * The rule: at every epoch e both engines have reached,
 * |L_manual(e) − L_tfjs(e)| ≤ 1e-5 + 10·S(e), where S(e) is the largest
 * |L_manual(e′) − L_manual32(e′)| for e′ ≤ e, L_manual32 being the same
 * hand-written run computed in float32. S measures how far float32 rounding
 * alone moves this run (it grows fast on chaotic runs such as a deep net on the
 * spiral); TF.js may differ from float64 by ten times that. The 1e-5 floor
 * covers float32 rounding of the loss itself on calm runs (XOR's differences
 * stay below 1e-6). It is the shape of `verify`'s rule, kept simple: no term
 * for TF.js's float32 Adam bias correction.
 *
 * @module
 */

/** The absolute floor of the tolerance (see the module doc). */
export const AGREE_FLOOR = 1e-5;
/** How many times the float32 sensitivity TF.js may differ by. */
export const AGREE_FACTOR = 10;

/**
 * Accumulates the comparison as the runs grow: {@linkcode Agreement.update}
 * reads only the epochs it has not seen yet.
 *
 * @example
 * ```ts
 * import { Agreement } from "@backprop/playground";
 * const a = new Agreement();
 * a.update([0.5, 0.4], [0.5000001, 0.4000002], [0.5, 0.4000001]);
 * a.agree; // true
 * ```
 */
export class Agreement {
  /** |L_manual − L_tfjs| of each compared epoch. */
  readonly differences: number[] = [];
  /** The tolerance of each compared epoch. */
  readonly tolerances: number[] = [];
  /** The first epoch (1-based) outside its tolerance, or 0. */
  firstFailure = 0;
  #sensitivity = 0;

  /** Epochs compared so far. */
  get epochs(): number {
    return this.differences.length;
  }

  /** Whether every compared epoch is within its tolerance (true before any). */
  get agree(): boolean {
    return this.firstFailure === 0;
  }

  /** Compares the epochs that all three histories have and that were not compared yet. */
  update(manual: ArrayLike<number>, tfjs: ArrayLike<number>, manual32: ArrayLike<number>): void {
    const n = Math.min(manual.length, tfjs.length, manual32.length);
    for (let e = this.differences.length; e < n; e++) {
      const s = Math.abs(manual[e] - manual32[e]);
      if (s > this.#sensitivity || Number.isNaN(s)) {
        this.#sensitivity = Number.isNaN(s) ? Infinity : s;
      }
      const d = Math.abs(manual[e] - tfjs[e]);
      const tolerance = AGREE_FLOOR + AGREE_FACTOR * this.#sensitivity;
      this.differences.push(d);
      this.tolerances.push(tolerance);
      if (!(d <= tolerance) && this.firstFailure === 0) this.firstFailure = e + 1;
    }
  }
}
