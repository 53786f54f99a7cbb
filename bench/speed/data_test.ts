import assert from "node:assert/strict";
import { teacherDataset } from "./data.ts";

Deno.test("teacherDataset: seeded, inputs in [−1, 1], binary targets of both classes", () => {
  const d = teacherDataset(256, 8, 7);
  assert.equal(d.rows, 256);
  assert.equal(d.inputs.length, 256 * 8);
  assert.ok(d.inputs.every((x) => x >= -1 && x <= 1));
  assert.ok(d.targets.every((y) => y === 0 || y === 1));
  const ones = d.targets.reduce((n, y) => n + y, 0);
  assert.ok(ones > 0 && ones < 256, `${ones} of 256 rows in class 1`);
  assert.deepEqual(teacherDataset(256, 8, 7), d, "the same seed, the same data");
  assert.notDeepEqual(teacherDataset(256, 8, 8).inputs, d.inputs);
  assert.throws(() => teacherDataset(0, 8, 7), RangeError);
});
