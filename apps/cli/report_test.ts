import assert from "node:assert/strict";
import {
  datasetFromRows,
  evaluate,
  initModel,
  loadDataset,
  loadNamedDataset,
  predictFlat,
  PRESETS,
  resolveConfig,
  splitDataset,
  type TrainConfig,
  type TrainResult,
} from "@backprop/core";
import {
  classify,
  describeStop,
  formatConfig,
  formatReport,
  outputRange,
  type TrainRun,
} from "./report.ts";
import { formatNumber } from "./_private.ts";

/** A run that "trained" by returning the initial weights. */
function fakeRun(fields: TrainConfig, result: Partial<TrainResult> = {}): TrainRun {
  const config = resolveConfig(fields);
  const dataset = loadDataset(config.dataset);
  const model = initModel(config, dataset.inputSize, dataset.outputSize);
  const full: TrainResult = {
    epochsRun: 10,
    finalLoss: 0.5,
    lossHistory: new Float64Array(10).fill(0.5),
    stoppedBecause: "epochs",
    model,
    timing: { trainMs: 2, usPerEpoch: 200 },
    ...result,
  };
  const outputs = predictFlat(full.model, dataset.inputs, dataset.rows);
  return { impl: "manual", config, dataset, result: full, outputs };
}

Deno.test("formatConfig: one line with every field the brief asks for", () => {
  const line = formatConfig(PRESETS.default);
  for (const key of ["preset", "hidden", "activation", "loss", "optimizer", "lr", "epochs"]) {
    assert.match(line, new RegExp(`\\b${key}=`), key);
  }
  for (const key of ["batch", "seed", "init", "bias", "dtype"]) {
    assert.match(line, new RegExp(`\\b${key}=`), key);
  }
  assert.ok(!line.includes("\n"));
  assert.match(formatConfig(resolveConfig({ hidden: [] })), /hidden=none/);
  assert.match(formatConfig(resolveConfig({ hidden: [4, 2] })), /hidden=4,2/);
  assert.match(formatConfig(resolveConfig({ optimizer: "momentum" })), /optimizer=momentum\(0.9\)/);
  assert.match(formatConfig(resolveConfig({ preset: "seed" })), /bias=off/);
});

Deno.test("describeStop: a phrase for every reason", () => {
  const config = PRESETS.default;
  assert.equal(describeStop(config, "target-loss", 5, 0.001), "loss fell below the target 0.01");
  assert.match(describeStop(config, "epochs", 2000, 0.1), /ran all 2000 epochs without/);
  assert.equal(describeStop(PRESETS.seed, "epochs", 10000, 0.1), "ran all 10000 epochs");
  assert.match(describeStop(config, "diverged", 37, NaN), /NaN at epoch 37/);
  assert.match(describeStop(config, "interrupted", 12, 0.3), /Ctrl-C.*12/);
  assert.equal(
    describeStop({ ...config, patience: 20 }, "patience", 73, 0.04, 53),
    "the test loss did not improve for 20 epochs after epoch 53; kept that epoch's weights",
  );
});

Deno.test("classify: 1 above 0.5, as core's evaluate counts it", () => {
  assert.deepEqual(classify(Float64Array.of(0, 0.4999, 0.5, 0.5000001, 1)), [0, 0, 0, 1, 1]);
  assert.ok(Number.isNaN(classify(Float64Array.of(NaN))[0]));
});

Deno.test("formatReport: loss, epochs, reason, time and the truth table", () => {
  const run = fakeRun({}, { epochsRun: 37, finalLoss: 0.25 });
  const text = formatReport(run);
  assert.match(text, /manual on xor/);
  assert.match(text, /config +preset=default/);
  assert.match(text, /loss +0\.25 after 37 of 2000 epochs/);
  assert.match(text, /stopped +ran all 2000 epochs/);
  assert.match(text, /time +2\.0 ms, 200 µs\/epoch/);
  assert.match(text, /x1 +x2 +target +output +class/);
  const rows = text.split("\n").filter((line) => /[✓✗]$/.test(line));
  assert.equal(rows.length, 4);
  rows.forEach((row, r) => {
    const cells = row.trim().split(/\s+/);
    const output = run.outputs[r];
    assert.deepEqual(cells.slice(0, 3), [
      String(run.dataset.inputs[2 * r]),
      String(run.dataset.inputs[2 * r + 1]),
      String(run.dataset.targets[r]),
    ]);
    assert.equal(cells[3], output.toFixed(4));
    assert.equal(cells[4], output > 0.5 ? "1" : "0");
    assert.equal(cells[5], (output > 0.5 ? 1 : 0) === run.dataset.targets[r] ? "✓" : "✗");
  });
  assert.match(text, /\d\/4 rows right$/);
});

Deno.test("formatReport: a large dataset's table is cut short", () => {
  const text = formatReport(fakeRun({ dataset: "parity:5" }));
  assert.equal(text.split("\n").filter((line) => /[✓✗]$/.test(line)).length, 16);
  assert.match(text, /… and 16 more rows/);
  assert.match(text, /\d+\/32 rows right \([\d.]+%\)$/);
});

Deno.test("formatReport: a test set gets the evaluation table; pictures can be left out", () => {
  const config = resolveConfig({ dataset: "circle", testSplit: 0.25, samples: 40 });
  const all = loadNamedDataset("circle", { samples: 40 });
  const { train, test } = splitDataset(all, 0.25, config.seed);
  const model = initModel(config, 2, 1);
  const result: TrainResult = {
    epochsRun: 3,
    finalLoss: 0.6,
    lossHistory: Float64Array.of(0.7, 0.65, 0.6),
    testLossHistory: Float64Array.of(0.72, 0.7, 0.69),
    stoppedBecause: "epochs",
    model,
    timing: { trainMs: 1, usPerEpoch: 333 },
  };
  const run: TrainRun = {
    impl: "manual",
    config,
    dataset: train,
    test,
    result,
    outputs: predictFlat(model, train.inputs, train.rows),
  };
  const text = formatReport(run);
  assert.match(text, /on circle \(30 training rows, 10 test rows\)/);
  assert.match(text, /^curve +\S{3} +train loss, epochs 1–3, log scale\n {10}\S{3} +test loss$/m);
  const accuracy = evaluate(model, test!, "bce").accuracy!;
  assert.match(
    text,
    new RegExp(`^test +${formatNumber(evaluate(model, test!, "bce").loss)} +`, "m"),
  );
  assert.match(text, new RegExp(`\\(${Math.round(accuracy * 10)}/10\\)$`, "m"));
  assert.match(text, /O\/X test/);
  const plain = formatReport(run, { pictures: false });
  assert.ok(!plain.includes("curve") && !plain.includes("x₁"));
});

Deno.test("formatReport: targets other than 0/1 get outputs and the mse, no classes", () => {
  const data = datasetFromRows("r", [[0], [1], [2]], [[0.5], [1.5], [2.5]]);
  const config = resolveConfig({ outputActivation: "linear", loss: "mse", hidden: [2] });
  const model = initModel(config, 1, 1);
  const outputs = predictFlat(model, data.inputs, data.rows);
  const result: TrainResult = {
    epochsRun: 1,
    finalLoss: 1,
    lossHistory: Float64Array.of(1),
    stoppedBecause: "epochs",
    model,
    timing: { trainMs: 1, usPerEpoch: 1000 },
  };
  const text = formatReport({ impl: "manual", config, dataset: data, result, outputs });
  assert.match(text, /^ +x +target +output$/m);
  assert.ok(!/[✓✗]/.test(text));
  const mse = outputs.reduce((s, o, r) => s + (o - data.targets[r]) ** 2, 0) / 3;
  assert.ok(text.endsWith(`mse ${formatNumber(mse)} over 3 rows`), text);
});

Deno.test("outputRange: [0, 1] for 0/1 targets, else the targets' range", () => {
  assert.deepEqual(outputRange(loadDataset("xor")), [0, 1]);
  const r = datasetFromRows("r", [[0], [1]], [[-2], [3]]);
  assert.deepEqual(outputRange(r), [-2, 3]);
  assert.deepEqual(outputRange(loadDataset("xor"), r), [-2, 3]);
  assert.deepEqual(outputRange(datasetFromRows("c", [[0], [1]], [[7], [7]])), [0, 1]);
});
