import assert from "node:assert/strict";
import { atLeast, atMost, issue20Targets } from "./targets.ts";
import type { BenchResults } from "./results.ts";

Deno.test("atLeast: met with its margin, missed by how much, or not measured", () => {
  const met = atLeast("speed-up", 2, 5, "×");
  assert.equal(met.status, "met");
  assert.equal(met.wanted, "≥ 2×");
  assert.equal(met.margin, "5× is 2.5× the bar");
  const missed = atLeast("speed-up", 4, 1, "×");
  assert.equal(missed.status, "MISSED");
  assert.equal(missed.margin, "75 % short: needs 4× more");
  const rate = atLeast("solved", 0.95, 0.9, "%");
  assert.deepEqual([rate.wanted, rate.status, rate.margin], [
    "≥ 95 %",
    "MISSED",
    "5.0 points short",
  ]);
  const none = atLeast("speed-up", 2, null, "×");
  assert.deepEqual([none.status, none.measured, none.margin], ["not measured", null, "–"]);
  assert.equal(atLeast("x", 2, NaN, "×").status, "not measured");
});

Deno.test("atMost: headroom when under the bar, how much over otherwise", () => {
  const met = atMost("slow-down", 10, 4);
  assert.deepEqual([met.status, met.wanted, met.margin], ["met", "≤ 10×", "2.5× headroom"]);
  const over = atMost("slow-down", 10, 15);
  assert.deepEqual([over.status, over.margin], ["MISSED", "50 % over: needs 1.5× faster"]);
  assert.equal(atMost("slow-down", 10, null).status, "not measured");
});

Deno.test("issue20Targets: ratios of the speed rows; unmeasured without them", () => {
  const row = (problem: string, engine: string, median: number, gflops = 0) => ({
    problem,
    engine,
    available: true,
    usPerEpoch: { n: 1, median, p10: median, p90: median, min: median, max: median },
    gflops,
  });
  const speed = [
    {
      name: "xor",
      rowsOfEngines: [row("xor", "manual-f64", 0.3), row("xor", "fused-limit", 0.25)],
    },
    {
      name: "xor-per-pattern",
      rowsOfEngines: [row("x", "manual-f64", 1), row("x", "brain.js", 1.2)],
    },
    {
      name: "mlp-4k",
      rowsOfEngines: [
        row("mlp-4k", "manual-f64", 40, 3.46 * 2),
        row("mlp-4k", "manual-f32", 30, 3.57 * 3),
        row("mlp-4k", "tfjs-wasm", 200),
      ],
    },
  ];
  const targets = issue20Targets({ speed } as unknown as BenchResults);
  const by = (prefix: string) => targets.find((t) => t.name.startsWith(prefix))!;
  assert.equal(by("issue 20: XOR full batch").measured, 0.3 / 0.25);
  assert.equal(by("issue 20: XOR full batch").status, "met");
  assert.equal(by("issue 20: XOR row by row").status, "MISSED");
  assert.equal(by("issue 20: mlp-4k float64").measured, (3.46 * 2) / 3.46);
  assert.equal(by("issue 20: mlp-4k float32").measured, (3.57 * 3) / 3.57);
  assert.equal(by("issue 20: mlp-4k, manual").measured, 5);
  assert.equal(by("issue 20: mlp-1k").status, "not measured");
});
