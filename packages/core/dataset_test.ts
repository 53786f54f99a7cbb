import assert from "node:assert/strict";
import { type Dataset, datasetFromRows, GATE_NAMES, loadDataset, parity } from "./dataset.ts";

/** The dataset as nested rows, for readable comparisons. */
function rowsOf(d: Dataset): { x: number[][]; y: number[][] } {
  const x: number[][] = [];
  const y: number[][] = [];
  for (let r = 0; r < d.rows; r++) {
    x.push(Array.from(d.inputs.subarray(r * d.inputSize, (r + 1) * d.inputSize)));
    y.push(Array.from(d.targets.subarray(r * d.outputSize, (r + 1) * d.outputSize)));
  }
  return { x, y };
}

function assertShape(d: Dataset, rows: number, inputSize: number, outputSize: number): void {
  assert.equal(d.rows, rows);
  assert.equal(d.inputSize, inputSize);
  assert.equal(d.outputSize, outputSize);
  assert.ok(d.inputs instanceof Float64Array);
  assert.ok(d.targets instanceof Float64Array);
  assert.equal(d.inputs.length, rows * inputSize);
  assert.equal(d.targets.length, rows * outputSize);
}

Deno.test("loadDataset(xor): exactly the original program's X and y", () => {
  const xor = loadDataset("xor");
  assert.equal(xor.name, "xor");
  assertShape(xor, 4, 2, 1);
  assert.deepEqual(rowsOf(xor), {
    x: [[0, 0], [0, 1], [1, 0], [1, 1]],
    y: [[0], [1], [1], [0]],
  });
});

const TRUTH_TABLES: Record<string, (a: number, b: number) => number> = {
  xor: (a, b) => a ^ b,
  and: (a, b) => a & b,
  or: (a, b) => a | b,
  nand: (a, b) => 1 - (a & b),
  xnor: (a, b) => 1 - (a ^ b),
};

Deno.test("GATE_NAMES lists exactly the five gates", () => {
  assert.deepEqual([...GATE_NAMES].sort(), Object.keys(TRUTH_TABLES).sort());
});

for (const [name, gate] of Object.entries(TRUTH_TABLES)) {
  Deno.test(`loadDataset(${name}): truth table over (0,0), (0,1), (1,0), (1,1)`, () => {
    const d = loadDataset(name);
    assert.equal(d.name, name);
    assertShape(d, 4, 2, 1);
    const { x, y } = rowsOf(d);
    assert.deepEqual(x, [[0, 0], [0, 1], [1, 0], [1, 1]]);
    assert.deepEqual(y, x.map(([a, b]) => [gate(a, b)]));
  });
}

Deno.test("loadDataset: each call returns fresh arrays", () => {
  const a = loadDataset("xor");
  a.targets[0] = 7;
  a.inputs[0] = 7;
  const b = loadDataset("xor");
  assert.equal(b.targets[0], 0);
  assert.equal(b.inputs[0], 0);
});

for (const n of [2, 3, 4, 5, 8]) {
  Deno.test(`loadDataset(parity:${n}): 2^${n} rows counting up in binary, odd-ones targets`, () => {
    const d = loadDataset(`parity:${n}`);
    assert.equal(d.name, `parity:${n}`);
    assertShape(d, 2 ** n, n, 1);
    const { x, y } = rowsOf(d);
    for (let r = 0; r < d.rows; r++) {
      // Row r is r written in binary, most significant bit first.
      assert.deepEqual(x[r], r.toString(2).padStart(n, "0").split("").map(Number), `row ${r}`);
      const ones = x[r].filter((v) => v === 1).length;
      assert.deepEqual(y[r], [ones % 2], `row ${r}`);
    }
    // Every input pattern occurs once.
    assert.equal(new Set(x.map((row) => row.join(""))).size, d.rows);
  });
}

Deno.test("parity:2 is xor, and parity(N) equals loadDataset(parity:N)", () => {
  const p2 = loadDataset("parity:2");
  const xor = loadDataset("xor");
  assert.deepEqual(p2.inputs, xor.inputs);
  assert.deepEqual(p2.targets, xor.targets);
  assert.deepEqual(parity(6), loadDataset("parity:6"));
});

Deno.test("parity:16, the largest, has 65536 rows", () => {
  const d = loadDataset("parity:16");
  assertShape(d, 65536, 16, 1);
  // Last row is all ones: 16 ones, even.
  assert.deepEqual(Array.from(d.inputs.subarray(65535 * 16)), new Array(16).fill(1));
  assert.equal(d.targets[65535], 0);
  assert.equal(d.targets[65534], 1);
});

function assertDatasetError(name: string): void {
  assert.throws(
    () => loadDataset(name),
    (e: unknown) =>
      e instanceof RangeError && e.message.startsWith("dataset: ") && e.message.includes(name),
    `loadDataset(${JSON.stringify(name)})`,
  );
}

for (const name of ["parity:1", "parity:17", "parity:0", "parity:-2", "parity:x", "parity:2.5"]) {
  Deno.test(`loadDataset(${name}) is a RangeError naming the dataset`, () => {
    assertDatasetError(name);
  });
}

Deno.test("loadDataset: empty or blank parity:N is a RangeError naming the dataset", () => {
  assertDatasetError("parity:");
  assertDatasetError("parity: ");
});

Deno.test("loadDataset: unknown names are a RangeError naming them", () => {
  for (const name of ["XOR", "xor ", "nor", "", "toString", "constructor", "__proto__"]) {
    assertDatasetError(name);
  }
});

Deno.test("parity(N) outside 2..16 or non-integer is a RangeError", () => {
  for (const n of [1, 17, 2.5, NaN]) {
    assert.throws(() => parity(n), RangeError, `parity(${n})`);
  }
});

Deno.test("datasetFromRows: flattens rows row-major", () => {
  const d = datasetFromRows("tiny", [[1, 2, 3], [4, 5, 6]], [[0.5, -1], [2, 3]]);
  assert.equal(d.name, "tiny");
  assertShape(d, 2, 3, 2);
  assert.deepEqual(Array.from(d.inputs), [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(d.targets), [0.5, -1, 2, 3]);
});

function assertRowsError(
  inputs: number[][],
  targets: number[][],
  Kind: typeof RangeError | typeof TypeError,
  fragment: string,
): void {
  assert.throws(
    () => datasetFromRows("mine", inputs, targets),
    (e: unknown) =>
      e instanceof Kind && e.message.startsWith("dataset mine: ") && e.message.includes(fragment),
  );
}

Deno.test("datasetFromRows: ragged rows are a RangeError naming the row", () => {
  assertRowsError([[0, 0], [1]], [[0], [1]], RangeError, "inputs row 1 has 1 values, expected 2");
  assertRowsError([[0], [1]], [[0], [1, 1]], RangeError, "targets row 1 has 2 values");
});

Deno.test("datasetFromRows: non-numeric or non-finite values are a TypeError naming the cell", () => {
  const text = [[0, "1"]] as unknown as number[][];
  assertRowsError(text, [[1]], TypeError, 'inputs[0][1] is "1"');
  assertRowsError([[0, 1]], [[NaN]], TypeError, "targets[0][0]");
  assertRowsError([[0, Infinity]], [[1]], TypeError, "inputs[0][1]");
  assertRowsError([[0, null as unknown as number]], [[1]], TypeError, "inputs[0][1] is null");
});

Deno.test("datasetFromRows: no rows, empty rows or unequal row counts are a RangeError", () => {
  assertRowsError([], [], RangeError, "has no rows");
  assertRowsError([[]], [[1]], RangeError, "inputs rows are empty");
  assertRowsError([[1]], [[]], RangeError, "targets rows are empty");
  assertRowsError([[1], [2]], [[1]], RangeError, "2 input rows but 1 target rows");
});
