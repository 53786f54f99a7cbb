/**
 * The live progress line shown while training in a terminal.
 *
 * @module
 */

import type { EpochInfo } from "@backprop/core";
import { formatNumber } from "./_private.ts";

/** A progress line: feed it every epoch, clear it when training ends. */
export interface Progress {
  /** Notes an epoch; redraws the line at most once per interval. */
  onEpoch(info: EpochInfo): void;
  /** Erases the line, if one was drawn. */
  clear(): void;
}

/**
 * A progress line of epoch, loss and the recent epochs per second, redrawn in place with
 * `\r` at most every `intervalMs` (default 100 ms, so ~10 times a second).
 *
 * @param write Writes text as is, e.g. to a terminal's stdout.
 * @param epochs The most epochs the run may take.
 * @param now A clock in milliseconds (for tests).
 *
 * @example
 * ```ts
 * import { progressLine } from "@backprop/cli";
 * const encoder = new TextEncoder();
 * const progress = progressLine((text) => Deno.stdout.writeSync(encoder.encode(text)), 2000);
 * progress.onEpoch({ epoch: 1, loss: 0.69 });
 * progress.clear();
 * ```
 */
export function progressLine(
  write: (text: string) => void,
  epochs: number,
  now: () => number = () => performance.now(),
  intervalMs = 100,
): Progress {
  let last = now();
  let lastEpoch = 0;
  let drawn = false;
  return {
    onEpoch({ epoch, loss }: EpochInfo): void {
      const t = now();
      if (t - last < intervalMs) return;
      // The rate over the last interval, so that it follows the run as it speeds up.
      const rate = Math.round((epoch - lastEpoch) / ((t - last) / 1000));
      last = t;
      lastEpoch = epoch;
      drawn = true;
      // \r returns to the line's start; \x1b[K erases what is left of a longer line.
      write(`\repoch ${epoch}/${epochs}  loss ${formatNumber(loss)}  ${rate} epochs/s\x1b[K`);
    },
    clear(): void {
      if (drawn) write("\r\x1b[K");
      drawn = false;
    },
  };
}
