import assert from "node:assert/strict";
import { resolveConfig } from "./config.ts";
import { loadDataset, parity } from "./dataset.ts";
import { checkMemory, estimateMemory, formatBytes, MEMORY_BUDGET } from "./memory.ts";
import { initModel } from "./model.ts";

/** Every weight, bias and shortcut weight of a model. */
function countParameters(
  config: ReturnType<typeof resolveConfig>,
  inputs: number,
  outputs: number,
) {
  const model = initModel(config, inputs, outputs);
  return model.layers.reduce((n, l) => n + l.weights.length + l.biases.length, 0) +
    (model.shortcut?.length ?? 0);
}

Deno.test("estimateMemory: counts the parameters a model really has", () => {
  const cases = [
    resolveConfig(),
    resolveConfig({ preset: "seed" }),
    resolveConfig({ hidden: [5, 4], useBias: false }),
    resolveConfig({ hidden: [3], shortcut: true }),
    resolveConfig({ hidden: [] }),
  ];
  for (const config of cases) {
    const data = parity(3);
    assert.equal(estimateMemory(config, data).parameters, countParameters(config, 3, 1));
  }
});

Deno.test("estimateMemory: bytes by part, for float64 and float32, each optimizer", () => {
  const xor = loadDataset("xor");
  // 2-8-1 with biases: 33 parameters; batch = 4 rows; layer widths 2 + 8 + 1 = 11.
  const adam = estimateMemory(resolveConfig(), xor);
  assert.deepEqual(adam, {
    parameters: 33,
    weights: 33 * 8,
    gradients: 33 * 8,
    optimizer: 2 * 33 * 8,
    activations: 3 * 4 * 11 * 8,
    models: 2 * 33 * 8,
    total: 33 * 8 * 6 + 3 * 4 * 11 * 8,
  });
  const sgd32 = estimateMemory(resolveConfig({ optimizer: "sgd", dtype: "float32" }), xor);
  assert.equal(sgd32.weights, 33 * 4);
  assert.equal(sgd32.optimizer, 0);
  assert.equal(sgd32.models, 33 * 16, "ModelWeights hold 8-byte numbers whatever the dtype");
  assert.equal(estimateMemory(resolveConfig({ optimizer: "momentum" }), xor).optimizer, 33 * 8);
});

Deno.test("checkMemory: a run over the budget is a RangeError naming hidden, with the parts", () => {
  const config = resolveConfig({ hidden: [4096, 4096, 4096, 4096, 4096, 4096, 4096, 4096] });
  assert.throws(() => checkMemory(config, parity(3)), (err: Error) => {
    assert.ok(err instanceof RangeError);
    assert.match(
      err.message,
      /^hidden: 4096,4096,4096,4096,4096,4096,4096,4096 is not allowed; training 117489665 parameters needs about 5\.26 GiB of memory \(weights 896 MiB, gradients 896 MiB, adam state 1\.75 GiB, activations [\d.]+ [KM]iB, models 1\.75 GiB\), more than the budget \(4 GiB\); use fewer/,
    );
    assert.deepEqual((err.cause as { field: string }).field, "hidden");
    return true;
  });
  // The same run fits a larger budget; a small one fits the default.
  assert.equal(checkMemory(config, parity(3), 8 * 2 ** 30).parameters, 117489665);
  assert.ok(checkMemory(resolveConfig(), parity(3)).total < MEMORY_BUDGET);
  assert.throws(
    () => checkMemory(resolveConfig(), parity(3), 100, "a tiny budget"),
    /a tiny budget \(100 bytes\)/,
  );
});

Deno.test("formatBytes: bytes, KiB, MiB, GiB to three digits", () => {
  assert.equal(formatBytes(10), "10 bytes");
  assert.equal(formatBytes(1536), "1.5 KiB");
  assert.equal(formatBytes(1 << 20), "1 MiB");
  assert.equal(formatBytes(100 << 20), "100 MiB");
  assert.equal(formatBytes(6.5 * 2 ** 30), "6.5 GiB");
});
