import assert from "node:assert/strict";
import {
  classThreshold,
  hasBinaryTargets,
  parseCsv,
  parseDataFile,
  parseJsonData,
} from "./data_file.ts";
import { datasetFromRows, loadDataset, parity } from "./dataset.ts";

/** The error `fn` throws; fails the test if it returns. */
function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error, `threw a non-Error: ${err}`);
    return err;
  }
  assert.fail("expected an error");
}

/** Asserts `fn` throws exactly `Kind` (not a subclass's sibling) with exactly `message`. */
function throwsWith(
  fn: () => unknown,
  Kind: typeof RangeError | typeof TypeError,
  message: string,
): Error {
  const err = caught(fn);
  assert.ok(
    err instanceof Kind,
    `expected ${Kind.name}, got ${err.constructor.name}: ${err.message}`,
  );
  assert.equal(err.message, message);
  return err;
}

// ---------------------------------------------------------------- CSV

Deno.test("parseCsv: header, comments, blank lines, spaces; last column is the target", () => {
  const text = [
    "# measurements, 2024",
    "",
    "x, y ,label",
    "0,0,0",
    "   ",
    " 0.5 , -1e-3, 1  # trailing comment",
    "# 9,9,9 is commented out",
    ".5,+2.,1",
    "",
  ].join("\n");
  const d = parseCsv(text, "data/points.csv");
  assert.equal(d.name, "points.csv");
  assert.equal(d.rows, 3);
  assert.equal(d.inputSize, 2);
  assert.equal(d.outputSize, 1);
  assert.deepEqual(Array.from(d.inputs), [0, 0, 0.5, -1e-3, 0.5, 2]);
  assert.deepEqual(Array.from(d.targets), [0, 1, 1]);
  assert.ok(d.inputs instanceof Float64Array && d.targets instanceof Float64Array);
});

Deno.test("parseCsv: targets: k takes the last k columns", () => {
  const d = parseCsv("a,b,c,t1,t2\n1,2,3,4,5\n6,7,8,9,10\n", "m.csv", { targets: 2 });
  assert.equal(d.inputSize, 3);
  assert.equal(d.outputSize, 2);
  assert.deepEqual(Array.from(d.inputs), [1, 2, 3, 6, 7, 8]);
  assert.deepEqual(Array.from(d.targets), [4, 5, 9, 10]);
});

Deno.test("parseCsv: CRLF and CR line ends, a byte-order mark, no final newline", () => {
  for (const eol of ["\r\n", "\r"]) {
    const d = parseCsv(`\uFEFFa,b${eol}1,0${eol}2,1`, "w.csv");
    assert.deepEqual([d.rows, Array.from(d.inputs), Array.from(d.targets)], [2, [1, 2], [0, 1]]);
  }
});

Deno.test("parseCsv: the name is the base name for / and \\ paths", () => {
  const text = "a,b\n1,2\n";
  assert.equal(parseCsv(text, "x.csv").name, "x.csv");
  assert.equal(parseCsv(text, "/tmp/deep/x.csv").name, "x.csv");
  assert.equal(parseCsv(text, "C:\\data\\y.csv").name, "y.csv");
});

Deno.test("parseCsv: a cell that is not a number names file, line and column (TypeError)", () => {
  const text = "a,b,c\n1,2,3\n\n# note\n4,5,6\n7,8,9\n1,2,abc\n";
  const err = throwsWith(
    () => parseCsv(text, "data.csv"),
    TypeError,
    'data.csv:7:3: "abc" is not a number',
  );
  assert.deepEqual(err.cause, { file: "data.csv", line: 7, column: 3 });
  const cells: [string, string][] = [
    ["NaN", '"NaN"'],
    ["Infinity", '"Infinity"'],
    ["0x10", '"0x10"'],
    ["1 2", '"1 2"'],
    ["1_000", '"1_000"'],
  ];
  for (const [cell, shown] of cells) {
    throwsWith(
      () => parseCsv(`a,b\n1,${cell}\n`, "d.csv"),
      TypeError,
      `d.csv:2:2: ${shown} is not a number`,
    );
  }
});

Deno.test("parseCsv: an empty cell is a missing value naming file, line, column and column name", () => {
  const err = throwsWith(
    () => parseCsv("a,b\n1,\n", "d.csv"),
    RangeError,
    "d.csv:2:2: missing value: b is empty, expected a number",
  );
  assert.deepEqual(err.cause, { file: "d.csv", line: 2, column: 2 });
});

Deno.test("parseCsv: a number too large for float64 is a RangeError", () => {
  throwsWith(
    () => parseCsv("a,b\n1e999,1\n", "d.csv"),
    RangeError,
    'd.csv:2:1: "1e999" is not a finite number',
  );
});

Deno.test("parseCsv: a ragged row names file and line (RangeError)", () => {
  const text = "a,b,c,d\n1,2,3,4\n\n# comment\n1,2,3\n";
  const err = throwsWith(
    () => parseCsv(text, "data.csv"),
    RangeError,
    "data.csv:5:4: missing value: 3 values, expected 4 like the header (d is missing)",
  );
  assert.deepEqual(err.cause, { file: "data.csv", line: 5, column: 4 });
  throwsWith(
    () => parseCsv("a,b\n1,2,\n", "t.csv"),
    RangeError,
    "t.csv:2: 3 values, expected 2 like the header",
  );
  throwsWith(
    () => parseCsv("a,b,c\n1\n", "t.csv"),
    RangeError,
    "t.csv:2:2: missing value: 1 value, expected 3 like the header (b is missing)",
  );
});

Deno.test("parseCsv: an empty file, or one of comments only, is a RangeError naming the file", () => {
  const message =
    "the file is empty; expected a header row naming the columns, then rows of numbers";
  for (const text of ["", "\n\n", "# only a comment\n  \n#another\n", "\uFEFF"]) {
    const err = throwsWith(() => parseCsv(text, "e.csv"), RangeError, `e.csv: ${message}`);
    assert.deepEqual(err.cause, { file: "e.csv" });
  }
});

Deno.test("parseCsv: a header without rows is a RangeError naming the header's line", () => {
  throwsWith(
    () => parseCsv("# c\nx,y\n\n# no rows\n", "h.csv"),
    RangeError,
    "h.csv: no data rows after the header on line 2",
  );
});

Deno.test("parseCsv: a header of numbers only is refused (it is probably the first row)", () => {
  throwsWith(
    () => parseCsv("0,1,1\n1,1,0\n", "n.csv"),
    RangeError,
    'n.csv:1: the first row "0,1,1" is all numbers; it must be a header naming the columns',
  );
  // One name among numbers makes it a header.
  assert.equal(parseCsv("x1,2,3\n1,2,3\n", "ok.csv").rows, 1);
});

Deno.test("parseCsv: an empty column name names its line and column", () => {
  throwsWith(
    () => parseCsv("\na,,c\n1,2,3\n", "h.csv"),
    RangeError,
    "h.csv:2:2: empty column name",
  );
});

Deno.test("parseCsv: targets must leave an input column, and be an integer ≥ 1", () => {
  throwsWith(
    () => parseCsv("a,b,c\n1,2,3\n", "t.csv", { targets: 3 }),
    RangeError,
    "t.csv:1: targets: 3 is not allowed; the header has 3 columns, so at most 2 can be targets",
  );
  throwsWith(
    () => parseCsv("# c\na,b\n1,2\n", "t.csv", { targets: 5 }),
    RangeError,
    "t.csv:2: targets: 5 is not allowed; the header has 2 columns, so at most 1 can be targets",
  );
  throwsWith(
    () => parseCsv("label\n1\n", "t.csv"),
    RangeError,
    "t.csv:1: targets: 1 is not allowed; the header has 1 column, leaving none for the inputs",
  );
  // A semicolon- or tab-separated file reads as one column: say so.
  throwsWith(
    () => parseCsv("a;b;y\n1;2;3\n", "s.csv"),
    RangeError,
    "s.csv:1: targets: 1 is not allowed; the header has 1 column, leaving none for the inputs (values must be separated by commas)",
  );
  for (const targets of [0, -1, 1.5]) {
    const err = throwsWith(
      () => parseCsv("a,b\n1,2\n", "t.csv", { targets }),
      RangeError,
      `targets: ${targets} is not allowed; expected an integer ≥ 1`,
    );
    assert.deepEqual(err.cause, { field: "targets", value: targets });
  }
  throwsWith(
    // @ts-expect-error: a string where a number belongs
    () => parseCsv("a,b\n1,2\n", "t.csv", { targets: "2" }),
    TypeError,
    'targets: "2" is not allowed; expected an integer ≥ 1',
  );
});

Deno.test("parseCsv: a long bad cell is cut in the message", () => {
  const cell = "x".repeat(100);
  const err = caught(() => parseCsv(`a,b\n1,${cell}\n`, "d.csv"));
  assert.equal(err.message, `d.csv:2:2: "${"x".repeat(36)}... is not a number`);
});

// ---------------------------------------------------------------- JSON

Deno.test("parseJsonData: nested rows, flat targets, flat inputs, several outputs", () => {
  const nested = parseJsonData('{"inputs": [[0, 0], [0, 1]], "targets": [[0], [1]]}', "dir/n.json");
  assert.deepEqual(
    [nested.name, nested.rows, nested.inputSize, nested.outputSize],
    ["n.json", 2, 2, 1],
  );
  assert.deepEqual(Array.from(nested.inputs), [0, 0, 0, 1]);
  assert.deepEqual(Array.from(nested.targets), [0, 1]);

  const flat = parseJsonData('{"targets": [0, 1], "inputs": [[0, 0], [0, 1]]}', "n.json");
  assert.deepEqual(flat, nested);

  const oneInput = parseJsonData(
    '{"inputs": [0.5, -1, 2], "targets": [[1, 2], [3, 4], [5, 6]]}',
    "r.json",
  );
  assert.deepEqual([oneInput.inputSize, oneInput.outputSize, oneInput.rows], [1, 2, 3]);
  assert.deepEqual(Array.from(oneInput.inputs), [0.5, -1, 2]);
  assert.deepEqual(Array.from(oneInput.targets), [1, 2, 3, 4, 5, 6]);
});

Deno.test("parseJsonData: malformed JSON names the line and column when the parser gives a position", () => {
  const text = '{\n  "inputs": [[0, 1]],\n  "targets": [[1]] x\n}';
  const err = caught(() => parseJsonData(text, "data.json"));
  assert.ok(err instanceof TypeError);
  // The parser reports the offset of "x"; line 3, column 20 by counting.
  assert.match(err.message, /^data\.json:3:20: malformed JSON: /);
  assert.deepEqual(err.cause, { file: "data.json", line: 3, column: 20 });
  assert.ok(!err.message.includes("\n"));

  const cut = caught(() => parseJsonData('{"inputs": [[0, 1]],\n "targets": [[1]', "c.json"));
  assert.ok(cut instanceof TypeError);
  assert.equal(cut.message, "c.json:2:17: malformed JSON: Expected ',' or ']' after array element");

  // "Unexpected end of JSON input" has no position: the place is just after the last
  // non-blank character, the ":" in column 11 of line 2.
  const early = caught(() => parseJsonData('{"inputs": [[0, 1]],\n "targets": \n\n', "e.json"));
  assert.ok(early instanceof TypeError);
  assert.equal(early.message, "e.json:2:12: malformed JSON: it ends early");

  // Some parser messages carry no position: the file is still named, on one line.
  const token = caught(() => parseJsonData('{"inputs":\n tru}', "t.json"));
  assert.ok(token instanceof TypeError);
  assert.match(token.message, /^t\.json(:\d+:\d+)?: malformed JSON: \S/);
  assert.ok(!token.message.includes("\n"));
});

Deno.test("parseJsonData: wrong shapes name the path (RangeError for counts, TypeError for kinds)", () => {
  const cases: [string, typeof RangeError | typeof TypeError, string][] = [
    [
      '{"inputs": [[0, 1], [1, 0], [1, 1], [2]], "targets": [0, 1, 1, 0]}',
      RangeError,
      "inputs[3] has 1 values, expected 2",
    ],
    [
      '{"inputs": [[0, 1]], "targets": [[1], [0]]}',
      RangeError,
      "targets has 2 rows, expected 1 like inputs",
    ],
    ['{"inputs": [], "targets": []}', RangeError, "inputs has no rows"],
    [
      '{"inputs": [[]], "targets": [1]}',
      RangeError,
      "inputs[0] is empty; expected at least 1 value",
    ],
    [
      '{"inputs": [[0, 1]], "targets": [[1, 0], [1]]}',
      RangeError,
      "targets[1] has 1 values, expected 2",
    ],
    ['{"inputs": [[0, "x"]], "targets": [1]}', TypeError, 'inputs[0][1] is "x", expected a number'],
    [
      '{"inputs": [[0, null]], "targets": [1]}',
      TypeError,
      "inputs[0][1] is null, expected a number",
    ],
    ['{"inputs": [[0, 1]], "targets": [true]}', TypeError, "targets[0] is true, expected a number"],
    [
      '{"inputs": [[0, 1], 5], "targets": [1, 0]}',
      TypeError,
      "inputs[1] is 5, expected a list of 2 numbers",
    ],
    [
      '{"inputs": [1, [2]], "targets": [1, 0]}',
      TypeError,
      "inputs[1] is a list but inputs[0] is not; use a list of rows or a list of numbers",
    ],
    [
      '{"inputs": {"a": 1}, "targets": [1]}',
      TypeError,
      'inputs is {"a":1}, expected a list of rows of numbers',
    ],
    [
      '{"inputs": [[1e999]], "targets": [1]}',
      RangeError,
      "inputs[0][0] is too large to be a finite number",
    ],
    ['{"inputs": [[1]]}', TypeError, 'missing key "targets"'],
    [
      '{"inputs": [[1]], "targets": [1], "target": [1]}',
      TypeError,
      'unknown key "target"; expected only "inputs" and "targets"',
    ],
    [
      "[[0, 1]]",
      TypeError,
      'the top level is a list, expected an object {"inputs": [[...]], "targets": [[...]]}',
    ],
    [
      "42",
      TypeError,
      'the top level is 42, expected an object {"inputs": [[...]], "targets": [[...]]}',
    ],
    ["  \n", RangeError, 'the file is empty; expected {"inputs": [[...]], "targets": [[...]]}'],
  ];
  for (const [text, Kind, message] of cases) {
    const err = throwsWith(() => parseJsonData(text, "data.json"), Kind, `data.json: ${message}`);
    assert.deepEqual(err.cause, { file: "data.json" });
  }
});

// ---------------------------------------------------------------- parseDataFile

Deno.test("parseDataFile: the format comes from the name, else from the text, else from options", () => {
  const csv = "a,y\n1,0\n";
  const json = '{"inputs": [1], "targets": [0]}';
  assert.equal(parseDataFile(csv, "a.csv").rows, 1);
  assert.equal(parseDataFile(csv, "a.CSV").rows, 1);
  assert.equal(parseDataFile(json, "a.json").rows, 1);
  assert.equal(parseDataFile(json, "a.JSON").rows, 1);
  assert.equal(parseDataFile(csv, "a.txt").rows, 1);
  assert.equal(parseDataFile(`\n  ${json}`, "a.txt").rows, 1);
  assert.equal(parseDataFile(json, "noext", { format: "json" }).rows, 1);
  // An explicit format wins over the name: this JSON read as CSV has a quoted cell then text.
  throwsWith(
    () => parseDataFile(json, "a.json", { format: "csv" }),
    TypeError,
    'a.json:1:2: text after the closing quote of "targets"',
  );
  throwsWith(
    // @ts-expect-error: not a format
    () => parseDataFile(csv, "a.csv", { format: "tsv" }),
    RangeError,
    'format: "tsv" is not allowed; expected csv or json',
  );
});

Deno.test("parseDataFile: targets passes to CSV, and for JSON must agree with the file", () => {
  assert.equal(parseDataFile("a,b,c\n1,2,3\n", "m.csv", { targets: 2 }).outputSize, 2);
  const json = '{"inputs": [[1], [2]], "targets": [[1, 0], [0, 1]]}';
  assert.equal(parseDataFile(json, "m.json", { targets: 2 }).outputSize, 2);
  throwsWith(
    () => parseDataFile(json, "m.json", { targets: 1 }),
    RangeError,
    "m.json: targets: 1 is not allowed; the file's targets have 2 columns",
  );
  throwsWith(
    () => parseDataFile(json, "m.json", { targets: 0 }),
    RangeError,
    "targets: 0 is not allowed; expected an integer ≥ 1",
  );
});

// ---------------------------------------------------------------- classification or not

Deno.test("hasBinaryTargets / classThreshold: 0.5 exactly when every target is 0 or 1", () => {
  assert.equal(hasBinaryTargets(loadDataset("xor")), true);
  assert.equal(classThreshold(loadDataset("xor")), 0.5);
  assert.equal(classThreshold(parity(3)), 0.5);
  // All one class still reads as classification.
  assert.equal(classThreshold(datasetFromRows("ones", [[0], [1]], [[1], [1]])), 0.5);
  // Multi-output 0/1 targets are classification too.
  assert.equal(classThreshold(datasetFromRows("m", [[0]], [[0, 1]])), 0.5);
  for (const y of [0.5, 2, -1, 1e-9]) {
    const d = datasetFromRows("r", [[0], [1]], [[0], [y]]);
    assert.equal(hasBinaryTargets(d), false, `target ${y}`);
    assert.equal(classThreshold(d), null, `target ${y}`);
  }
});

// ---------------------------------------------------------------- RFC 4180, labels

Deno.test("parseCsv: quoted cells hold commas, quotes, line breaks and #; a quoted header", () => {
  const text = [
    '"petal, length","say ""hi""",note,kind',
    '1.5,"2",#comment',
    "", // a quoted cell's line break below is not a record's end
    '3,4,"a # b",z',
  ].join("\n");
  // Line 2 has 3 cells (the comment removes the rest): the missing one is named.
  throwsWith(
    () => parseCsv(text, "q.csv", { label: "kind" }),
    RangeError,
    "q.csv:2:4: missing value: 3 values, expected 4 like the header (kind is missing)",
  );
  const good = '"petal, length","say ""hi""",kind\n1.5,"2",setosa\n"3",4,"multi\nline"\n';
  const d = parseCsv(good, "q.csv", { label: "kind" });
  assert.deepEqual(d.classes, ["multi\nline", "setosa"]);
  assert.deepEqual(Array.from(d.inputs), [1.5, 2, 3, 4]);
  assert.deepEqual(Array.from(d.targets), [0, 1, 1, 0]);
});

Deno.test("parseCsv: label: classes sorted, one-hot, label column anywhere; errors name the place", () => {
  const d = parseCsv("kind,x\nb,1\na,2\nc,3\nb,4\n", "k.csv", { label: "kind" });
  assert.deepEqual(d.classes, ["a", "b", "c"]);
  assert.deepEqual([d.inputSize, d.outputSize], [1, 3]);
  assert.deepEqual(Array.from(d.targets), [0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0]);
  throwsWith(
    () => parseCsv("kind,x\nb,1\n,2\n", "k.csv", { label: "kind" }),
    RangeError,
    "k.csv:3:1: missing value: the label kind is empty",
  );
  throwsWith(
    () => parseCsv("kind,x\nb,1\n", "k.csv", { label: "species" }),
    RangeError,
    'k.csv:1: label: "species" is not a column; the columns are kind, x',
  );
  throwsWith(
    () => parseCsv("a,b\n1,2\n", "k.csv", { label: "a", targets: 1 }),
    RangeError,
    "targets: 1 is not allowed with label; use one of them",
  );
  throwsWith(
    () => parseCsv('a,b\n1,"2\n', "u.csv"),
    TypeError,
    "u.csv:2:2: a quoted cell is never closed",
  );
  throwsWith(
    () => parseCsv('a,b\n1,"2"x\n', "u.csv"),
    TypeError,
    'u.csv:2:2: text after the closing quote of "2"',
  );
});
