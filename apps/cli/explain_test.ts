import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { formatEntry, formatMatrix, MATRIX_LIMIT } from "./explain.ts";
import { runCli } from "./_testing.ts";

Deno.test("formatEntry: 4 significant digits, exponents for tiny and huge values", () => {
  assert.equal(formatEntry(0), "0");
  assert.equal(formatEntry(1), "1");
  assert.equal(formatEntry(-0.250919762305275), "-0.2509");
  assert.equal(formatEntry(0.5), "0.5");
  assert.equal(formatEntry(1.23456e-5), "1.235e-5");
  assert.equal(formatEntry(123456), "1.235e+5");
  assert.equal(formatEntry(NaN), "NaN");
});

Deno.test("formatMatrix: brackets, aligned columns, elided rows and columns", () => {
  assert.deepEqual(formatMatrix([[0, 1], [1, 0.5]]), ["⎡0    1⎤", "⎣1  0.5⎦"]);
  assert.deepEqual(formatMatrix([[1, -2, 3]]), ["[1  -2  3]"]);
  assert.deepEqual(formatMatrix([[0.25], [1], [2]]), ["⎡0.25⎤", "⎢   1⎥", "⎣   2⎦"]);
  const big = Array.from(
    { length: 20 },
    (_, r) => Array.from({ length: 30 }, (_, c) => r * 100 + c),
  );
  const lines = formatMatrix(big);
  assert.equal(lines.length, MATRIX_LIMIT.rows);
  const cells = (line: string) => line.slice(1, -1).trim().split(/\s+/);
  assert.deepEqual(cells(lines[0]), ["0", "1", "2", "3", "4", "5", "…", "29"]);
  assert.deepEqual(cells(lines[6]), ["⋮", "⋮", "⋮", "⋮", "⋮", "⋮", "⋱", "⋮"]);
  assert.deepEqual(cells(lines[7]), ["1900", "1901", "1902", "1903", "1904", "1905", "…", "1929"]);
});

const golden = JSON.parse(
  Deno.readTextFileSync(
    fileURLToPath(new URL("../../testdata/seed/epochs1.json", import.meta.url)),
  ),
);

Deno.test("train --explain: the original program's first step, then the training", async () => {
  const [text, json, tfjs] = await Promise.all([
    runCli("train.ts", ["--preset", "seed", "--epochs", "1", "--explain"]),
    runCli("train.ts", [
      ...["--impl", "reference", "--preset", "seed", "--epochs", "1", "--explain", "--json"],
    ]),
    runCli("train.ts", [
      ...["--impl", "tfjs", "--explain", "--optimizer", "momentum", "--dataset", "circle"],
      ...["--samples", "40", "--batch-size", "10", "--epochs", "2"],
    ]),
  ]);
  assert.equal(text.code, 0, text.stderr);
  const out = text.stdout;
  assert.match(out, /^explain: one backpropagation step, .* \(rows 1–4 of 4\)\n/);
  const order = [
    "forward pass:",
    "  W1: layer 1's weights   [2×3]",
    "  h = σ(X·W1)   [4×3]",
    "  W2: layer 2's weights   [3×1]",
    "  o = σ(h·W2)   [4×1]",
    "  L = ½·Σ(o − y)² = 0.5039",
    "  δ_out = (o − y) ⊙ o ⊙ (1 − o)   [4×1]",
    "  δ_h = (δ_out·W2ᵀ) ⊙ h ⊙ (1 − h)   [4×3]",
    "  ∂L/∂W2 = hᵀ·δ_out   [3×1]",
    "  ∂L/∂W1 = Xᵀ·δ_h   [2×3]",
    "  W1 ← W1 − η·∂L/∂W1   [2×3]",
    "  W2 ← W2 − η·∂L/∂W2   [3×1]",
    "backprop: manual on xor (4 rows)",
  ];
  let at = 0;
  for (const line of order) {
    const found = out.indexOf(`${line}\n`, at);
    assert.ok(found >= at, `"${line}" after position ${at}`);
    at = found;
  }
  // The updated W1, to 4 digits, as NumPy computed it.
  const w1 = golden.finalWeights.W1.map((row: number[]) => row.map(formatEntry));
  assert.match(out, new RegExp(`⎡ ?${w1[0].join(" +")}⎤\n +⎣ ?${w1[1].join(" +")}⎦`));

  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  const step = report.explain;
  assert.deepEqual(step.sections.map((s: { title: string }) => s.title), [
    "forward pass",
    "loss and output error",
    "backward pass",
    "update (sgd)",
  ]);
  // The explained update is the reference engine's: its model after 1 epoch, exactly (the
  // fast engine's to a few ulp: packages/manual/explain_test.ts).
  assert.deepEqual(step.after.layers, report.model.layers);
  golden.finalWeights.W1.flat().forEach((w: number, i: number) =>
    assert.ok(Math.abs(step.after.layers[0].weights[i] - w) < 1e-12)
  );

  assert.equal(tfjs.code, 0, tfjs.stderr);
  assert.match(tfjs.stdout, /\(10 rows: (\d+, ){7}\d+, … of 40\)/);
  assert.match(tfjs.stdout, /v_W1 ← μ·v_W1 \+ ∂L\/∂W1 {3}\(v starts at 0\) {3}\[2×8\]/);
  assert.match(tfjs.stdout, /W1 ← W1 − η·v_W1/);
  assert.match(tfjs.stdout, /^backprop: tfjs \(cpu\) on circle/m);
});
