/**
 * Allocation check: the V8 heap in use before and after training runs of the
 * hand-written engine and, as a control, of the hand-fused loop, which
 * allocates nothing per epoch.
 *
 * Buffers allocated once per run make the heap grow by the same amount for
 * runs of any length. An allocation per epoch makes it grow with the epochs,
 * but only until the young generation fills (about a megabyte) and a
 * collection empties it; so the bytes per epoch are read from the slope
 * between two short runs (e.g. 1 000 and 3 000 epochs), and a long run is shown too.
 *
 * @module
 */

import type { Dataset, ResolvedConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { summarize } from "./stats.ts";

/** Heap growth of runs of one length. */
export interface HeapRun {
  /** Epochs per run. */
  epochs: number;
  /**
   * The typical heap growth of the repetitions, bytes: the value that occurs
   * most often (deterministic code grows the heap by the same bytes every
   * time, while unrelated background work adds occasional jumps), or the
   * median when no two agree.
   */
  growth: number;
  /** Growth of each repetition: heapUsed right after − right before (after a forced GC). */
  samples: number[];
}

/** The allocation check of one training set-up. */
export interface HeapCheck {
  /** What was trained. */
  label: string;
  /** Runs of `short` and 3 · `short` epochs, and one long run. */
  runs: HeapRun[];
  /** (growth at 3·short − growth at short) / (2·short): bytes allocated per epoch. */
  bytesPerEpoch: number;
  /** Whether that is below {@linkcode HEAP_NOISE_BYTES_PER_EPOCH}. */
  allocationFree: boolean;
}

/**
 * Below this many bytes per epoch a loop counts as allocation-free: the
 * smallest allocation V8 makes (a boxed double) is 16 bytes.
 */
export const HEAP_NOISE_BYTES_PER_EPOCH = 8;

/** Whether `gc()` is available (the bench task passes `--v8-flags=--expose-gc`). */
export function canForceGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === "function";
}

function forceGc(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}

type Train = (config: ResolvedConfig, data: Dataset) => unknown;

/**
 * The most frequent value of `samples` (the smallest among equally frequent
 * ones), or their median when every value occurs once.
 *
 * @example
 * ```ts
 * import { typical } from "@backprop/bench";
 * typical([500, 64, 64, 90, 64]); // 64
 * typical([3, 1, 2]); // 2
 * ```
 */
export function typical(samples: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best = NaN;
  let bestCount = 1;
  for (const [value, count] of counts) {
    if (count > bestCount || (count === bestCount && count > 1 && value < best)) {
      best = value;
      bestCount = count;
    }
  }
  return bestCount > 1 ? best : summarize(samples).median;
}

function growth(train: Train, config: ResolvedConfig, data: Dataset, epochs: number): number {
  const run = { ...config, epochs, targetLoss: 0 };
  train(run, data); // the same run once first, so that compilation is not counted
  forceGc();
  const before = Deno.memoryUsage().heapUsed;
  train(run, data);
  return Deno.memoryUsage().heapUsed - before;
}

/**
 * Measures `train` (default: the hand-written engine) on `config`: one run of
 * `long` epochs (which also warms the code up), then five repetitions each of
 * `short` and 3 · `short` epochs, each run after a warm-up run of the same
 * length and a forced GC. `short` should keep
 * a run's allocations well under a megabyte.
 */
export function checkHeap(
  label: string,
  config: ResolvedConfig,
  data: Dataset,
  epochs: { short: number; long: number },
  train: Train = trainManual,
): HeapCheck {
  // The long run goes first: with its warm-up it helps bring the code to its
  // optimised tier, so that the short runs do not measure the interpreter's
  // boxed numbers (run the check on code that is already hot, too).
  const measure = (length: number, reps: number): HeapRun => {
    const samples: number[] = [];
    for (let r = 0; r < reps; r++) samples.push(growth(train, config, data, length));
    return { epochs: length, growth: typical(samples), samples };
  };
  const long = measure(epochs.long, 1);
  const runs = [measure(epochs.short, 5), measure(3 * epochs.short, 5), long];
  const bytesPerEpoch = (runs[1].growth - runs[0].growth) / (runs[1].epochs - runs[0].epochs);
  return {
    label,
    runs,
    bytesPerEpoch,
    // A negative slope is a per-run difference, not an allocation.
    allocationFree: bytesPerEpoch < HEAP_NOISE_BYTES_PER_EPOCH,
  };
}
