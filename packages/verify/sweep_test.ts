import assert from "node:assert/strict";
import { CHOICES } from "@backprop/core";
import { BUGS } from "./bugs.ts";
import { catchMatrix, checkKind, randomConfigs, sweep, sweepMarkdown } from "./sweep.ts";

Deno.test("randomConfigs: seeded, valid, and covering every choice of one-output problems", () => {
  assert.deepEqual(randomConfigs(50, 3), randomConfigs(50, 3));
  const configs = randomConfigs(400, 1);
  // softmax and cce need classes, which these datasets do not have (verify's CLI tests
  // run them on iris).
  const oneOutput = {
    ...CHOICES,
    outputActivation: CHOICES.outputActivation.filter((o) => o !== "softmax"),
    loss: CHOICES.loss.filter((l) => l !== "cce"),
  };
  for (const field of ["activation", "outputActivation", "loss", "optimizer"] as const) {
    const seen = new Set(configs.map((c) => c[field]));
    assert.equal(seen.size, oneOutput[field].length, field);
  }
  assert.deepEqual(new Set(configs.map((c) => c.dataset)), new Set(["xor", "parity:3", "circle"]));
  assert.ok(configs.every((c) => c.loss !== "bce" || c.outputActivation === "sigmoid"));
  assert.ok(configs.every((c) => c.epochs! >= 1 && c.epochs! <= 2000));
  assert.ok(configs.some((c) => c.shortcut) && configs.some((c) => !c.useBias));
});

Deno.test("checkKind: folds the layer number", () => {
  assert.equal(checkKind("gradient W12 (oracle)"), "gradient W (oracle)");
  assert.equal(checkKind("update b2"), "update b");
  assert.equal(checkKind("gradient Ws (tfjs)"), "gradient Ws (tfjs)");
});

Deno.test("sweep: 20 random configs pass in full against the oracle and TF.js (the suite, reduced)", async () => {
  const report = await sweep(randomConfigs(20, 11), { tfjs: "cpu" });
  assert.equal(report.tried, 20);
  assert.equal(report.passed, 20, JSON.stringify(report.notes));
  for (const m of report.margins) assert.ok(m.ratio <= 1, m.check);
  const md = sweepMarkdown(report, [], { seed: 11, tfjs: "cpu", seconds: 1, command: "test" });
  assert.match(md, /\*\*20 of 20 configs PASS\*\*/);
  assert.match(md, /\| gradient W \(oracle\) \| /);
});

Deno.test("catchMatrix: bugs caught, the reference passing, in the report's matrix", async () => {
  // Two of the catalogue here (bugs_test.ts runs every one).
  const matrix = await catchMatrix(null, BUGS.filter((b) => /batch-off|adam-no/.test(b.id)));
  assert.equal(matrix.length, 2);
  for (const row of matrix) {
    assert.ok(row.caught && row.referencePasses, row.id);
    assert.ok(Object.keys(row.caughtBy).length > 0, row.id);
  }
  const report = await sweep([], {});
  const md = sweepMarkdown(report, matrix, { seed: 1, tfjs: null, seconds: 1, command: "test" });
  assert.match(md, /\| batch-off-by-one: [^|]+ \| yes \| yes \| .*step 1/);
});
