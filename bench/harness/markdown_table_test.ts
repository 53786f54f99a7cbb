import assert from "node:assert/strict";
import { markdownTable } from "./markdown_table.ts";

Deno.test("markdownTable: header, separator with alignment, rows", () => {
  assert.equal(
    markdownTable(["a", "b"], [["1", "2"], ["3", "4"]], ["l", "r"]),
    "| a | b |\n| --- | ---: |\n| 1 | 2 |\n| 3 | 4 |",
  );
  assert.equal(markdownTable(["x"], []), "| x |\n| --- |");
});
