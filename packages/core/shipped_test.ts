import assert from "node:assert/strict";
import { loadNamedDataset, parseShippedDataset, SHIPPED_DATASETS } from "@backprop/core";

// The repository's data/ files, read as a program that has them would.
const read = (file: string) =>
  Deno.readTextFileSync(new URL(`../../data/${file}`, import.meta.url));

Deno.test("parseShippedDataset: every shipped file has its documented shape and classes", () => {
  for (const [name, spec] of Object.entries(SHIPPED_DATASETS)) {
    const d = parseShippedDataset(name, read(spec.file));
    assert.equal(d.name, name);
    assert.deepEqual([d.rows, d.inputSize, d.outputSize], [spec.rows, spec.inputs, spec.classes]);
    // One-hot: every row has exactly one 1.
    for (let r = 0; r < d.rows; r++) {
      const row = d.targets.subarray(r * d.outputSize, (r + 1) * d.outputSize);
      assert.equal(row.reduce((s, v) => s + v, 0), 1);
    }
  }
  const iris = parseShippedDataset("iris", read("iris.csv"));
  assert.deepEqual(iris.classes, ["setosa", "versicolor", "virginica"]);
  assert.deepEqual(Array.from(iris.inputs.subarray(0, 4)), [5.1, 3.5, 1.4, 0.2]);
  assert.deepEqual(parseShippedDataset("digits", read("digits.csv")).classes, [
    ..."0123456789",
  ]);
});

Deno.test("parseShippedDataset: a file of the wrong shape or an unknown name is a RangeError", () => {
  assert.throws(
    () => parseShippedDataset("iris", "a,species\n1,x\n"),
    /dataset: "iris" is not allowed; iris.csv has 1 × 1 × 1/,
  );
  assert.throws(() => parseShippedDataset("cars", ""), RangeError);
  assert.throws(() => loadNamedDataset("iris"), /read data\/iris.csv/);
  assert.equal(loadNamedDataset("wine", { readShipped: read }).rows, 178);
});
