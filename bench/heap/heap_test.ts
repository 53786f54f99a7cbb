import assert from "node:assert/strict";
import {
  allocatedAtLeast,
  analyse,
  checkHeap,
  combine,
  HEAP_CHECKS,
  type HeapProcess,
  type HeapSizes,
  parseGcLine,
  slope,
  splitTrace,
} from "./heap.ts";
import type { ProbeOutput } from "./heap_probe.ts";

// Lines as V8 15 prints them with --trace-gc, --trace-opt, --trace-deopt and
// --trace-incremental-marking (addresses shortened).
const FORCED =
  "[25232:0x55b7b994b000]     5834 ms: Scavenge (during sweeping) 2.3 (3.5) -> 2.3 (3.5) MB, " +
  "pooled: 0.0 MB, 0.23 / 0.00 ms (average mu = 0.994, current mu = 0.149) testing; ";
const FORCED_FULL =
  "[25232:0x55b7b994b000]     5805 ms: Mark-Compact 2.3 (2.8) -> 2.2 (2.5) MB, pooled: 0.2 MB, " +
  "3.75 / 0.00 ms (average mu = 0.999, current mu = 0.999) testing; GC in old space requested";
const SCAVENGE =
  "[25782:0x557f2df0a000]      573 ms: Scavenge 66.8 (67.8) -> 2.9 (68.0) MB, pooled: 0.0 MB, " +
  "0.35 / 0.00 ms (average mu = 0.925, current mu = 0.010) allocation failure; ";
const INCREMENTAL =
  "[25239:0x55f59570f000]       24 ms: Incremental Mark-Compact 2.2 (3.5) -> 2.2 (3.5) MB, " +
  "pooled: 0.0 MB, 1.47 / 0.00 ms (+ 0.0 ms in 1 steps since start of marking, biggest step " +
  "0.0 ms, walltime since start of marking 8 ms) (average mu = 0.745, current mu = 0.829) " +
  "finalize incremental marking via stack guard; GC in old space requested";
const MARKING_START = "[28041:0x559e7ea67000:0]     2084 ms: [IncrementalMarking] Start " +
  "(allocation limit): (size/waste/limit/slack) v8: 3MB / 0MB / 11MB / 8MB";
const MARKING_STEP = "[28041:0x559e7ea67000:0]     2088 ms: [IncrementalMarking] Job: Run";
const COMPILED =
  "[completed compiling 0x1b2c537613d1 <JSFunction loop (sfi = 0x32dbb606dca9)> (target " +
  "TURBOFAN_JS) OSR - took 0.019, 8.833, 0.051 ms]";
const OPTIMIZED =
  "[completed optimizing 0x1b2c537613d1 <JSFunction loop (sfi = 0x32dbb606dca9)> (target TURBOFAN_JS) OSR]";
const BAILOUT =
  "[bailout (kind: deopt-eager, reason: Insufficient type feedback for generic named access): " +
  "begin. deoptimizing 0x379f7f3a2571 <JSFunction loop (sfi = 0x32dbb606dca9)>, opt id 1";
const WEAK =
  "[marking dependent code 0x26b5c7503631 <Code MAGLEV> (0x32dbb6076851 <SharedFunctionInfo " +
  "nextUint32>) (opt id 3) for deoptimization, reason: embedded weak objects cleared]";
const MARKED =
  "[marking 0x025bc0119129 <JSFunction loop (sfi = 0xdefc3a6dc21)> for optimization to MAGLEV, " +
  "ConcurrencyMode::kConcurrent, reason: hot and stable]";

Deno.test("parseGcLine reads --trace-gc lines and nothing else", () => {
  assert.deepEqual(parseGcLine(SCAVENGE), {
    kind: "Scavenge",
    beforeMb: 66.8,
    afterMb: 2.9,
    reason: "allocation failure",
    forced: false,
  });
  assert.deepEqual(parseGcLine(FORCED), {
    kind: "Scavenge",
    beforeMb: 2.3,
    afterMb: 2.3,
    reason: "testing",
    forced: true,
  });
  assert.equal(parseGcLine(FORCED_FULL)?.kind, "Mark-Compact");
  assert.equal(parseGcLine(FORCED_FULL)?.forced, true);
  const incremental = parseGcLine(INCREMENTAL);
  assert.equal(incremental?.kind, "Incremental Mark-Compact");
  assert.equal(incremental?.reason, "finalize incremental marking via stack guard");
  assert.equal(incremental?.forced, false);
  for (const other of [MARKING_START, MARKING_STEP, COMPILED, BAILOUT, WEAK, MARKED, "", "x"]) {
    assert.equal(parseGcLine(other), null, other);
  }
});

Deno.test("splitTrace counts what happened between forced GCs", () => {
  const trace = [
    SCAVENGE, // before the first forced GC: dropped
    COMPILED,
    FORCED,
    COMPILED, // window 0 (the warm-up)
    BAILOUT,
    SCAVENGE,
    FORCED_FULL,
    FORCED, // window 1: empty
    MARKED, // window 2: marking for optimisation is not a tier change
    SCAVENGE,
    INCREMENTAL,
    MARKING_START,
    MARKING_STEP,
    OPTIMIZED,
    WEAK,
    FORCED, // window 3
  ].join("\n");
  const windows = splitTrace(trace);
  assert.equal(windows.length, 4);
  assert.deepEqual(
    windows.map((w) => [w.gcs.length, w.markingStarts, w.compilations, w.deopts]),
    [[1, 0, 1, 1], [0, 0, 0, 0], [2, 1, 1, 1], [0, 0, 0, 0]],
  );
  assert.deepEqual(windows[2].gcs.map((g) => g.reason), [
    "allocation failure",
    "finalize incremental marking via stack guard",
  ]);
});

Deno.test("slope and the lower bound of a collected run", () => {
  // Per-run bytes cancel: 1 000 + 16·E.
  assert.equal(
    slope({ epochs: 1000, growth: 1000 + 16 * 1000 }, { epochs: 4000, growth: 1000 + 16 * 4000 }),
    16,
  );
  assert.equal(slope({ epochs: 10, growth: 5000 }, { epochs: 40, growth: 5000 }), 0);
  assert.throws(() => slope({ epochs: 40, growth: 0 }, { epochs: 40, growth: 0 }), RangeError);
  // No GC: the growth itself. Each GC adds what it freed, less 0.1 MB of rounding.
  assert.equal(allocatedAtLeast(12_345, []), 12_345);
  const gc = parseGcLine(SCAVENGE)!; // 66.8 → 2.9 MB
  assert.equal(allocatedAtLeast(-1000, [gc, gc]), -1000 + 2 * (66.8 - 2.9 - 0.1) * 1048576);
});

const SIZES: HeapSizes = { warmup: { runs: 2, epochs: 10 }, short: 100, long: 400, processes: 1 };

/** A child's output and its trace: one forced GC per window, `extra[i]` inside run i's. */
function fake(growth: number[], extra: string[][] = []): [ProbeOutput, string] {
  const epochs = [100, 400, 100, 400];
  const out: ProbeOutput = {
    setup: "config",
    warmupMs: 1,
    runs: epochs.map((e, i) => ({ epochs: e, growth: growth[i], ms: 1 })),
  };
  const lines = [FORCED, COMPILED, BAILOUT]; // the warm-up compiles
  for (let i = 0; i < 4; i++) lines.push(FORCED, ...(extra[i] ?? []));
  lines.push(FORCED);
  return [out, lines.join("\n")];
}

Deno.test("analyse: clean runs give the exact slope; others are set aside", () => {
  // Steady: the same growth at both lengths.
  const free = analyse(SIZES, ...fake([9000, 9000, 9000, 9000]), 1);
  assert.equal(free.verdict, "allocation-free");
  assert.equal(free.bytesPerEpoch, 0);
  assert.equal(free.exact, true);
  assert.equal(free.tierChanges, 0);

  // 24 B per epoch; the first short run, still compiling, is set aside.
  const growth = (e: number) => 5000 + 24 * e;
  const allocating = analyse(
    SIZES,
    ...fake([1e6, growth(400), growth(100), growth(400)], [[COMPILED, BAILOUT]]),
    1,
  );
  assert.equal(allocating.verdict, "allocates");
  assert.equal(allocating.bytesPerEpoch, 24);
  assert.equal(allocating.short.cleanRuns, 1);
  assert.equal(allocating.tierChanges, 2);
  assert.equal(allocating.runs[0].clean, false);

  // A one-off (something compiled lazily, untraced) in one run is dropped by the minimum.
  assert.equal(analyse(SIZES, ...fake([9000, 9000, 9000, 15_000]), 1).bytesPerEpoch, 0);

  // Growth that falls with the epochs: not steady, no verdict.
  const falling = analyse(SIZES, ...fake([600_000, 20_000, 600_000, 20_000]), 1);
  assert.equal(falling.verdict, "inconclusive");
  assert.match(falling.note ?? "", /steady/);

  // No clean short run.
  const unsteady = analyse(
    SIZES,
    ...fake([9000, 9000, 9000, 9000], [[COMPILED], [], [BAILOUT]]),
    1,
  );
  assert.equal(unsteady.verdict, "inconclusive");
  assert.match(unsteady.note ?? "", /no clean run of 100 epochs/);
});

Deno.test("analyse: GCs during the long runs give a lower bound", () => {
  const p = analyse(SIZES, ...fake([9000, 1000, 9000, 2000], [[], [SCAVENGE], [], [SCAVENGE]]), 1);
  assert.equal(p.exact, false);
  assert.equal(p.long.gcs, 2);
  assert.equal(p.verdict, "allocates");
  assert.equal(p.bytesPerEpoch, (1000 + (66.8 - 2.9 - 0.1) * 1048576) / 400);
});

Deno.test("analyse: a trace that does not match the runs is an error", () => {
  const [out, trace] = fake([0, 0, 0, 0]);
  assert.throws(() => analyse(SIZES, out, trace.replace(FORCED, ""), 1), /forced GCs/);
});

Deno.test("combine: one allocating process makes the set-up allocate", () => {
  const process = (verdict: HeapProcess["verdict"], bytesPerEpoch: number): HeapProcess => ({
    warmupMs: 0,
    runs: [],
    short: { epochs: 100, growth: 0, cleanRuns: 2, gcs: 0 },
    long: { epochs: 400, growth: 0, cleanRuns: 2, gcs: 0 },
    bytesPerEpoch,
    exact: true,
    tierChanges: 0,
    verdict,
    seconds: 0,
  });
  const free = process("allocation-free", 0);
  const allocates = process("allocates", 8192);
  const mixed = combine("parity8-batch32", SIZES, [free, allocates, free]);
  assert.equal(mixed.verdict, "allocates");
  assert.equal(mixed.allocatingProcesses, 1);
  assert.equal(mixed.bytesPerEpoch, 8192);
  assert.equal(mixed.controlAsExpected, null);
  assert.equal(combine("xor-seed", SIZES, [free, free]).verdict, "allocation-free");
  assert.equal(
    combine("xor-seed", SIZES, [free, process("inconclusive", NaN)]).verdict,
    "inconclusive",
  );
  assert.equal(combine("fused-xor", SIZES, [free]).controlAsExpected, true);
  assert.equal(combine("fused-xor", SIZES, [allocates]).controlAsExpected, false);
  assert.equal(combine("xor-seed-callback", SIZES, [allocates]).controlAsExpected, true);
  assert.equal(combine("xor-seed-callback", SIZES, [free]).controlAsExpected, false);
});

Deno.test({
  name: "checkHeap flags a loop that allocates per epoch and clears the hand-fused control",
  sanitizeResources: false,
  async fn() {
    // A loop that pushes one boxed object per epoch into an array.
    const boxes = await checkHeap("test-boxes", {
      warmup: { runs: 50, epochs: 1000 },
      short: 20_000,
      long: 80_000,
      processes: 1,
    });
    assert.equal(boxes.verdict, "allocates", JSON.stringify(boxes.processes));
    assert.equal(boxes.controlAsExpected, true);
    assert.equal(boxes.processes[0].exact, true);
    // The object (≥ 16 B, with its boxed double) and the array's slot, at least.
    assert.ok(boxes.bytesPerEpoch >= 24, `${boxes.bytesPerEpoch} B/epoch`);

    const fused = await checkHeap(
      "fused-xor",
      HEAP_CHECKS.find((c) => c.setup === "fused-xor")!.quick,
    );
    assert.equal(fused.verdict, "allocation-free", JSON.stringify(fused.processes));
    assert.equal(fused.controlAsExpected, true);
    const run = fused.processes[0].runs.at(-1)!;
    assert.equal(run.gcs, 0);
    assert.ok(run.growth < 64 * 1024, `${run.growth} B`);
  },
});

Deno.test("checkHeap reports a set-up it does not know as not measured", async () => {
  const check = await checkHeap("no-such-set-up", SIZES);
  assert.equal(check.verdict, "not measured");
  assert.match(check.processes[0].note ?? "", /no set-up "no-such-set-up"/);
});
