/**
 * The child process of the allocation check (heap.ts starts it): trains one
 * set-up repeatedly and prints, on stderr, the V8 heap growth of each measured
 * run. V8's own traces (`--trace-gc`, `--trace-opt`, `--trace-deopt`) go to
 * stdout, where heap.ts reads them.
 *
 * V8 buffers those traces (stdio), so a marker this script printed would not
 * land between them where it belongs. The markers are therefore forced minor
 * GCs: each prints a `--trace-gc` line with the reason "testing" into the same
 * stream, in order. One is forced before the warm-up, one before each measured
 * run and one after the last, so the lines between the k-th and (k+1)-th
 * belong to the warm-up (k = 0) or to measured run k. A minor GC, not a full
 * one: a full GC clears the weak references of optimised code to objects that
 * died, which deoptimises the training loop and would have the next run
 * measure unoptimised code (V8 prints "embedded weak objects cleared").
 *
 * Usage: `deno run --v8-flags=--expose-gc,--trace-gc,… bench/heap/heap_probe.ts SPEC`
 * with SPEC a JSON {@linkcode ProbeSpec}.
 *
 * @module
 */

import { initModel, loadNamedDataset, resolveConfig, type TrainConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { trainFusedXor } from "../speed/fused.ts";

/** What the child is asked to do. */
export interface ProbeSpec {
  /**
   * The set-up to train: a key of {@linkcode PROBE_SETUPS}, or "config" for the
   * hand-written engine on {@linkcode ProbeSpec.config}.
   */
  setup: string;
  /** With `setup` "config": the configuration (its dataset is loaded by name). */
  config?: Partial<TrainConfig>;
  /** Warm-up: `runs` training runs of `epochs` epochs each. */
  warmup: { runs: number; epochs: number };
  /** Epochs of each measured run, in order. */
  epochs: number[];
}

/** What the child prints on stderr, after {@linkcode PROBE_RESULT_PREFIX}. */
export interface ProbeOutput {
  setup: string;
  /** Milliseconds of the warm-up. */
  warmupMs: number;
  /** One per measured run, in order. */
  runs: { epochs: number; growth: number; ms: number }[];
}

/** Starts the stderr line that carries the child's {@linkcode ProbeOutput}. */
export const PROBE_RESULT_PREFIX = "heap-probe-result ";

/** Starts the stderr line that carries the child's error, if it fails. */
export const PROBE_ERROR_PREFIX = "heap-probe-error ";

/** The last argument of the `xor-seed-callback` set-up's `onEpoch`, kept so that it escapes. */
export let lastEpochSeen: unknown = null;

/** A set-up of the check: something that trains for a given number of epochs. */
export interface ProbeSetup {
  /** What is trained, for the report. */
  label: string;
  /** Whether it is a control, and which way: it must show no allocation, or must show some. */
  control: "allocation-free" | "allocating" | null;
  /** Returns a function that runs one whole training run of `epochs` epochs, early stopping off. */
  make(): (epochs: number) => unknown;
}

function manual(config: Partial<TrainConfig>): (epochs: number) => unknown {
  const c = resolveConfig(config);
  const data = loadNamedDataset(c.dataset);
  return (epochs) => trainManual({ ...c, epochs, targetLoss: 0 }, data);
}

/** XOR `seed`-preset configuration of brain.js's scheme (speed problem `xor-per-pattern`). */
const PER_PATTERN: Partial<TrainConfig> = {
  preset: "seed",
  useBias: true,
  init: "uniform:0.2",
  batchSize: 1,
  shuffle: false,
};

/** The set-ups the check knows, by key. */
export const PROBE_SETUPS: Readonly<Record<string, ProbeSetup>> = {
  "fused-xor": {
    label:
      "control: the hand-fused XOR loop (bench/speed/fused.ts), which makes no object per epoch",
    control: "allocation-free",
    make() {
      const c = resolveConfig({ preset: "seed" });
      const xor = loadNamedDataset("xor");
      return (epochs) => trainFusedXor(initModel(c, 2, 1), xor, c.learningRate, epochs, 0);
    },
  },
  "xor-seed-callback": {
    label: "control: XOR `seed` preset with an `onEpoch` callback that keeps its argument " +
      "(one object per epoch by design)",
    control: "allocating",
    make() {
      const c = resolveConfig({ preset: "seed" });
      const xor = loadNamedDataset("xor");
      const onEpoch = (info: unknown) => {
        lastEpochSeen = info;
      };
      return (epochs) => trainManual({ ...c, epochs, targetLoss: 0 }, xor, { onEpoch });
    },
  },
  "xor-seed": {
    label: "XOR `seed` preset, full batch",
    control: null,
    make: () => manual({ preset: "seed" }),
  },
  "xor-per-pattern": {
    label: "XOR `seed` preset one row at a time (batch 1, no shuffle: brain.js's scheme)",
    control: null,
    make: () => manual(PER_PATTERN),
  },
  "parity8-batch32": {
    label: "parity:8, `default` preset, shuffled batches of 32",
    control: null,
    make: () => manual({ preset: "default", dataset: "parity:8", batchSize: 32 }),
  },
  "test-boxes": {
    label: "test: a loop that pushes one boxed object per epoch into an array",
    control: "allocating",
    make() {
      return (epochs) => {
        const kept: { epoch: number; loss: number }[] = [];
        let w = 0.5;
        for (let epoch = 0; epoch < epochs; epoch++) {
          const loss = 1 / (1 + Math.exp(-w));
          w -= 0.01 * loss;
          kept.push({ epoch, loss });
        }
        return kept.length;
      };
    },
  },
};

type Gc = (options?: { type: "minor" | "major" }) => void;

/** Runs `spec` and returns the heap growth of each measured run (needs `--expose-gc`). */
export function probe(spec: ProbeSpec): ProbeOutput {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) throw new Error("heap_probe: needs --v8-flags=--expose-gc");
  const setup = spec.setup === "config" ? null : PROBE_SETUPS[spec.setup];
  if (setup === undefined) throw new RangeError(`heap_probe: no set-up "${spec.setup}"`);
  const train = setup === null ? manual(spec.config ?? {}) : setup.make();
  const heapUsed = () => Deno.memoryUsage().heapUsed;
  // The warm-up runs go through the same code as the measured ones, so that
  // the measuring code is warm too; only the forced GC is left out.
  const measure = (epochs: number, collect: boolean) => {
    if (collect) gc({ type: "minor" }); // marker, and an empty young generation for the run
    const before = heapUsed();
    const t0 = performance.now();
    train(epochs);
    const ms = performance.now() - t0;
    const after = heapUsed();
    return { epochs, growth: after - before, ms };
  };
  gc({ type: "minor" }); // marker: the warm-up starts
  const t0 = performance.now();
  for (let r = 0; r < spec.warmup.runs; r++) measure(spec.warmup.epochs, false);
  const warmupMs = performance.now() - t0;
  const runs = spec.epochs.map((epochs) => measure(epochs, true));
  gc({ type: "minor" }); // marker: the last run ends
  return { setup: spec.setup, warmupMs, runs };
}

if (import.meta.main) {
  try {
    const out = probe(JSON.parse(Deno.args[0] ?? "null") as ProbeSpec);
    console.error(PROBE_RESULT_PREFIX + JSON.stringify(out));
  } catch (error) {
    console.error(PROBE_ERROR_PREFIX + (error instanceof Error ? error.message : String(error)));
    Deno.exit(1);
  }
}
