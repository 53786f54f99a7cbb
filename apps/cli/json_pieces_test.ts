import assert from "node:assert/strict";
import { loadDataset, predictFlat, resolveConfig } from "@backprop/core";
import { manualTrainer } from "@backprop/manual";
import { jsonPieces } from "./json_pieces.ts";
import { jsonReport } from "./json_report.ts";
import { modelFile } from "./model_file.ts";

Deno.test("jsonPieces: joined, the pieces are exactly JSON.stringify's text", () => {
  const values: unknown[] = [
    null,
    0,
    -1.5e-300,
    'a "quoted" line\nwith ünïcode and \u0001',
    true,
    [],
    {},
    [[], {}, [[]]],
    { a: undefined, b: [1, undefined, () => 0], c: NaN, d: -Infinity, e: { f: [] } },
    [1, "two", null, { three: [3] }],
    Array.from({ length: 10000 }, (_, i) => Math.sin(i) * 10 ** (i % 20 - 10)),
    Float64Array.of(1, 2), // a typed array is an object to JSON.stringify
  ];
  for (const value of values) {
    for (const indent of [0, 2, 4]) {
      assert.equal([...jsonPieces(value, indent)].join(""), JSON.stringify(value, null, indent));
    }
  }
});

Deno.test("jsonPieces: a model file and a --json report, long weight arrays in several pieces", async () => {
  const config = resolveConfig({ hidden: [300], epochs: 2 });
  const dataset = loadDataset("xor");
  const result = await manualTrainer.train(config, dataset);
  const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
  const run = { impl: "manual", config, dataset, result, outputs };
  const file = modelFile(run);
  const pieces = [...jsonPieces(file, 2)];
  assert.equal(pieces.join(""), JSON.stringify(file, null, 2));
  // 2 × 300 first-layer weights: one piece of numbers; 300 × 1: another. The biggest piece
  // holds at most 4096 numbers.
  assert.ok(Math.max(...pieces.map((p) => p.length)) < 4096 * 40);
  const report = jsonReport(run);
  assert.equal([...jsonPieces(report)].join(""), JSON.stringify(report));
});
