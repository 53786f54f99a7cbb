import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import { manualEngine } from "./engine.ts";
import { formatReport } from "./format.ts";
import { verifyEngine } from "./verify.ts";

Deno.test("formatReport: a line per check, the grade and the verdict", async () => {
  const report = await verifyEngine(
    resolveConfig({ preset: "seed", epochs: 20 }),
    loadDataset("xor"),
    manualEngine,
  );
  const text = formatReport(report);
  assert.match(text, /^verify: manual against the float64 oracle/);
  assert.match(
    text,
    /^PASS {2}gradient W1 \(oracle\) {2}\S+ ≤ 1\.0e-10 {2}worst at step \d+ \(6 steps compared\)$/m,
  );
  assert.match(text, /^grade: 2 of 2 gradient tensors right$/m);
  assert.match(text, /\nverify: PASS \(6 checks\)$/);
});
