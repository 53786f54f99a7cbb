import assert from "node:assert/strict";
import {
  fromLayersModel,
  isLayersModelJson,
  layersWeightPaths,
  toLayersModel,
} from "./layers_model.ts";
import { initModel } from "./model.ts";
import { resolveConfig, type TrainConfig } from "./config.ts";

function model(fields: TrainConfig = {}) {
  return initModel(resolveConfig(fields), 3, 2);
}

Deno.test("toLayersModel/fromLayersModel: a round trip gives the weights rounded to float32", () => {
  for (
    const fields of [
      {},
      { useBias: false, activation: "sigmoid" },
      { activation: "leaky-relu", hidden: [4, 3] },
      { shortcut: true },
      { shortcut: true, hidden: [] },
    ] as TrainConfig[]
  ) {
    const m = model(fields);
    const { json, weights } = toLayersModel(m);
    const back = fromLayersModel(JSON.parse(JSON.stringify(json)), weights);
    assert.deepEqual(back.layerSizes, m.layerSizes);
    assert.equal(back.useBias, m.useBias);
    assert.deepEqual(back.layers.map((l) => l.activation), m.layers.map((l) => l.activation));
    assert.deepEqual(
      back.layers.map((l) => l.weights),
      m.layers.map((l) => l.weights.map(Math.fround)),
    );
    assert.deepEqual(
      back.layers.map((l) => l.biases),
      m.layers.map((l) => l.biases.map(Math.fround)),
    );
    assert.deepEqual(back.shortcut, m.shortcut?.map(Math.fround));
  }
});

Deno.test("toLayersModel: the JSON TF.js expects, a Sequential or a functional Model", () => {
  const plain = toLayersModel(model()).json;
  assert.equal(plain.format, "layers-model");
  assert.equal(plain.modelTopology.class_name, "Sequential");
  assert.deepEqual(plain.weightsManifest[0].paths, ["./weights.bin"]);
  assert.deepEqual(
    plain.weightsManifest[0].weights.map((w) => `${w.name} ${w.shape}`),
    ["dense_1/kernel 3,8", "dense_1/bias 8", "dense_2/kernel 8,2", "dense_2/bias 2"],
  );
  const short = toLayersModel(model({ shortcut: true })).json;
  assert.equal(short.modelTopology.class_name, "Model");
  // The output kernel holds W_out's 8 rows, then W_s's 3.
  assert.deepEqual(short.weightsManifest[0].weights[2].shape, [11, 2]);
  assert.ok(isLayersModelJson(plain));
  assert.ok(!isLayersModelJson(model()));
  assert.deepEqual(layersWeightPaths(plain), ["./weights.bin"]);
});

Deno.test("fromLayersModel: a wrong file is one line starting model.json:", () => {
  const { json, weights } = toLayersModel(model());
  const cases: [unknown, Uint8Array, RegExp][] = [
    [
      json,
      weights.subarray(4),
      /^model\.json: the weight files hold 196 bytes; the manifest needs more$/,
    ],
    [
      json,
      new Uint8Array(204),
      /^model\.json: the weight files hold 204 bytes; the manifest describes 200$/,
    ],
    [
      { ...json, format: "graph-model" },
      weights,
      /^model\.json: format "graph-model" is not supported/,
    ],
    [
      { ...json, modelTopology: { class_name: "Foo", config: {} } },
      weights,
      /^model\.json: model class "Foo" is not supported; expected Sequential or Model$/,
    ],
  ];
  for (const [j, w, message] of cases) {
    assert.throws(() => fromLayersModel(j, w), (err: unknown) => {
      assert.ok(err instanceof RangeError || err instanceof TypeError);
      assert.match(err.message, message);
      return true;
    });
  }
});
