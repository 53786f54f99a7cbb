import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { jaxMismatch, trainJax } from "./jax.ts";

Deno.test("jaxMismatch: full batches, sgd or Adam, no leaky-relu, no shortcut", () => {
  assert.equal(jaxMismatch(resolveConfig({ preset: "seed" })), null);
  assert.equal(jaxMismatch(resolveConfig({ preset: "default" })), null);
  assert.match(jaxMismatch(resolveConfig({ preset: "seed", batchSize: 2 }))!, /full batches/);
  assert.match(jaxMismatch(resolveConfig({ preset: "seed", optimizer: "momentum" }))!, /sgd/);
});

Deno.test("trainJax: the seed and default presets follow the engine's losses (float32)", async () => {
  const xor = loadDataset("xor");
  for (
    const config of [
      resolveConfig({ preset: "seed", epochs: 200, targetLoss: 0 }),
      resolveConfig({ preset: "default", epochs: 40, targetLoss: 0 }),
    ]
  ) {
    const jax = await trainJax(config, xor, "wasm");
    const manual = trainManual(config, xor);
    assert.equal(jax.epochsRun, config.epochs);
    // jax-js computes in float32 (relative rounding 6e-8 a step) and the engine in float64:
    // over these short runs the losses agree to about 1e-6; 1e-4 relative still catches a
    // wrong gradient or update, which moves the loss by far more.
    for (let e = 0; e < config.epochs; e++) {
      const ref = manual.lossHistory[e];
      assert.ok(Math.abs(jax.lossHistory[e] - ref) <= 1e-4 * Math.abs(ref), `epoch ${e + 1}`);
    }
    const w = manual.model.layers[0].weights;
    jax.model.layers[0].weights.forEach((v, i) => assert.ok(Math.abs(v - w[i]) < 1e-4));
  }
});
