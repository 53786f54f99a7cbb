import assert from "node:assert/strict";
import { CONFIG_FIELDS } from "@backprop/core";
import { CONFIG_FLAGS, flagOf } from "./config_flags.ts";

Deno.test("CONFIG_FLAGS: one flag per config field, in CONFIG_FIELDS order", () => {
  assert.deepEqual(CONFIG_FLAGS.map((f) => f.field), [...CONFIG_FIELDS]);
  const names = CONFIG_FLAGS.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
});

Deno.test("flagOf: maps core field names to flags", () => {
  assert.equal(flagOf("learningRate"), "--lr");
  assert.equal(flagOf("outputActivation"), "--output-activation");
  assert.equal(flagOf("batchSize"), "--batch-size");
  assert.equal(flagOf("targetLoss"), "--target-loss");
  assert.equal(flagOf("useBias"), "--no-bias");
  assert.equal(flagOf("shuffle"), "--no-shuffle");
  assert.equal(flagOf("seed"), "--seed");
});
