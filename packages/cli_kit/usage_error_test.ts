import assert from "node:assert/strict";
import { effectiveBatchSize, resolveConfig } from "@backprop/core";
import { configErrorField, errorMessage, UsageError, usageExit } from "./usage_error.ts";

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

Deno.test("usageExit: prints a UsageError on one line and gives 2; throws anything else", () => {
  const printed: string[] = [];
  const error = console.error;
  console.error = (...parts: unknown[]) => printed.push(parts.join(" "));
  try {
    assert.equal(usageExit("bench", new UsageError("--seeds: 0 is not\nallowed")), 2);
    assert.deepEqual(printed, ["bench: --seeds: 0 is not allowed"]);
    const bug = new TypeError("a bug");
    assert.throws(() => usageExit("bench", bug), (err) => err === bug);
  } finally {
    console.error = error;
  }
});
