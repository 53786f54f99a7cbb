/**
 * When a run met its success criterion, from a check of every epoch's weights
 * in the run itself: the first epoch that meets it, and the epoch from which it
 * stays met. Early in training the outputs hover near 0.5 and can flip back,
 * so the two differ for some seeds.
 *
 * @module
 */

/** Where a run met the criterion. Epoch 0 stands for the initial weights. */
export interface Crossings {
  /** The first epoch whose weights meet it; null when none did. */
  first: number | null;
  /**
   * The epoch from which every later epoch meets it, through the last one
   * checked; null when the last one fails.
   */
  stableFrom: number | null;
  /** How many times it was lost again after being met. */
  lost: number;
}

/**
 * Follows a run epoch by epoch: tell it, in increasing order of epoch, whether
 * each epoch's weights meet the criterion.
 *
 * @example Met at 4, lost at 5 and 6, met from 7 on
 * ```ts
 * import { CrossingWatch } from "./first_met.ts";
 * const watch = new CrossingWatch();
 * [false, false, false, false, true, false, false, true, true].forEach((met, epoch) =>
 *   watch.observe(epoch, met)
 * );
 * watch.crossings; // { first: 4, stableFrom: 7, lost: 1 }
 * ```
 */
export class CrossingWatch {
  #first: number | null = null;
  #stableFrom: number | null = null;
  #lost = 0;
  #last = -1;

  /** Records whether `epoch`'s weights meet the criterion; epochs must increase. */
  observe(epoch: number, met: boolean): void {
    if (!(Number.isInteger(epoch) && epoch > this.#last)) {
      throw new RangeError(`epoch: ${epoch} must be an integer above ${this.#last}`, {
        cause: { field: "epoch", value: epoch },
      });
    }
    this.#last = epoch;
    if (met) {
      this.#first ??= epoch;
      this.#stableFrom ??= epoch;
    } else {
      if (this.#stableFrom !== null) this.#lost++;
      this.#stableFrom = null;
    }
  }

  /** What has been seen so far. */
  get crossings(): Crossings {
    return { first: this.#first, stableFrom: this.#stableFrom, lost: this.#lost };
  }
}
