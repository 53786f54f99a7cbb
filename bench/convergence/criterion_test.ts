import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import {
  criterionFlag,
  describeCriterion,
  outputsWithinHalf,
  parseCriterion,
} from "./criterion.ts";

Deno.test("parseCriterion reads outputs and loss:X", () => {
  assert.deepEqual(parseCriterion("outputs"), { kind: "outputs" });
  assert.deepEqual(parseCriterion("loss:0.01"), { kind: "loss", threshold: 0.01 });
  assert.deepEqual(parseCriterion("loss:1e-3"), { kind: "loss", threshold: 0.001 });
  assert.equal(criterionFlag(parseCriterion("loss:0.25")), "loss:0.25");
  assert.match(describeCriterion({ kind: "outputs" }), /within 0\.5/);
});

Deno.test("parseCriterion rejects anything else, naming the flag", () => {
  for (
    const bad of [
      "",
      "output",
      "loss",
      "loss:",
      "loss: ",
      "loss:0",
      "loss:-1",
      "loss:x",
      "loss:Infinity",
    ]
  ) {
    assert.throws(() => parseCriterion(bad), (e: Error) => {
      assert.ok(e instanceof RangeError);
      assert.match(e.message, /^--criterion: .* expected outputs or loss:X/);
      return true;
    }, bad);
  }
});

Deno.test("outputsWithinHalf judges every output, NaN failing", () => {
  const xor = loadDataset("xor");
  const config = resolveConfig({ preset: "seed", hidden: [2], useBias: true });
  const model = {
    format: "backprop-model" as const,
    version: 1 as const,
    layerSizes: [2, 2, 1],
    useBias: true,
    // A hand-made XOR solver: h1 = OR, h2 = AND, out = h1 AND NOT h2.
    layers: [
      {
        inputs: 2,
        units: 2,
        activation: "sigmoid" as const,
        weights: [20, 20, 20, 20],
        biases: [-10, -30],
      },
      { inputs: 2, units: 1, activation: "sigmoid" as const, weights: [20, -20], biases: [-10] },
    ],
  };
  assert.equal(config.hidden[0], 2);
  assert.equal(outputsWithinHalf(model, xor), true);
  const wrong = structuredClone(model);
  wrong.layers[1].weights = [-20, 20];
  assert.equal(outputsWithinHalf(wrong, xor), false);
  const nan = structuredClone(model);
  nan.layers[1].biases = [NaN];
  assert.equal(outputsWithinHalf(nan, xor), false);
});
