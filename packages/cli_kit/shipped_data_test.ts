import assert from "node:assert/strict";
import { loadAnyDataset, readShippedFile } from "@backprop/cli-kit";

Deno.test("loadAnyDataset: shipped names read data/, other names are core's", () => {
  assert.deepEqual(loadAnyDataset("iris").classes, ["setosa", "versicolor", "virginica"]);
  assert.equal(loadAnyDataset("breast-cancer").inputSize, 30);
  assert.equal(loadAnyDataset("xor").rows, 4);
  assert.throws(() => loadAnyDataset("cars"), RangeError);
  assert.ok(readShippedFile("wine.csv").startsWith("alcohol,"));
});
