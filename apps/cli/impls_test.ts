import assert from "node:assert/strict";
import { DEFAULT_IMPL, IMPLS, loadTrainer } from "./impls.ts";

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
