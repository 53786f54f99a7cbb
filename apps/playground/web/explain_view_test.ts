import assert from "node:assert/strict";
import { loadDataset, resolveConfig } from "@backprop/core";
import { explainStep } from "@backprop/manual";
import { num, stepLines } from "./explain_view.ts";

Deno.test("stepLines: every quantity of every section, in order, with its section", () => {
  const step = explainStep(resolveConfig({ preset: "seed" }), loadDataset("xor"));
  const lines = stepLines(step);
  assert.equal(lines.length, step.sections.reduce((n, s) => n + s.lines.length, 0));
  assert.equal(lines[0].section, "forward pass");
  assert.equal(lines[0].line.name, "X");
  assert.equal(lines.at(-1)!.section, "update (sgd)");
});

Deno.test("num: five significant digits, non-finite values as they are", () => {
  assert.equal(num(0.123456789), "0.12346");
  assert.equal(num(-1234567), "-1234600");
  assert.equal(num(1e-12), "1e-12");
  assert.equal(num(NaN), "NaN");
  assert.equal(num(-Infinity), "-Infinity");
});
