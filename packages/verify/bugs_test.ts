import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { BUGS, referenceEngine } from "./bugs.ts";
import { datasetOf } from "./sweep.ts";
import { verifyEngine } from "./verify.ts";

Deno.test("BUGS: at least 12, with distinct ids", () => {
  assert.ok(BUGS.length >= 12);
  assert.equal(new Set(BUGS.map((b) => b.id)).size, BUGS.length);
});

// Which check must catch each bug, and at which step at the latest.
const EXPECTED: Record<string, [string, number]> = {
  "wrong-derivative": ["gradient W1 (oracle)", 1],
  "derivative-of-output": ["gradient W1 (oracle)", 1],
  "bias-gradient-missing": ["gradient b1 (oracle)", 1],
  "bias-gradient-first-row": ["gradient b1 (oracle)", 1],
  "transposed-weight-gradient": ["gradient W1 (oracle)", 1],
  "sum-not-mean": ["gradient W2 (oracle)", 1],
  "mse-without-2": ["gradient W2 (oracle)", 1],
  "momentum-wrong-sign": ["update W1", 2],
  "adam-no-bias-correction": ["update W1", 1],
  "adam-epsilon-inside-sqrt": ["update W1", 1],
  "update-before-delta": ["gradient W1 (oracle)", 1],
  "batch-off-by-one": ["batch rows", 1],
  "shortcut-gradient-missing": ["gradient Ws (oracle)", 1],
};

for (const bug of BUGS) {
  Deno.test(`verify catches ${bug.id}; the reference engine passes the same config`, async () => {
    const config = resolveConfig(bug.config);
    const data = datasetOf(config);
    const good = await verifyEngine(config, data, referenceEngine());
    assert.ok(good.pass, good.checks.filter((c) => !c.pass).map((c) => c.name).join(", "));
    const report = await verifyEngine(config, data, bug.engine);
    assert.equal(report.pass, false);
    const [name, step] = EXPECTED[bug.id];
    const check = report.checks.find((c) => c.name === name)!;
    assert.equal(check.pass, false, name);
    assert.ok(check.firstFailure! <= step, `${name} first failed at ${check.firstFailure}`);
  });
}
