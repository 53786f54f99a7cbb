/**
 * Datasets: rows of inputs and targets stored flat, row-major, so every
 * implementation reads the very same numbers.
 *
 * @module
 */

import { PARITY_RANGE } from "./limits.ts";
import { fail } from "./_private.ts";

/**
 * A supervised dataset held as two flat row-major matrices.
 *
 * `inputs`: [rows, inputSize]; `targets`: [rows, outputSize].
 */
export interface Dataset {
  /** Name it was loaded by, e.g. `"xor"` or `"parity:4"`. */
  readonly name: string;
  /** Number of rows (examples). */
  readonly rows: number;
  /** Number of input columns. */
  readonly inputSize: number;
  /** Number of target columns. */
  readonly outputSize: number;
  /** X: [rows, inputSize], row-major. */
  readonly inputs: Float64Array;
  /** y: [rows, outputSize], row-major. */
  readonly targets: Float64Array;
  /**
   * Class names, when the targets are one-hot classes (a CSV label column, a
   * shipped dataset): `classes[j]` names target column j. Absent otherwise.
   */
  readonly classes?: readonly string[];
}

/** Names of the built-in logic-gate datasets (two inputs, one output). */
export const GATE_NAMES: readonly string[] = ["xor", "and", "or", "nand", "xnor"];

// Truth tables over the rows (0,0), (0,1), (1,0), (1,1): the original program's row order.
const GATES: Record<string, readonly number[]> = {
  xor: [0, 1, 1, 0],
  and: [0, 0, 0, 1],
  or: [0, 1, 1, 1],
  nand: [1, 1, 1, 0],
  xnor: [1, 0, 0, 1],
};

/**
 * Builds a dataset from nested arrays, checking that every row has the same width
 * and every value is a finite number.
 *
 * @example
 * ```ts
 * import { datasetFromRows } from "@backprop/core";
 * const d = datasetFromRows("tiny", [[0], [1]], [[1], [0]]);
 * d.rows; // 2
 * ```
 */
export function datasetFromRows(
  name: string,
  inputs: readonly (readonly number[])[],
  targets: readonly (readonly number[])[],
): Dataset {
  if (inputs.length === 0) throw new RangeError(`dataset ${name}: has no rows`);
  if (inputs.length !== targets.length) {
    throw new RangeError(
      `dataset ${name}: ${inputs.length} input rows but ${targets.length} target rows`,
    );
  }
  const x = flatten(name, "inputs", inputs);
  const y = flatten(name, "targets", targets);
  return {
    name,
    rows: inputs.length,
    inputSize: x.cols,
    outputSize: y.cols,
    inputs: x.data,
    targets: y.data,
  };
}

function flatten(
  name: string,
  field: string,
  rows: readonly (readonly number[])[],
): { data: Float64Array; cols: number } {
  const cols = rows[0].length;
  if (cols === 0) throw new RangeError(`dataset ${name}: ${field} rows are empty`);
  const data = new Float64Array(rows.length * cols);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== cols) {
      throw new RangeError(
        `dataset ${name}: ${field} row ${r} has ${row.length} values, expected ${cols}`,
      );
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new TypeError(
          `dataset ${name}: ${field}[${r}][${c}] is ${JSON.stringify(v)}, expected a finite number`,
        );
      }
      data[r * cols + c] = v;
    }
  }
  return { data, cols };
}

/**
 * N-bit parity: all 2^N rows, bit j of row r being `(r >> (N - 1 - j)) & 1`
 * (so rows count up in binary), target 1 when the number of ones is odd.
 *
 * @example
 * ```ts
 * import { parity } from "@backprop/core";
 * parity(3).rows; // 8
 * ```
 */
export function parity(bits: number): Dataset {
  if (!Number.isInteger(bits) || bits < PARITY_RANGE.min || bits > PARITY_RANGE.max) {
    fail(
      RangeError,
      "dataset",
      `parity:${bits}`,
      `N must be an integer from ${PARITY_RANGE.min} to ${PARITY_RANGE.max}`,
    );
  }
  const rows = 1 << bits;
  const inputs = new Float64Array(rows * bits);
  const targets = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let ones = 0;
    for (let j = 0; j < bits; j++) {
      const bit = (r >> (bits - 1 - j)) & 1;
      inputs[r * bits + j] = bit;
      ones += bit;
    }
    targets[r] = ones & 1;
  }
  return { name: `parity:${bits}`, rows, inputSize: bits, outputSize: 1, inputs, targets };
}

/**
 * Loads a built-in dataset by name: `xor` (exactly the original program's X and
 * y), `and`, `or`, `nand`, `xnor`, or `parity:N` with N from 2 to 16.
 *
 * @example
 * ```ts
 * import { loadDataset } from "@backprop/core";
 * const xor = loadDataset("xor");
 * Array.from(xor.targets); // [0, 1, 1, 0]
 * ```
 */
export function loadDataset(name: string): Dataset {
  const gate = GATES[name];
  if (gate !== undefined && Object.hasOwn(GATES, name)) {
    return {
      name,
      rows: 4,
      inputSize: 2,
      outputSize: 1,
      inputs: Float64Array.of(0, 0, 0, 1, 1, 0, 1, 1),
      targets: Float64Array.from(gate),
    };
  }
  const allowed = `expected one of ${
    GATE_NAMES.join(", ")
  }, parity:N (N an integer from ${PARITY_RANGE.min} to ${PARITY_RANGE.max})`;
  const match = /^parity:(\d{1,3})$/.exec(name);
  if (match === null) fail(RangeError, "dataset", name, allowed);
  return parity(Number(match[1]));
}
