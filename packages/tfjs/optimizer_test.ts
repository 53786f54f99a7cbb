import assert from "node:assert/strict";
import { resolveConfig, type TrainConfig } from "@backprop/core";
import { loadBackend } from "./backend.ts";
import { adamStepBias, createOptimizer, disposeOptimizer } from "./optimizer.ts";

const tf = await loadBackend("cpu");

/**
 * Three steps of the config's optimizer on L(θ) = Σ c·θ (so g = c every step), by TF.js
 * and by the formulas written out in float64.
 */
function threeSteps(c: TrainConfig): { tfjs: number[]; exact: number[] } {
  const config = resolveConfig(c);
  const grad = [0.5, -2, 1e-3];
  const before = tf.memory().numTensors;
  const theta = tf.tidy(() => tf.variable(tf.tensor1d([1, 1, 1])));
  const coefficients = tf.tensor1d(grad);
  const optimizer = createOptimizer(tf, config);
  for (let t = 0; t < 3; t++) {
    optimizer.minimize(() => tf.sum(tf.mul(coefficients, theta)), false, [theta]);
  }
  const tfjs = Array.from(theta.dataSync());
  disposeOptimizer(tf, optimizer);
  tf.dispose([theta, coefficients]);
  assert.equal(tf.memory().numTensors, before, `${config.optimizer} leaves no tensors`);

  const { learningRate: lr, momentum: mu, beta1: b1, beta2: b2, epsilon: eps } = config;
  const exact = grad.map((g) => {
    let p = 1, m = 0, v = 0;
    for (let t = 1; t <= 3; t++) {
      if (config.optimizer === "sgd") p -= lr * g;
      else if (config.optimizer === "momentum") {
        m = mu * m + g;
        p -= lr * m;
      } else {
        m = b1 * m + (1 - b1) * g;
        v = b2 * v + (1 - b2) * g * g;
        p -= lr * (m / (1 - b1 ** t)) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
      }
    }
    return p;
  });
  return { tfjs, exact };
}

for (
  const c of [
    { optimizer: "sgd", learningRate: 0.1 },
    { optimizer: "momentum", learningRate: 0.1, momentum: 0.8 },
    { optimizer: "adam", learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-3 },
    { optimizer: "adam", learningRate: 0.05 },
  ] as TrainConfig[]
) {
  Deno.test(`createOptimizer: ${JSON.stringify(c)} follows the written-out update`, () => {
    const { tfjs, exact } = threeSteps(c);
    // float32, plus (for Adam) the step bias δ of TF.js's float32 β2ᵗ on steps of size η.
    const tolerance = 1e-6 + 3 * (c.learningRate ?? 0) * adamStepBias(resolveConfig(c));
    tfjs.forEach((p, i) =>
      assert.ok(Math.abs(p - exact[i]) <= tolerance, `${i}: ${p} vs ${exact[i]}`)
    );
  });
}

Deno.test("createOptimizer: ε is the config's, not TF.js's default 1e-7", () => {
  // With g = 1e-3 the first Adam step is η·g/(|g| + ε): ε = 1e-3 halves it.
  const { tfjs } = threeSteps({ optimizer: "adam", learningRate: 0.1, epsilon: 1e-3 });
  assert.ok(Math.abs(tfjs[2] - (1 - 3 * 0.05)) < 0.02, String(tfjs[2]));
});

Deno.test("adamStepBias: ½|fround(β2) − β2| / (1 − β2) for Adam, 0 otherwise", () => {
  const bias = adamStepBias(resolveConfig({ optimizer: "adam", beta2: 0.999 }));
  assert.ok(bias > 6e-6 && bias < 7e-6, String(bias));
  assert.equal(adamStepBias(resolveConfig({ optimizer: "sgd" })), 0);
  assert.equal(adamStepBias(resolveConfig({ optimizer: "adam", beta2: 0.5 })), 0);
});
