/**
 * Your own data as a {@linkcode Dataset}: CSV with a header row, or JSON
 * `{"inputs": [[…]], "targets": [[…]]}`. Parsing works on text, so the library
 * does no file I/O: a program reads the file and passes its text to
 * {@linkcode parseDataFile} (the CLI's `read_data.ts` does).
 *
 * Every error names the file and, where there is one, the line and column,
 * as `data.csv:7:3: "abc" is not a number`, so an editor can jump to it. A
 * `TypeError` means a value of the wrong kind (text where a number belongs,
 * malformed JSON); a `RangeError` means wrong counts (ragged rows, no rows,
 * too many target columns). Its `cause` is `{ file, line?, column? }`.
 *
 * @module
 */

import { csvRecords } from "./csv.ts";
import type { Dataset } from "./dataset.ts";

/** Formats {@linkcode parseDataFile} reads. */
export type DataFormat = "csv" | "json";

/** Options of {@linkcode parseDataFile}; every field is optional. */
export interface DataFileOptions {
  /**
   * How many trailing CSV columns are targets, an integer ≥ 1 that leaves at
   * least one input column. A JSON file's shape says this; if set, it must agree.
   * @default {1}
   */
  targets?: number;
  /**
   * The file's format. By default `json` when the name ends in `.json`, `csv` when
   * it ends in `.csv`, and otherwise `json` exactly when the text starts with `{`.
   * @default {undefined}
   */
  format?: DataFormat;
  /**
   * CSV only: the name of the column holding each row's class as text. Its values
   * become one-hot targets, one column per class in sorted (code-unit) order,
   * named in the dataset's `classes`; every other column is an input. Not with
   * `targets`.
   * @default {undefined}
   */
  label?: string;
}

/** Where in a file an error is: 1-based line and column (column: the value's position in its row). */
interface Place {
  line?: number;
  column?: number;
}

function failAt(
  Kind: typeof RangeError | typeof TypeError,
  file: string,
  place: Place,
  message: string,
): never {
  const where = place.line === undefined
    ? file
    : place.column === undefined
    ? `${file}:${place.line}`
    : `${file}:${place.line}:${place.column}`;
  throw new Kind(`${where}: ${message}`, { cause: { file, ...place } });
}

/** The last path segment, for either separator: `dir/data.csv` → `data.csv`. */
function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** A decimal number as people write it in data: `5`, `-1`, `0.05`, `.5`, `1e-3`, `+2.`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A value as a message shows it: as JSON (strings quoted), cut to 40 characters. */
function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function resolveTargets(options: DataFileOptions): number {
  const targets = options.targets ?? 1;
  if (typeof targets !== "number") {
    throw new TypeError(`targets: ${show(targets)} is not allowed; expected an integer ≥ 1`, {
      cause: { field: "targets", value: targets },
    });
  }
  if (!Number.isInteger(targets) || targets < 1) {
    throw new RangeError(`targets: ${targets} is not allowed; expected an integer ≥ 1`, {
      cause: { field: "targets", value: targets },
    });
  }
  return targets;
}

/**
 * Parses CSV text (RFC 4180, see `csv.ts`) into a dataset named after the file's base name.
 *
 * - Cells may be quoted (`"a, b"`, `"say ""hi"""`, line breaks inside quotes);
 *   outside quotes `#` starts a comment to the end of the line; blank lines are skipped.
 * - The first record is the header: column names, none empty. A header of
 *   numbers only is refused (it is probably the first row).
 * - Every later record has exactly as many cells, each a decimal number (`5`,
 *   `-0.5`, `.5`, `1e-3`; no `NaN`, `Infinity` or hexadecimal), except the label column.
 * - With `label`, that column's text values are the classes (one-hot targets, in
 *   sorted order, names in `classes`); otherwise the last `targets` columns
 *   (default 1) are the targets. The others are the inputs, in file order.
 *
 * Errors: `data.csv:7:3: "abc" is not a number`, `data.csv:5:4: missing value: 3
 * values, expected 4 like the header (d is missing)`, `data.csv:5: 5 values,
 * expected 4 like the header`, `data.csv: the file is empty; …`, `data.csv: no data
 * rows after the header on line 1`, `data.csv:1: targets: 3 is not allowed; …`,
 * `data.csv:1: label: "kind" is not a column; …`. The column is the value's
 * 1-based position in its row.
 *
 * @example
 * ```ts
 * import { parseCsv } from "@backprop/core";
 * const d = parseCsv("x,y,label\n0,0,0\n0,1,1 # a comment\n", "and.csv");
 * [d.name, d.rows, d.inputSize, d.outputSize]; // ["and.csv", 2, 2, 1]
 * const iris = parseCsv('"petal, cm",species\n1.4,setosa\n4.7,versicolor\n', "i.csv", {
 *   label: "species",
 * });
 * [iris.classes, Array.from(iris.targets)]; // [["setosa", "versicolor"], [1, 0, 0, 1]]
 * ```
 */
export function parseCsv(text: string, file: string, options: DataFileOptions = {}): Dataset {
  const label = options.label;
  if (label !== undefined && (typeof label !== "string" || label === "")) {
    throw new TypeError(`label: ${show(label)} is not allowed; expected a column name`, {
      cause: { field: "label", value: label },
    });
  }
  if (label !== undefined && options.targets !== undefined) {
    throw new RangeError(`targets: ${options.targets} is not allowed with label; use one of them`, {
      cause: { field: "targets", value: options.targets },
    });
  }
  const targets = resolveTargets(options);
  const records = csvRecords(
    text,
    (line, column, message) => failAt(TypeError, file, { line, column }, message),
  );
  if (records.length === 0) {
    failAt(
      RangeError,
      file,
      {},
      "the file is empty; expected a header row naming the columns, then rows of numbers",
    );
  }
  const [header, ...body] = records;
  const headerLine = header.line;
  const names = header.cells;
  const columns = names.length;
  names.forEach((name, c) => {
    if (name === "") {
      failAt(RangeError, file, { line: headerLine, column: c + 1 }, "empty column name");
    }
  });
  if (names.every((name) => NUMBER.test(name))) {
    failAt(
      RangeError,
      file,
      { line: headerLine },
      `the first row ${
        show(names.join(","))
      } is all numbers; it must be a header naming the columns`,
    );
  }
  const labelColumn = label === undefined ? -1 : names.indexOf(label);
  if (label !== undefined && labelColumn === -1) {
    failAt(
      RangeError,
      file,
      { line: headerLine },
      `label: ${show(label)} is not a column; the columns are ${names.join(", ")}`,
    );
  }
  if (label !== undefined && columns < 2) {
    failAt(RangeError, file, { line: headerLine }, "label: no column is left for the inputs");
  }
  if (label === undefined && targets >= columns) {
    failAt(
      RangeError,
      file,
      { line: headerLine },
      `targets: ${targets} is not allowed; ${
        columns === 1
          ? `the header has 1 column, leaving none for the inputs${
            /[;\t]/.test(names[0]) ? " (values must be separated by commas)" : ""
          }`
          : `the header has ${columns} columns, so at most ${columns - 1} can be targets`
      }`,
    );
  }
  if (body.length === 0) {
    failAt(RangeError, file, {}, `no data rows after the header on line ${headerLine}`);
  }
  const values: number[] = [];
  const labels: string[] = [];
  for (const { cells, line, lines } of body) {
    if (cells.length !== columns) {
      const count = `${cells.length} value${cells.length === 1 ? "" : "s"}`;
      if (cells.length > columns) {
        failAt(RangeError, file, { line }, `${count}, expected ${columns} like the header`);
      }
      failAt(
        RangeError,
        file,
        { line: lines[lines.length - 1], column: cells.length + 1 },
        `missing value: ${count}, expected ${columns} like the header (${
          names[cells.length]
        } is missing)`,
      );
    }
    for (let c = 0; c < columns; c++) {
      const cell = cells[c];
      const at = { line: lines[c], column: c + 1 };
      if (c === labelColumn) {
        if (cell === "") failAt(RangeError, file, at, `missing value: the label ${label} is empty`);
        labels.push(cell);
        continue;
      }
      if (cell === "") {
        failAt(RangeError, file, at, `missing value: ${names[c]} is empty, expected a number`);
      }
      if (!NUMBER.test(cell)) failAt(TypeError, file, at, `${show(cell)} is not a number`);
      const v = Number(cell);
      if (!Number.isFinite(v)) failAt(RangeError, file, at, `${show(cell)} is not a finite number`);
      values.push(v);
    }
  }
  const rows = body.length;
  if (label !== undefined) {
    const classes = [...new Set(labels)].sort();
    const k = classes.length;
    const y = new Float64Array(rows * k);
    labels.forEach((name, r) => y[r * k + classes.indexOf(name)] = 1);
    return {
      name: baseName(file),
      rows,
      inputSize: columns - 1,
      outputSize: k,
      inputs: Float64Array.from(values),
      targets: y,
      classes,
    };
  }
  const inputSize = columns - targets;
  const inputs = new Float64Array(rows * inputSize);
  const y = new Float64Array(rows * targets);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < inputSize; c++) inputs[r * inputSize + c] = values[r * columns + c];
    for (let k = 0; k < targets; k++) y[r * targets + k] = values[r * columns + inputSize + k];
  }
  return { name: baseName(file), rows, inputSize, outputSize: targets, inputs, targets: y };
}

/** The 1-based line and column of character `offset` in `text`. */
function lineColumn(text: string, offset: number): Required<Place> {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Reads one of `inputs` / `targets`: a list of rows of numbers, or a flat list of
 * numbers meaning one column. Returns the values row-major and the width.
 */
function matrix(file: string, field: string, value: unknown): { data: number[]; cols: number } {
  if (!Array.isArray(value)) {
    failAt(TypeError, file, {}, `${field} is ${show(value)}, expected a list of rows of numbers`);
  }
  if (value.length === 0) failAt(RangeError, file, {}, `${field} has no rows`);
  const data: number[] = [];
  const finite = (v: unknown, path: string): number => {
    if (typeof v !== "number") {
      failAt(TypeError, file, {}, `${path} is ${show(v)}, expected a number`);
    }
    // JSON.parse reads 1e999 as Infinity.
    if (!Number.isFinite(v)) {
      failAt(RangeError, file, {}, `${path} is too large to be a finite number`);
    }
    return v;
  };
  if (!Array.isArray(value[0])) {
    // A flat list: one column.
    value.forEach((v, r) => {
      if (Array.isArray(v)) {
        failAt(
          TypeError,
          file,
          {},
          `${field}[${r}] is a list but ${field}[0] is not; use a list of rows or a list of numbers`,
        );
      }
      data.push(finite(v, `${field}[${r}]`));
    });
    return { data, cols: 1 };
  }
  const cols = value[0].length;
  if (cols === 0) failAt(RangeError, file, {}, `${field}[0] is empty; expected at least 1 value`);
  value.forEach((row, r) => {
    if (!Array.isArray(row)) {
      failAt(
        TypeError,
        file,
        {},
        `${field}[${r}] is ${show(row)}, expected a list of ${cols} numbers`,
      );
    }
    if (row.length !== cols) {
      failAt(RangeError, file, {}, `${field}[${r}] has ${row.length} values, expected ${cols}`);
    }
    row.forEach((v, c) => data.push(finite(v, `${field}[${r}][${c}]`)));
  });
  return { data, cols };
}

/**
 * Parses JSON text `{"inputs": [[…], …], "targets": [[…], …]}` into a dataset
 * named after the file's base name. Either list may also be a flat list of
 * numbers, meaning one column (`"targets": [0, 1, 1, 0]`). No other keys are allowed.
 *
 * Errors: `data.json:2:10: malformed JSON: …` (line and column when the parser
 * gives a position), `data.json: inputs[3] has 1 values, expected 2`,
 * `data.json: targets[1][0] is "x", expected a number`, `data.json: targets has
 * 3 rows, expected 4 like inputs`.
 *
 * @example
 * ```ts
 * import { parseJsonData } from "@backprop/core";
 * const d = parseJsonData('{"inputs": [[0, 0], [1, 1]], "targets": [0, 1]}', "two.json");
 * [d.rows, d.inputSize, d.outputSize]; // [2, 2, 1]
 * ```
 */
export function parseJsonData(text: string, file: string): Dataset {
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") {
    failAt(
      RangeError,
      file,
      {},
      'the file is empty; expected {"inputs": [[...]], "targets": [[...]]}',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 says "… in JSON at position N (line L column C)", "Unexpected end of JSON input",
    // or "Unexpected token 'x', "<text>" is not valid JSON" (no position).
    const at = /^(.*?) in JSON at position (\d+)/s.exec(message);
    if (at) failAt(TypeError, file, lineColumn(body, Number(at[2])), `malformed JSON: ${at[1]}`);
    if (/Unexpected end of JSON input/.test(message)) {
      failAt(
        TypeError,
        file,
        lineColumn(body, body.trimEnd().length),
        "malformed JSON: it ends early",
      );
    }
    const short = message.replace(/, ".*" is not valid JSON$/s, "").replace(/\s+/g, " ");
    failAt(TypeError, file, {}, `malformed JSON: ${short}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    failAt(
      TypeError,
      file,
      {},
      `the top level is ${
        Array.isArray(value) ? "a list" : show(value)
      }, expected an object {"inputs": [[...]], "targets": [[...]]}`,
    );
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "inputs" && key !== "targets") {
      failAt(TypeError, file, {}, `unknown key ${show(key)}; expected only "inputs" and "targets"`);
    }
  }
  for (const key of ["inputs", "targets"]) {
    if (!Object.hasOwn(record, key)) failAt(TypeError, file, {}, `missing key "${key}"`);
  }
  const x = matrix(file, "inputs", record.inputs);
  const y = matrix(file, "targets", record.targets);
  const rows = x.data.length / x.cols;
  const targetRows = y.data.length / y.cols;
  if (targetRows !== rows) {
    failAt(RangeError, file, {}, `targets has ${targetRows} rows, expected ${rows} like inputs`);
  }
  return {
    name: baseName(file),
    rows,
    inputSize: x.cols,
    outputSize: y.cols,
    inputs: Float64Array.from(x.data),
    targets: Float64Array.from(y.data),
  };
}

/**
 * The format of a file: `json` for a `.json` name, `csv` for a `.csv` name,
 * otherwise `json` exactly when the text's first non-blank character is `{`.
 */
function detectFormat(text: string, file: string): DataFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".csv")) return "csv";
  return /^\uFEFF?\s*\{/.test(text) ? "json" : "csv";
}

/**
 * Parses a data file's text as CSV ({@linkcode parseCsv}) or JSON
 * ({@linkcode parseJsonData}), by `options.format` or else by the file name and
 * content. `file` is used in error messages as given and, as its base name, as
 * the dataset's name.
 *
 * @example
 * ```ts
 * import { parseDataFile } from "@backprop/core";
 * const d = parseDataFile("a,b,y\n0,1,1\n1,1,0\n", "data/xor.csv");
 * d.name; // "xor.csv"
 * Array.from(d.targets); // [1, 0]
 * ```
 */
export function parseDataFile(text: string, file: string, options: DataFileOptions = {}): Dataset {
  if (typeof text !== "string") {
    throw new TypeError(`${file}: the contents are ${typeof text}, expected text`);
  }
  const format = options.format ?? detectFormat(text, file);
  if (format !== "csv" && format !== "json") {
    throw new RangeError(`format: ${show(format)} is not allowed; expected csv or json`, {
      cause: { field: "format", value: format },
    });
  }
  if (format === "csv") return parseCsv(text, file, options);
  const targets = options.targets === undefined ? undefined : resolveTargets(options);
  const dataset = parseJsonData(text, file);
  if (targets !== undefined && targets !== dataset.outputSize) {
    failAt(
      RangeError,
      file,
      {},
      `targets: ${targets} is not allowed; the file's targets have ${dataset.outputSize} column${
        dataset.outputSize === 1 ? "" : "s"
      }`,
    );
  }
  return dataset;
}

/**
 * True when every target is exactly 0 or 1: the dataset is a (multi-label)
 * classification problem, read with the threshold of {@linkcode classThreshold}.
 *
 * @example
 * ```ts
 * import { hasBinaryTargets, loadDataset } from "@backprop/core";
 * hasBinaryTargets(loadDataset("xor")); // true
 * ```
 */
export function hasBinaryTargets(dataset: Dataset): boolean {
  for (const t of dataset.targets) if (t !== 0 && t !== 1) return false;
  return true;
}

/**
 * The threshold that turns an output into a class, 0.5 (an output above it means
 * class 1), when every target is 0 or 1; `null` for any other targets
 * (regression), where a right/wrong mark per row means nothing.
 *
 * @example
 * ```ts
 * import { classThreshold, datasetFromRows, loadDataset } from "@backprop/core";
 * classThreshold(loadDataset("xor")); // 0.5
 * classThreshold(datasetFromRows("r", [[0], [1]], [[0.3], [2]])); // null
 * ```
 */
export function classThreshold(dataset: Dataset): number | null {
  return hasBinaryTargets(dataset) ? 0.5 : null;
}
