import assert from "node:assert/strict";
import { datasetFromRows, type ModelWeights } from "@backprop/core";
import { HEATMAP_MARKERS, heatmapText, SPARK_BARS, sparkline } from "./terminal.ts";
import { linearModel } from "./_testing.ts";

const level = (ch: string) => SPARK_BARS.indexOf(ch);

Deno.test("sparkline: one character per value up to width, then width", () => {
  assert.equal([...sparkline([1, 2, 3], 10)].length, 3);
  assert.equal([...sparkline(new Float64Array(5000).map((_, i) => i + 1), 60)].length, 60);
  assert.equal(sparkline([], 10), "");
  assert.equal([...sparkline([5], 1)].length, 1);
});

Deno.test("sparkline: the mapping is monotone, lowest ▁ and highest █", () => {
  const values = Array.from({ length: 300 }, (_, i) => Math.exp(-i / 40));
  const line = [...sparkline(values, 50)];
  assert.equal(line[0], "█");
  assert.equal(line[line.length - 1], "▁");
  for (let i = 1; i < line.length; i++) assert.ok(level(line[i]) <= level(line[i - 1]));
  const up = [...sparkline([1, 2, 3, 4, 5, 6, 7, 8], 8, { logScale: false })];
  assert.deepEqual(up, [..."▁▂▃▄▅▆▇█"]);
});

Deno.test("sparkline: log scale spreads decades evenly", () => {
  assert.equal(sparkline([1, 0.1, 0.01], 3), "█▅▁");
  assert.equal(sparkline([1, 0.1, 0.01], 3, { logScale: false }), "█▂▁");
});

Deno.test("sparkline: gaps, equal values, no positive values", () => {
  assert.equal(sparkline([1, NaN, 3], 3, { logScale: false }), "▁ █");
  assert.equal(sparkline([0.2, 0.2, 0.2], 3), "▄▄▄");
  assert.equal(sparkline([0, -1, -2], 3), "█▅▁", "falls back to linear");
  assert.equal(sparkline([1, 0, 0.01], 3), "█ ▁", "0 is a gap on a log scale");
  assert.equal(sparkline([NaN, NaN], 5), "  ");
});

Deno.test("sparkline: bad arguments throw", () => {
  assert.throws(() => sparkline([1], 0), RangeError);
  assert.throws(() => sparkline([1], 2.5), RangeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => sparkline(3 as any, 5), TypeError);
});

const halves = datasetFromRows("halves", [[-1, -1], [1, 1]], [[0], [1]]);

Deno.test("heatmapText: dimensions, shading left to right, overlaid points", () => {
  const text = heatmapText(linearModel(10, 0), halves);
  const lines = text.split("\n");
  assert.equal(lines.length, 20);
  for (const line of lines) assert.equal([...line].length, 40);
  // Low output (left) is blank, high (right) is full.
  assert.equal(lines[10][0], " ");
  assert.equal([...lines[10]][39], "█");
  // (−1, −1) is bottom-left, (1, 1) top-right, inside the 15 % margin.
  assert.equal([...lines[17]][4], HEATMAP_MARKERS.train[0]);
  assert.equal([...lines[2]][35], HEATMAP_MARKERS.train[1]);
  const marks = [...text].filter((c) => c === "o" || c === "x");
  assert.equal(marks.length, 2);
});

Deno.test("heatmapText: test points, shared cells, custom shades and size", () => {
  const test = datasetFromRows("t", [[-1, 1], [1, -1]], [[0], [1]]);
  const mixed = datasetFromRows("m", [[0, 0], [0, 0], [1, 1]], [[0], [1], [1]]);
  const text = heatmapText(linearModel(10, 0), mixed, {
    test,
    cols: 12,
    rows: 6,
    shades: " .:#",
  });
  const lines = text.split("\n");
  assert.equal(lines.length, 6);
  assert.ok(lines.every((l) => l.length === 12));
  assert.ok(text.includes("*"), "both classes in one cell");
  assert.ok(text.includes("O") && text.includes("X"), "test points");
  assert.ok([...text].every((c) => " .:#\n*xoOX".includes(c)));
});

Deno.test("heatmapText: ANSI colour and legend", () => {
  const text = heatmapText(linearModel(10, 0), halves, {
    color: true,
    legend: true,
    cols: 10,
    rows: 4,
  });
  const lines = text.split("\n");
  assert.equal(lines.length, 5);
  // deno-lint-ignore no-control-regex
  const visible = (s: string) => s.replace(/\x1b\[[\d;]*m/g, "");
  for (const line of lines.slice(0, 4)) {
    assert.ok(line.includes("\x1b[48;5;"), "a background colour");
    assert.ok(line.endsWith("\x1b[0m"), "reset at the end of the line");
    assert.equal(visible(line).length, 10);
  }
  assert.match(lines[4], /x₁ .*x₂ .*o\/x class 0\/1/);
  const plain = heatmapText(linearModel(10, 0), halves, { cols: 10, rows: 4 });
  assert.ok(!plain.includes("\x1b"), "no escapes by default");
});

Deno.test("heatmapText: a model without 2 inputs is refused", () => {
  const three: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [3, 1],
    useBias: false,
    layers: [{ inputs: 3, units: 1, activation: "sigmoid", weights: [1, 1, 1], biases: [0] }],
  };
  assert.throws(() => heatmapText(three, halves), { name: "RangeError", message: /^model:/ });
  assert.throws(() => heatmapText(linearModel(1, 1), halves, { shades: "#" }), /options\.shades/);
});
