import assert from "node:assert/strict";
import { effectiveBatchSize, resolveConfig } from "@backprop/core";
import { configErrorField, errorMessage, UsageError } from "./usage_error.ts";

Deno.test("UsageError: is an Error named UsageError", () => {
  const err = new UsageError("--lr: -1 is not allowed");
  assert.ok(err instanceof Error);
  assert.equal(err.name, "UsageError");
});

Deno.test("configErrorField: reads the field of core's config errors", () => {
  assert.throws(() => resolveConfig({ learningRate: -1 }), (err) => {
    return configErrorField(err) === "learningRate";
  });
  assert.throws(() => effectiveBatchSize(resolveConfig({ batchSize: 9 }), 4), (err) => {
    return configErrorField(err) === "batchSize";
  });
  assert.equal(configErrorField(new Error("x", { cause: { field: "seed" } })), undefined);
  assert.equal(configErrorField(new RangeError("x")), undefined);
  assert.equal(configErrorField("text"), undefined);
});

Deno.test("errorMessage: one line from anything thrown", () => {
  assert.equal(errorMessage(new Error("a\n  b")), "a b");
  assert.equal(errorMessage("plain"), "plain");
});
