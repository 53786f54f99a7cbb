import assert from "node:assert/strict";
import { type Dataset, datasetFromRows, loadDataset, parity } from "./dataset.ts";
import { generateDataset } from "./generators.ts";
import { Mt19937, shuffle } from "./rng.ts";
import { MAX_TEST_FRACTION } from "./limits.ts";
import { splitDataset } from "./split.ts";
import { throwsWith } from "./_testing.ts";

/** A dataset whose row r has input r and target 10·r, so every row can be recognised. */
function numbered(rows: number): Dataset {
  return datasetFromRows(
    "numbered",
    Array.from({ length: rows }, (_, r) => [r]),
    Array.from({ length: rows }, (_, r) => [10 * r]),
  );
}

function ids(d: Dataset): number[] {
  return Array.from(d.inputs);
}

// ---------------------------------------------------------------- splitDataset

Deno.test("splitDataset: ⌈(1 − f)·rows⌉ rows train, the rest test", () => {
  const cases: [rows: number, f: number, train: number][] = [
    [10, 0.3, 7], // (1 − 0.3)·10 is 7.000000000000001 in float64: must not round up to 8
    [100, 0.57, 43], // 0.57·100 is 56.99999999999999: must count 57 test rows
    [100, 0.2, 80],
    [7, 0.5, 4], // ⌈3.5⌉
    [4, 0.25, 3],
    [4, 0.9, 1], // ⌈0.4⌉: at least one training row
    [1000, 0.1, 900],
    [3, 0.9, 1],
  ];
  for (const [rows, f, train] of cases) {
    const split = splitDataset(numbered(rows), f, 42);
    assert.equal(split.train.rows, train, `${rows} rows, f = ${f}`);
    assert.equal(split.test?.rows, rows - train, `${rows} rows, f = ${f}`);
    assert.equal(split.train.rows, Math.ceil(Number(((1 - f) * rows).toFixed(9))));
  }
});

Deno.test("splitDataset: no test rows gives test null and the dataset itself as train", () => {
  const xor = loadDataset("xor");
  for (const f of [0, 0.1, 0.2]) { // ⌊f·4⌋ = 0
    const { train, test } = splitDataset(xor, f, 1);
    assert.equal(test, null);
    assert.equal(train, xor);
  }
});

Deno.test("splitDataset: the parts are disjoint, cover every row, and keep the original order", () => {
  for (const seed of [0, 1, 42, 0xffffffff]) {
    const { train, test } = splitDataset(numbered(50), 0.3, seed);
    assert.ok(test !== null);
    const a = ids(train);
    const b = ids(test);
    assert.deepEqual([...a, ...b].sort((x, y) => x - y), Array.from({ length: 50 }, (_, r) => r));
    assert.deepEqual(a, [...a].sort((x, y) => x - y));
    assert.deepEqual(b, [...b].sort((x, y) => x - y));
    // Targets travel with their inputs.
    assert.deepEqual(Array.from(train.targets), a.map((r) => 10 * r));
    assert.deepEqual(Array.from(test.targets), b.map((r) => 10 * r));
  }
});

Deno.test("splitDataset: shapes and names of the parts", () => {
  const d = generateDataset("circle", { samples: 100 });
  const { train, test } = splitDataset(d, 0.2, 5);
  assert.ok(test !== null);
  assert.equal(train.name, "circle (train)");
  assert.equal(test.name, "circle (test)");
  for (const part of [train, test]) {
    assert.equal(part.inputSize, 2);
    assert.equal(part.outputSize, 1);
    assert.equal(part.inputs.length, part.rows * 2);
    assert.equal(part.targets.length, part.rows);
  }
  // Several outputs.
  const m = datasetFromRows("m", [[1], [2], [3], [4]], [[1, 2], [3, 4], [5, 6], [7, 8]]);
  const s = splitDataset(m, 0.5, 3);
  for (const part of [s.train, s.test!]) {
    for (let r = 0; r < part.rows; r++) {
      const x = part.inputs[r];
      assert.deepEqual(Array.from(part.targets.subarray(2 * r, 2 * r + 2)), [2 * x - 1, 2 * x]);
    }
  }
});

Deno.test("splitDataset: the test rows are the shuffle's tail, from Mt19937(seed ^ 0x85ebca6b)", () => {
  for (const seed of [0, 42, 123456789]) {
    const order = Uint32Array.from({ length: 20 }, (_, r) => r);
    shuffle(order, new Mt19937((seed ^ 0x85ebca6b) >>> 0));
    const expected = Array.from(order.subarray(14)).sort((a, b) => a - b);
    assert.deepEqual(ids(splitDataset(numbered(20), 0.3, seed).test!), expected);
  }
});

Deno.test("splitDataset: deterministic per seed; other seeds pick other rows", () => {
  const d = parity(6);
  const a = splitDataset(d, 0.25, 9);
  assert.deepEqual(splitDataset(d, 0.25, 9), a);
  assert.notDeepEqual(splitDataset(d, 0.25, 10).test!.inputs, a.test!.inputs);
  // The input is left untouched.
  assert.deepEqual(d, parity(6));
});

Deno.test("splitDataset: testSplit and seed are checked, naming the field", () => {
  const d = numbered(10);
  const allowed = `expected a number in [0, ${MAX_TEST_FRACTION}]`;
  assert.equal(MAX_TEST_FRACTION, 0.9);
  for (const f of [-0.1, 0.95, 1, NaN, Infinity]) {
    const err = throwsWith(
      () => splitDataset(d, f, 1),
      RangeError,
      `testSplit: ${f} is not allowed; ${allowed}`,
    );
    assert.deepEqual(err.cause, { field: "testSplit", value: f });
  }
  throwsWith(
    // @ts-expect-error: a string where a number belongs
    () => splitDataset(d, "0.2", 1),
    TypeError,
    `testSplit: "0.2" is not allowed; ${allowed}`,
  );
  for (const seed of [-1, 1.5, 2 ** 32]) {
    throwsWith(
      () => splitDataset(d, 0.2, seed),
      RangeError,
      `seed: ${seed} is not allowed; expected an integer from 0 to 4294967295`,
    );
  }
});
