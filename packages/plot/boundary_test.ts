import assert from "node:assert/strict";
import { datasetFromRows, loadDataset, type ModelWeights } from "@backprop/core";
import { boundarySvg } from "./boundary.ts";
import { assertWellFormedSvg, cellColourAt, linearModel, rgbOf } from "./_testing.ts";

const halves = datasetFromRows(
  "halves",
  [[-1, 0], [-0.5, 1], [0.5, -1], [1, 0]],
  [[0], [0], [1], [1]],
);

/** Centres of the circles (training points) and diamonds (test points). */
function markers(svg: string): { circles: number[][]; diamonds: number[][] } {
  const circles = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="5"\/>/g)]
    .map((m) => [Number(m[1]), Number(m[2])]);
  const diamonds = [...svg.matchAll(/<path d="M([\d.]+),([\d.]+)l6,6[^"]*"\/>/g)]
    .map((m) => [Number(m[1]), Number(m[2]) + 6]);
  return { circles, diamonds };
}

Deno.test("boundarySvg: sigmoid(10·x) is orange on the left, blue on the right", () => {
  const svg = boundarySvg(linearModel(10, 0), halves);
  assertWellFormedSvg(svg);
  const { circles } = markers(svg);
  assert.equal(circles.length, 4);
  // Points come out grouped by class: class 0 first (x = −1, −0.5), then class 1.
  const [left, , , right] = circles;
  const [lr, lg, lb] = rgbOf(cellColourAt(svg, left[0], left[1])!);
  assert.ok(lr > 220 && lb < 180 && lr > lg, `left is orange: ${lr},${lg},${lb}`);
  const [rr, , rb] = rgbOf(cellColourAt(svg, right[0], right[1])!);
  assert.ok(rb > 150 && rr < 100, `right is blue: ${rr},${rb}`);
  // Half-way between the points (x = 0) the output is about 0.5: nearly white.
  const mid = rgbOf(cellColourAt(svg, (left[0] + right[0]) / 2 + 1, left[1])!);
  assert.ok(mid.every((v) => v > 220), `middle is pale: ${mid}`);
  // The point fills: orange for class 0, blue for class 1.
  assert.match(svg, /class="train-points" fill="#f59322"/);
  assert.match(svg, /class="train-points" fill="#0877bd"/);
  // The contour is a vertical line through x = 0.
  const contour = svg.match(/<path class="contour" d="([^"]*)"/)![1];
  const xs = new Set([...contour.matchAll(/[ML]([\d.]+),/g)].map((m) => Math.round(Number(m[1]))));
  assert.ok(xs.size <= 2, `one vertical line: ${[...xs]}`);
});

Deno.test("boundarySvg: test diamonds, escaped title, class labels, no contour", () => {
  const test = datasetFromRows("t", [[0.2, 0.5], [-0.3, -0.5], [0.1, 0]], [[1], [0], [1]]);
  const svg = boundarySvg(linearModel(10, 0), halves, {
    test,
    contour: false,
    title: "<b>&",
    classLabels: ["no", "yes"],
  });
  assertWellFormedSvg(svg);
  const { circles, diamonds } = markers(svg);
  assert.equal(circles.length, 4);
  assert.equal(diamonds.length, 3);
  assert.ok(!svg.includes('class="contour"'));
  assert.ok(svg.includes("<title>&lt;b&gt;&amp;</title>"));
  assert.match(svg, />yes</);
  assert.match(svg, /3 test points, 3 on the correct side/);
  assert.match(svg, /4 training points, 4 on the correct side/);
});

Deno.test("boundarySvg: cells tile the plot exactly, merged per colour", () => {
  const xor = loadDataset("xor");
  const svg = boundarySvg(linearModel(4, -4, 1), xor, { size: 300, levels: 11 });
  assertWellFormedSvg(svg);
  const cellPaths = [...svg.matchAll(/<path class="cells" fill="(#[0-9a-f]{6})"/g)];
  assert.ok(cellPaths.length <= 11, "at most one path per colour step");
  assert.equal(new Set(cellPaths.map((m) => m[1])).size, cellPaths.length);
  let area = 0;
  for (const m of svg.matchAll(/M[\d.]+,[\d.]+h(\d+)v(\d+)h-\d+z/g)) area += +m[1] * +m[2];
  assert.equal(area, 300 * 300, "100 × 100 cells of 3 px cover the plot once");
});

Deno.test("boundarySvg: a trained-looking surface stays small", () => {
  // A ring: high inside radius 1, low outside, through 8 tanh units.
  const hidden = 8, w: number[] = [], b: number[] = [];
  for (let j = 0; j < hidden; j++) {
    const a = (2 * Math.PI * j) / hidden;
    w[j] = 3 * Math.cos(a);
    w[hidden + j] = 3 * Math.sin(a);
    b[j] = -3;
  }
  const ring: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [2, hidden, 1],
    useBias: true,
    layers: [
      { inputs: 2, units: hidden, activation: "tanh", weights: w, biases: b },
      {
        inputs: hidden,
        units: 1,
        activation: "sigmoid",
        weights: Array(hidden).fill(-1.5),
        biases: [-6],
      },
    ],
  };
  const pts: number[][] = [], ys: number[][] = [];
  for (let i = 0; i < 200; i++) {
    const x = Math.cos(i * 2.4) * (i % 3), y = Math.sin(i * 2.4) * (i % 3);
    pts.push([x, y]);
    ys.push([i % 3 < 1 ? 1 : 0]);
  }
  const svg = boundarySvg(ring, datasetFromRows("ring", pts, ys));
  assertWellFormedSvg(svg);
  assert.ok(svg.length < 150_000, `${svg.length} bytes`);
});

Deno.test("boundarySvg: the chosen output of a 2-output model is drawn", () => {
  const two: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [2, 2],
    useBias: false,
    // output 0 = sigmoid(10·x), output 1 = sigmoid(−10·x)
    layers: [{
      inputs: 2,
      units: 2,
      activation: "sigmoid",
      weights: [10, -10, 0, 0],
      biases: [0, 0],
    }],
  };
  const data = datasetFromRows("h2", [[-1, 0], [1, 0]], [[0, 1], [1, 0]]);
  const svg = boundarySvg(two, data, { output: 1 });
  const { circles } = markers(svg);
  // With output 1 the left point is class 1 (drawn last) on blue.
  const left = circles.reduce((a, b) => (b[0] < a[0] ? b : a));
  const [r, , b] = rgbOf(cellColourAt(svg, left[0], left[1])!);
  assert.ok(b > r, "left is blue for output 1");
  assert.throws(() => boundarySvg(two, data, { output: 2 }), /options\.output/);
});

Deno.test("boundarySvg: bad arguments throw", () => {
  const three: ModelWeights = {
    format: "backprop-model",
    version: 1,
    layerSizes: [3, 1],
    useBias: false,
    layers: [{ inputs: 3, units: 1, activation: "sigmoid", weights: [1, 1, 1], biases: [0] }],
  };
  assert.throws(() => boundarySvg(three, halves), { name: "RangeError", message: /^model:/ });
  assert.throws(() => boundarySvg(linearModel(1, 1), halves, { levels: 10 }), /options\.levels/);
  assert.throws(() => boundarySvg(linearModel(1, 1), halves, { size: 5 }), /options\.size/);
  assert.throws(
    () => boundarySvg(linearModel(1, 1), halves, { outputRange: [1, 0] }),
    /options\.outputRange/,
  );
});
