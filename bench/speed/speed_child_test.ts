import assert from "node:assert/strict";
import { measureSpeedInChild, measureSpeedInProcesses, specProblem } from "./speed_child.ts";

Deno.test("specProblem: a named problem, a custom one, and an unknown name", () => {
  assert.equal(
    specProblem({ problem: "xor", quick: true, engine: "fused-limit", manualEpochs: null }).data
      .rows,
    4,
  );
  const custom = specProblem({
    problem: "custom",
    quick: true,
    engine: "manual-f64",
    manualEpochs: null,
    custom: { config: { dataset: "parity:3", hidden: [5] }, target: 0.1 },
  });
  assert.deepEqual([custom.data.rows, custom.config.hidden, custom.target], [8, [5], 0.1]);
  assert.throws(
    () => specProblem({ problem: "nope", quick: true, engine: "manual-f64", manualEpochs: null }),
    RangeError,
  );
});

Deno.test("measureSpeedInProcesses: one row per process, the middle one kept", async () => {
  const spec = { problem: "xor", quick: true, engine: "fused-limit", manualEpochs: null } as const;
  const row = await measureSpeedInProcesses(spec, 3);
  assert.equal(row.available, true, row.reason);
  assert.equal(row.processMedians?.length, 3);
  const sorted = [...row.processMedians!].sort((a, b) => a - b);
  assert.equal(row.usPerEpoch!.median, sorted[1]);
  // A child that fails is an absent row with the reason, not a crash.
  const failed = await measureSpeedInChild({ ...spec, problem: "nope" });
  assert.equal(failed.available, false);
  assert.match(failed.reason ?? "", /nope/);
});
