import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { CONVERGENCE_CASES, QUICK_CASE_NAMES } from "./convergence.ts";
import { DEFAULT_CRITERION } from "./criterion.ts";
import { prepareConfig, runSeed } from "./seed_run.ts";

Deno.test("iris and digits: cases of the full bench, not of --quick", () => {
  const names = CONVERGENCE_CASES.map((c) => c.name);
  assert.ok(names.includes("iris") && names.includes("digits"));
  assert.ok(!QUICK_CASE_NAMES.includes("iris") && !QUICK_CASE_NAMES.includes("digits"));
});

for (const name of ["iris", "digits"]) {
  Deno.test(`${name}: seed 0 meets the outputs criterion on the hand-written engine`, async () => {
    const c = CONVERGENCE_CASES.find((c) => c.name === name)!;
    const base = resolveConfig({ ...c.config, seed: 0 });
    const config = prepareConfig(base, DEFAULT_CRITERION, base.epochs);
    const result = await runSeed({
      impl: "manual",
      config,
      criterion: DEFAULT_CRITERION,
      keepHistory: false,
    });
    assert.equal(result.success, true);
    assert.ok(result.epochsToTarget !== null && result.epochsToTarget > 0);
    assert.ok(result.epochsToTarget <= result.epochsRun);
  });
}
