import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { decodeHash, encodeHash } from "./config_hash.ts";

Deno.test("encodeHash → decodeHash → resolveConfig gives back the same config", () => {
  const config = resolveConfig({
    dataset: "spiral",
    hidden: [8, 8],
    learningRate: 0.1 + 0.2, // not a short decimal: String() must still round-trip it
    batchSize: 32,
    useBias: false,
    seed: 7,
  });
  const hash = encodeHash(config, "wasm", true);
  const back = decodeHash(hash);
  assert.deepEqual(resolveConfig(back.config), config);
  assert.equal(back.backend, "wasm");
  assert.equal(back.run, true);
  assert.equal(decodeHash(encodeHash(config, "cpu", false)).run, false);
});

Deno.test("decodeHash: fields left out stay out; an empty hash is the defaults", () => {
  assert.deepEqual(decodeHash(""), { config: {}, backend: "cpu", run: false });
  assert.deepEqual(decodeHash("#dataset=circle&batchSize=full").config, {
    dataset: "circle",
    batchSize: "full",
  });
});

Deno.test("decodeHash: a bad key or value is a RangeError naming it", () => {
  assert.throws(
    () => decodeHash("#lr=0.1"),
    /^RangeError: lr: "0.1" is not allowed; expected a config field, backend or run$/,
  );
  assert.throws(() => decodeHash("#seed=abc"), /seed: "abc" is not allowed; expected a number/);
  assert.throws(() => decodeHash("#backend=webgl"), /backend: "webgl" is not allowed/);
  assert.throws(() => decodeHash("#useBias=yes"), /useBias: "yes" .*true or false/);
  assert.throws(() => decodeHash("#run=2"), /run: "2"/);
});
