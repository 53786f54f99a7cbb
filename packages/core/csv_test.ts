import assert from "node:assert/strict";
import { csvRecords } from "@backprop/core";

const fail = (line: number, column: number, message: string): never => {
  throw new Error(`${line}:${column}: ${message}`);
};

Deno.test("csvRecords: RFC 4180 quoting, CRLF, line breaks in quotes, comments and blank lines", () => {
  const text = 'a,"b, c"\r\n"x ""y""","multi\r\nline"\r\n\r\n# note\r\n 1 , 2 # end\r\n';
  const records = csvRecords(text, fail);
  assert.deepEqual(records.map((r) => r.cells), [
    ["a", "b, c"],
    ['x "y"', "multi\r\nline"],
    ["1", "2"],
  ]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 6]);
  assert.deepEqual(records[1].lines, [2, 2]);
});

Deno.test("csvRecords: an unclosed quote and text after a closing quote name line and column", () => {
  assert.throws(
    () => csvRecords('a,b\n1,"2\n', fail),
    /^Error: 2:2: a quoted cell is never closed/,
  );
  assert.throws(() => csvRecords('a,"b"c\n', fail), /^Error: 1:2: text after the closing quote/);
  assert.deepEqual(csvRecords("", fail), []);
  assert.deepEqual(csvRecords('"",x', fail)[0].cells, ["", "x"]);
});
