import assert from "node:assert/strict";
import {
  classMetrics,
  datasetFromRows,
  predictFlat,
  standardizeInputs,
  validateModel,
} from "@backprop/core";
import { confusionText, percent } from "./class_report.ts";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";

Deno.test("confusionText: true classes by row, recall per row, precision per column", () => {
  const d = {
    ...datasetFromRows("d", [[0], [0], [0]], [[1, 0], [1, 0], [0, 1]]),
    classes: ["cat", "dog"],
  };
  const lines = confusionText(classMetrics(d, [0.9, 0.1, 0.2, 0.8, 0.3, 0.7]));
  assert.deepEqual(lines, [
    "true \\ predicted   cat  dog  recall",
    "cat                  1    1     50%",
    "dog                  0    1    100%",
    "precision         100%  50%",
  ]);
  assert.equal(percent(NaN), "–");
});

Deno.test("train --dataset iris: accuracy and a confusion matrix of the test rows, both engines", async () => {
  for (const impl of ["manual", "tfjs"]) {
    const out = await runCli("train.ts", [
      ...["--dataset", "iris", "--test-split", "0.2", "--impl", impl, "--epochs", "300"],
    ]);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /confusion matrix, test rows \(accuracy [\d.]+%, \d+\/30\)/);
    assert.match(out.stdout, /true \\ predicted\s+setosa\s+versicolor\s+virginica\s+recall/);
    assert.match(out.stdout, /test\s+[\d.]+\s+[\d.]+% \(\d+\/30\)/);
  }
});

Deno.test("a CSV with a quoted header and text labels trains; predict prints class names", async () => {
  await inTempDir(async (dir) => {
    const csv = [
      '"width, cm","height",kind',
      '1,10,"small ""s"""',
      "2,11,small",
      "9,30,large",
      "8,31,large",
      "1.5,10.5,small",
      "8.5,29,large",
    ].join("\n");
    await Deno.writeTextFile(`${dir}/sizes.csv`, csv + "\n");
    const model = `${dir}/m.json`;
    const out = await runCli("train.ts", [
      ...["--data", `${dir}/sizes.csv`, "--label", "kind", "--standardize"],
      ...["--output-activation", "softmax", "--loss", "cce", "--out", model],
    ]);
    assert.equal(out.code, 0, out.stderr);
    const saved = JSON.parse(await Deno.readTextFile(model));
    assert.deepEqual(saved.classes, ["large", "small", 'small "s"']);
    // Mean and deviation of the training rows (here: all six).
    assert.equal(saved.standardize.mean[0], (1 + 2 + 9 + 8 + 1.5 + 8.5) / 6);
    const predicted = await runCli("predict.ts", ["--model", model, "8.8", "30"], {
      permissions: ["--allow-read"],
    });
    assert.equal(predicted.code, 0, predicted.stderr);
    const [name, ...outputs] = predicted.stdout.trim().split(",");
    assert.equal(name, "large");
    assert.equal(outputs.length, 3);
    // predict scales the inputs by the stored numbers: its outputs are the model's on them.
    const x = standardizeInputs(Float64Array.of(8.8, 30), saved.standardize);
    assert.deepEqual(outputs.map(Number), Array.from(predictFlat(validateModel(saved), x, 1)));
    // A missing cell: one line naming file:line:col, exit 2, nothing written.
    await Deno.writeTextFile(`${dir}/bad.csv`, "a,b,kind\n1,2,x\n3,,y\n");
    const bad = await runCli("train.ts", [
      ...["--data", `${dir}/bad.csv`, "--label", "kind", "--out", `${dir}/bad.json`],
    ]);
    assert.ok(isOneLineError(bad), bad.stderr);
    assert.match(bad.stderr, /bad\.csv:3:2: missing value: b is empty/);
    assert.deepEqual(files(dir), ["bad.csv", "m.json", "sizes.csv"]);
  });
});
