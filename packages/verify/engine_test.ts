import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { checkGradients, gradientsEngine, manualEngine } from "./engine.ts";

const config = resolveConfig({ preset: "seed" });
const model = initModel(config, 2, 1);

Deno.test("checkGradients: flattens a learner's gradients, names what is wrong", () => {
  const good = { loss: 1, layers: [{ weights: new Array(6).fill(0.5) }, { weights: [1, 2, 3] }] };
  const flat = checkGradients(good, model);
  assert.equal(flat.loss, 1);
  assert.deepEqual(flat.gradients.map((g) => g.length), [6, 3]);
  const cases: [unknown, RegExp][] = [
    [{}, /^gradients: layers is missing/],
    [{ layers: [] }, /^gradients: layers has 0 entries; expected 2/],
    [
      { layers: [{ weights: [1] }, { weights: [1, 2, 3] }] },
      /layers\[0\]\.weights has 1 values; expected 6/,
    ],
    [{ layers: [{}, { weights: [1, 2, 3] }] }, /layers\[0\]\.weights is missing/],
    [
      { layers: [{ weights: new Array(6).fill(0) }, { weights: [1, Infinity, 3] }] },
      /layers\[1\]\.weights\[1\] is Infinity; expected a finite number/,
    ],
  ];
  for (const [g, message] of cases) {
    assert.throws(
      () => checkGradients(g as never, model),
      (e: Error) => e instanceof TypeError && message.test(e.message),
    );
  }
});

Deno.test("gradientsEngine: steps with the shared schedule and the optimizer; manualEngine agrees", () => {
  const data = loadDataset("xor");
  const manual = manualEngine.start(config, data, model);
  const first = manual.step();
  // A backward pass that replays the hand-written engine's first gradient.
  const replay = gradientsEngine("replay", () => ({
    loss: first.loss,
    layers: [{ weights: first.gradients[0] }, { weights: first.gradients[1] }],
  }));
  const run = replay.start(config, data, model);
  const rec = run.step();
  assert.deepEqual(Array.from(rec.rows), [0, 1, 2, 3]);
  assert.deepEqual(run.model(), manual.model());
  assert.ok(
    Number.isNaN(
      gradientsEngine(
        "no loss",
        () => ({ layers: [{ weights: first.gradients[0] }, { weights: first.gradients[1] }] }),
      ).start(config, data, model).step().loss,
    ),
  );
});
