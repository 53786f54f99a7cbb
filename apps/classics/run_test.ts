import assert from "node:assert/strict";
import { classicsConfig, EXPERIMENTS, PRIMARY_SETTING, thresholdsFor } from "./experiments.ts";
import { runClassicsTask } from "./run.ts";

const XOR = EXPERIMENTS.flatMap((e) => e.variants).find((v) => v.dataset === "xor")!;

Deno.test("runClassicsTask: crossings in order, the plateau and outputs of the final weights", async () => {
  const thresholds = thresholdsFor(4);
  const run = await runClassicsTask({
    engine: "manual",
    config: classicsConfig(XOR, PRIMARY_SETTING, 1, 3000, 4),
    thresholds,
  });
  assert.equal(run.seed, 1);
  assert.equal(run.outputs.length, 4);
  assert.ok(run.plateau >= 1 && run.plateau <= run.epochsRun);
  // A stricter threshold is crossed no earlier than a looser one.
  const crossed = run.crossings.filter((c): c is number => c !== null);
  for (let i = 1; i < crossed.length; i++) assert.ok(crossed[i] >= crossed[i - 1]);
  if (run.stoppedBecause === "target-loss") {
    assert.equal(run.crossings[thresholds.length - 1], run.epochsRun);
    assert.ok(run.finalLoss < Math.min(...thresholds));
  }
  // Seeded: the same task twice gives the same run.
  const again = await runClassicsTask({
    engine: "manual",
    config: classicsConfig(XOR, PRIMARY_SETTING, 1, 3000, 4),
    thresholds,
  });
  assert.deepEqual({ ...again, ms: 0 }, { ...run, ms: 0 });
});
