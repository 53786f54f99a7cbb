import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import {
  datasetFromRows,
  initModel,
  loadDataset,
  loadNamedDataset,
  resolveConfig,
  type TrainConfig,
} from "@backprop/core";
import { type ExplainStep, explainStep, type Matrix } from "./explain.ts";
import { computeGradients, referenceGradients } from "./gradients.ts";
import { trainReference } from "./reference.ts";
import { trainManual } from "./train.ts";

const xor = loadDataset("xor");

function line(step: ExplainStep, name: string): { formula: string; value: Matrix } {
  for (const section of step.sections) {
    const found = section.lines.find((l) => l.name === name);
    if (found) return found;
  }
  throw new Error(`no line named ${name}`);
}

function assertClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  tol = 1e-12,
) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    assert.ok(
      diff <= tol * Math.max(1, Math.abs(expected[i])),
      `${what}[${i}]: ${actual[i]} vs ${expected[i]}`,
    );
  }
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

Deno.test("explainStep: the seed preset's first step, computed by hand as the original program does", () => {
  const config = resolveConfig({ preset: "seed" });
  const step = explainStep(config, xor);
  const W1 = initModel(config, 2, 1).layers[0].weights; // [2, 3] row-major
  const W2 = initModel(config, 2, 1).layers[1].weights; // [3, 1]
  const X = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const y = [0, 1, 1, 0];
  // hidden = sigmoid(X @ W1); output = sigmoid(hidden @ W2)
  const h = X.map(([a, b]) => [0, 1, 2].map((j) => sigmoid(a * W1[j] + b * W1[3 + j])));
  const o = h.map((row) => sigmoid(row[0] * W2[0] + row[1] * W2[1] + row[2] * W2[2]));
  // The original's delta: (y − o)·o·(1 − o), added with +lr; ours is the gradient (o − y)·o·(1 − o).
  const dOut = o.map((oo, r) => (oo - y[r]) * oo * (1 - oo));
  const dH = h.map((row, r) => row.map((hh, j) => dOut[r] * W2[j] * hh * (1 - hh)));
  const gW2 = [0, 1, 2].map((j) => h.reduce((s, row, r) => s + row[j] * dOut[r], 0));
  const gW1 = [0, 1].flatMap((i) =>
    [0, 1, 2].map((j) => X.reduce((s, x, r) => s + x[i] * dH[r][j], 0))
  );
  const loss = 0.5 * o.reduce((s, oo, r) => s + (y[r] - oo) ** 2, 0);

  assert.deepEqual(step.rows, [0, 1, 2, 3]);
  assert.equal(step.datasetRows, 4);
  assertClose([step.loss], [loss], "L");
  assertClose(line(step, "h").value.flat(), h.flat(), "h");
  assertClose(line(step, "o").value.flat(), o, "o");
  assertClose(line(step, "δ_out").value.flat(), dOut, "δ_out");
  assertClose(line(step, "δ_h").value.flat(), dH.flat(), "δ_h");
  assertClose(line(step, "∂L/∂W2").value.flat(), gW2, "∂L/∂W2");
  assertClose(line(step, "∂L/∂W1").value.flat(), gW1, "∂L/∂W1");
  assertClose(step.after.layers[0].weights, W1.map((w, i) => w - 0.5 * gW1[i]), "W1 after");
  assertClose(step.after.layers[1].weights, W2.map((w, i) => w - 0.5 * gW2[i]), "W2 after");

  // …and NumPy's own first step (tools/seed_reference.py, case epochs1).
  const golden = JSON.parse(
    Deno.readTextFileSync(
      fileURLToPath(new URL("../../testdata/seed/epochs1.json", import.meta.url)),
    ),
  );
  assertClose(step.after.layers[0].weights, golden.finalWeights.W1.flat(), "golden W1", 1e-12);
  assertClose(step.after.layers[1].weights, golden.finalWeights.W2.flat(), "golden W2", 1e-12);
  assertClose([step.loss], [golden.finalLoss], "golden loss", 1e-12);
});

Deno.test("explainStep: the seed preset's formulas read like the original program", () => {
  const step = explainStep(resolveConfig({ preset: "seed" }), xor);
  const formulas = step.sections.flatMap((s) => s.lines.map((l) => l.formula));
  for (
    const expected of [
      "h = σ(X·W1)",
      "o = σ(h·W2)",
      "L = ½·Σ(o − y)²",
      "δ_out = (o − y) ⊙ o ⊙ (1 − o)",
      "δ_h = (δ_out·W2ᵀ) ⊙ h ⊙ (1 − h)",
      "∂L/∂W2 = hᵀ·δ_out",
      "∂L/∂W1 = Xᵀ·δ_h",
      "W2 ← W2 − η·∂L/∂W2",
      "W1 ← W1 − η·∂L/∂W1",
    ]
  ) {
    assert.ok(formulas.includes(expected), `${expected} in ${formulas.join(" | ")}`);
  }
  assert.deepEqual(step.sections.map((s) => s.title), [
    "forward pass",
    "loss and output error",
    "backward pass",
    "update (sgd)",
  ]);
  assert.deepEqual(line(step, "W1").value.length, 2);
  assert.deepEqual(line(step, "W1").value[0].length, 3);
  assert.ok(step.symbols.includes("η = 0.5"));
  assert.ok(!formulas.some((f) => f.includes("b1")), "no biases in the seed preset");
});

const CASES: TrainConfig[] = [
  { preset: "seed" },
  {},
  { optimizer: "momentum", loss: "mse", hidden: [4, 3], activation: "relu" },
  { optimizer: "sgd", loss: "mse", outputActivation: "linear", activation: "leaky-relu" },
  { optimizer: "adam", hidden: [], loss: "sse" },
  { preset: "seed", useBias: true, init: "uniform:0.5" },
];

// explainStep is the reference engine's step, so it equals the reference exactly. The fast
// engine's first step differs from it only by its σ and tanh (a few ulp, ~1e-15 relative,
// in one step; relu and linear exactly), so 1e-14 relative to max(1, |value|).
const FAST_STEP = 1e-14;

for (const fields of CASES) {
  Deno.test(`explainStep: the reference engine's first step exactly, the fast engine's to 1e-14 (${JSON.stringify(fields)})`, async () => {
    const config = resolveConfig({ ...fields, dataset: "parity:3", epochs: 1, targetLoss: 0 });
    const data = loadDataset("parity:3");
    const step = explainStep(config, data);
    const reference = referenceGradients(config, data);
    assert.equal(step.loss, reference.loss);
    step.gradients.forEach((g, l) => {
      assert.deepEqual(g.weights, Array.from(reference.layers[l].weights), `∂L/∂W${l + 1}`);
      assert.deepEqual(g.biases, Array.from(reference.layers[l].biases), `∂L/∂b${l + 1}`);
    });
    assert.deepEqual(step.after, (await trainReference(config, data)).model);
    const fast = computeGradients(config, data);
    assertClose([step.loss], [fast.loss], "loss", FAST_STEP);
    step.gradients.forEach((g, l) => {
      assertClose(g.weights, fast.layers[l].weights, `∂L/∂W${l + 1}`, FAST_STEP);
      assertClose(g.biases, fast.layers[l].biases, `∂L/∂b${l + 1}`, FAST_STEP);
    });
    const trained = trainManual(config, data).model;
    step.after.layers.forEach((layer, l) => {
      assertClose(layer.weights, trained.layers[l].weights, `W${l + 1}`, FAST_STEP);
      assertClose(layer.biases, trained.layers[l].biases, `b${l + 1}`, FAST_STEP);
    });
    const formulas = step.sections.flatMap((s) => s.lines.map((l) => l.formula)).join("\n");
    if (config.optimizer === "momentum") assert.match(formulas, /v_W1 ← μ·v_W1 \+ ∂L\/∂W1/);
    if (config.optimizer === "adam") {
      assert.match(formulas, /m_W1 ← β1·m_W1 \+ \(1 − β1\)·∂L\/∂W1/);
      assert.match(
        formulas,
        /W1 ← W1 − η·\(m_W1 \/ \(1 − β1ᵗ\)\) \/ \(√\(s_W1 \/ \(1 − β2ᵗ\)\) \+ ε\)/,
      );
    }
    if (config.useBias) assert.match(formulas, /∂L\/∂b1 = Σ_rows/);
  });
}

Deno.test("explainStep: a mini-batch explains the first batch of the shared order", () => {
  const data = loadNamedDataset("circle", { samples: 20, seed: 1 });
  const config = resolveConfig({ dataset: "circle", batchSize: 5, hidden: [3, 2] });
  const step = explainStep(config, data);
  assert.equal(step.rows.length, 5);
  assert.equal(line(step, "X").value.length, 5);
  assert.ok(line(step, "h1").formula.startsWith("h1 = tanh(X·W1 + b1)"));
  assert.ok(line(step, "δ_h1").formula.startsWith("δ_h1 = (δ_h2·W2ᵀ) ⊙ (1 − h1²)"));
  const expected = referenceGradients(config, data);
  step.gradients.forEach((g, l) =>
    assert.deepEqual(g.weights, Array.from(expected.layers[l].weights), `W${l + 1}`)
  );
});

Deno.test("explainStep: a model that does not fit is the engine's RangeError", () => {
  const config = resolveConfig();
  assert.throws(
    () => explainStep(config, xor, initModel(resolveConfig({ hidden: [2] }), 2, 1)),
    RangeError,
  );
});

Deno.test("explainStep: softmax and cce, the loss and δ_out by hand", () => {
  const three = datasetFromRows("three", [[0, 0], [0, 1], [1, 0], [1, 1]], [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [1, 0, 0],
  ]);
  const config = resolveConfig({ outputActivation: "softmax", loss: "cce", hidden: [3] });
  const step = explainStep(config, three);
  const o = line(step, "o − y").value.map((row, r) =>
    row.map((v, j) => v + three.targets[r * 3 + j])
  );
  // o is a probability row; L = −Σ y·ln o / n; δ_out = (o − y) / n.
  o.forEach((row) => assert.ok(Math.abs(row.reduce((a, b) => a + b) - 1) < 1e-15));
  const expected =
    -o.reduce((s, row, r) => s + Math.log(row[three.targets.indexOf(1, r * 3) - r * 3]), 0) / 4;
  const L = line(step, "L");
  assertClose([L.value[0][0]], [expected], "L");
  assert.match(L.formula, /L = −Σ y·ln o \/ n = Σ y·\(lse\(z\) − z\) \/ n/);
  const delta = line(step, "δ_out");
  assert.match(delta.formula, /δ_out = \(o − y\) \/ n {3}\(n = 4\)/);
  assertClose(delta.value.flat(), o.flat().map((v, e) => (v - three.targets[e]) / 4), "δ_out");
});
