import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig } from "@backprop/core";
import { nearestKink } from "./kink.ts";

Deno.test("nearestKink: the relu unit nearest z = 0 relative to its terms; null without relu", () => {
  const config = resolveConfig({ activation: "relu", hidden: [2] });
  const model = initModel(config, 2, 1);
  model.layers[0].weights = [0.3, 0.5, -0.3, 0.5];
  model.layers[0].biases = [0, 0.1];
  // Row (1, 1): unit 0 has z = 0.3 − 0.3 = 0 from non-zero terms. Row (0, 0): all terms 0, not counted.
  assert.deepEqual(nearestKink(model, loadDataset("xor")), {
    relative: 0,
    layer: 1,
    unit: 0,
    row: 3,
  });
  assert.equal(
    nearestKink(initModel(resolveConfig({ activation: "tanh" }), 2, 1), loadDataset("xor")),
    null,
  );
});
