import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { asTrained, DEFAULT_IMPL, IMPLS, loadTrainer } from "./impls.ts";

Deno.test("IMPLS: lists manual, the default, reference and tfjs", () => {
  assert.deepEqual(Object.keys(IMPLS), ["manual", "reference", "tfjs"]);
  assert.ok(Object.hasOwn(IMPLS, DEFAULT_IMPL));
});

Deno.test("loadTrainer: loads a trainer of that name; rejects unknown names", async () => {
  const trainer = await loadTrainer("manual");
  assert.equal(trainer.name, "manual");
  assert.equal((await loadTrainer("reference")).name, "reference");
  await assert.rejects(() => loadTrainer("nope"), RangeError);
  await assert.rejects(() => loadTrainer("toString"), RangeError);
});

Deno.test("asTrained: tfjs trains in float32 whatever dtype says; manual as configured", () => {
  const f64 = resolveConfig({ dtype: "float64" });
  assert.equal(asTrained("tfjs", f64).dtype, "float32");
  assert.deepEqual(asTrained("tfjs", f64), { ...f64, dtype: "float32" });
  assert.equal(asTrained("manual", f64), f64);
  assert.equal(asTrained("manual", resolveConfig({ dtype: "float32" })).dtype, "float32");
});
