// Core's TF.js Layers conversion (`toLayersModel`, `fromLayersModel`) checked against
// TF.js itself: files we write load with `tf.loadLayersModel` and predict what we
// predict; files TF.js saves read back into the same network.

import assert from "node:assert/strict";
import type * as TF from "@tensorflow/tfjs";
import {
  fromLayersModel,
  layersWeightPaths,
  loadDataset,
  type ModelWeights,
  predictFlat,
  resolveConfig,
  toLayersModel,
  type TrainConfig,
} from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { loadBackend } from "./backend.ts";

/**
 * Outputs of the same network in float64 (ours) and float32 (TF.js, weights rounded to
 * float32) differ by float32 rounding: each weight's 6e-8 relative rounding and each
 * product's and sum's, over at most 3 layers of ≤ 8 terms. 1e-6 · max(1, |o|) is ~8 ulps
 * of float32 (measured: at most 1.05e-7), far below any real difference (a wrong weight,
 * a wrong activation or a transposed kernel moves outputs by 1e-2 or more).
 */
const TOLERANCE = 1e-6;

function close(a: ArrayLike<number>, b: ArrayLike<number>, label: string): number {
  assert.equal(a.length, b.length, label);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    worst = Math.max(worst, d);
  }
  assert.ok(worst <= TOLERANCE, `${label}: max relative |Δ| ${worst} > ${TOLERANCE}`);
  return worst;
}

/** Rows of a grid over [-1.5, 1.5]^n (n inputs), to predict on. */
function grid(n: number): number[][] {
  const rows: number[][] = [];
  for (let k = 0; k < 25; k++) {
    rows.push(Array.from({ length: n }, (_, i) => ((k * (i + 3)) % 7) / 2 - 1.5));
  }
  return rows;
}

/** Writes a model.json and its weight files into a new temporary directory. */
async function writeDir(json: unknown, files: Record<string, Uint8Array>): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "backprop_layers_" });
  await Deno.writeTextFile(`${dir}/model.json`, JSON.stringify(json));
  for (const [name, bytes] of Object.entries(files)) await Deno.writeFile(`${dir}/${name}`, bytes);
  return dir;
}

/** Reads a model.json directory as a program without TF.js does: JSON, then the listed files. */
async function readDir(dir: string): Promise<ModelWeights> {
  const json = JSON.parse(await Deno.readTextFile(`${dir}/model.json`));
  const parts = await Promise.all(layersWeightPaths(json).map((p) => Deno.readFile(`${dir}/${p}`)));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) bytes.set(p, (at += p.length) - p.length);
  return fromLayersModel(json, bytes);
}

/** Loads a model.json through TF.js's own HTTP loader (Deno's fetch reads file: URLs). */
function tfLoad(tf: typeof TF, dir: string): Promise<TF.LayersModel> {
  return tf.loadLayersModel(tf.io.http(`file://${dir}/model.json`, { fetchFunc: fetch }));
}

function tfPredict(tf: typeof TF, model: TF.LayersModel, rows: number[][]): Float32Array {
  return tf.tidy(() => (model.predict(tf.tensor2d(rows)) as TF.Tensor).dataSync() as Float32Array);
}

const CASES: [string, TrainConfig][] = [
  ["default (tanh, bias)", {}],
  ["seed preset (sigmoid, no bias)", { preset: "seed", epochs: 200 }],
  ["relu, two hidden layers", { activation: "relu", init: "he-uniform", hidden: [5, 4] }],
  ["leaky-relu", { activation: "leaky-relu", hidden: [6] }],
  ["linear output, mse", { outputActivation: "linear", loss: "mse", activation: "tanh" }],
  ["shortcut", { shortcut: true, hidden: [3], activation: "sigmoid" }],
  ["shortcut, no hidden layer", { shortcut: true, hidden: [] }],
  ["shortcut, leaky-relu, no bias", { shortcut: true, activation: "leaky-relu", useBias: false }],
];

Deno.test("toLayersModel: tf.loadLayersModel loads every kind of our network and predicts what we predict", async () => {
  const tf = await loadBackend("cpu");
  const xor = loadDataset("xor");
  for (const [label, fields] of CASES) {
    const config = resolveConfig({ epochs: 50, targetLoss: 0, ...fields });
    const model = trainManual(config, xor).model;
    const { json, weights } = toLayersModel(model);
    const dir = await writeDir(json, { "weights.bin": weights });
    try {
      const loaded = await tfLoad(tf, dir);
      const kinds = loaded.layers.map((l) => l.getClassName());
      assert.ok(
        kinds.every((k) => ["InputLayer", "Dense", "LeakyReLU", "Concatenate"].includes(k)),
        `${label}: ${kinds}`,
      );
      const rows = grid(2);
      const ours = predictFlat(model, Float64Array.from(rows.flat()), rows.length);
      close(tfPredict(tf, loaded, rows), ours, label);
      // And back: our reader gives the float32-rounded weights exactly.
      const back = await readDir(dir);
      assert.deepEqual(
        back.layers.map((l) => l.weights),
        model.layers.map((l) => l.weights.map(Math.fround)),
        label,
      );
      assert.deepEqual(back.shortcut, model.shortcut?.map(Math.fround), label);
      assert.deepEqual(back.layers.map((l) => l.activation), model.layers.map((l) => l.activation));
      loaded.dispose();
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }
});

/** Saves a TF.js model as TF.js's browser and file savers do: model.json + a weights file. */
async function tfSave(tf: typeof TF, model: TF.LayersModel): Promise<string> {
  let dir = "";
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    const { weightData, weightSpecs, ...rest } = artifacts;
    const bytes = new Uint8Array(weightData as ArrayBuffer);
    dir = await writeDir(
      {
        modelTopology: rest.modelTopology,
        format: rest.format,
        generatedBy: rest.generatedBy,
        convertedBy: rest.convertedBy,
        weightsManifest: [{ paths: ["./model.weights.bin"], weights: weightSpecs }],
      },
      { "model.weights.bin": bytes },
    );
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  return dir;
}

Deno.test("fromLayersModel: models that TF.js itself saved read back and predict as TF.js does", async () => {
  const tf = await loadBackend("cpu");
  const built: [string, () => TF.LayersModel][] = [
    ["sequential tanh/sigmoid", () => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ units: 4, inputShape: [3], activation: "tanh" }));
      m.add(tf.layers.dense({ units: 2, activation: "sigmoid" }));
      return m;
    }],
    ["sequential relu + leakyReLU, no bias", () => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ units: 5, inputShape: [3], activation: "relu", useBias: false }));
      m.add(tf.layers.dense({ units: 4, useBias: false }));
      m.add(tf.layers.leakyReLU({ alpha: 0.01 }));
      m.add(tf.layers.dense({ units: 1, useBias: false }));
      return m;
    }],
    ["functional shortcut", () => {
      const input = tf.input({ shape: [3] });
      const h = tf.layers.dense({ units: 4, activation: "sigmoid" }).apply(input);
      const joined = tf.layers.concatenate().apply([h as TF.SymbolicTensor, input]);
      const out = tf.layers.dense({ units: 1, activation: "sigmoid" }).apply(joined);
      return tf.model({ inputs: input, outputs: out as TF.SymbolicTensor });
    }],
    ["functional shortcut, input first", () => {
      const input = tf.input({ shape: [3] });
      const h = tf.layers.dense({ units: 2, activation: "tanh" }).apply(input);
      const joined = tf.layers.concatenate().apply([input, h as TF.SymbolicTensor]);
      const out = tf.layers.dense({ units: 2 }).apply(joined);
      return tf.model({ inputs: input, outputs: out as TF.SymbolicTensor });
    }],
  ];
  for (const [label, build] of built) {
    const model = build();
    const dir = await tfSave(tf, model);
    try {
      const ours = await readDir(dir);
      const rows = grid(3);
      close(
        predictFlat(ours, Float64Array.from(rows.flat()), rows.length),
        tfPredict(tf, model, rows),
        label,
      );
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  }
});

Deno.test("fromLayersModel: any layer but Dense is one line naming it", async () => {
  const tf = await loadBackend("cpu");
  const cases: [() => TF.LayersModel, RegExp][] = [
    [
      () => {
        const m = tf.sequential();
        m.add(tf.layers.dense({ units: 4, inputShape: [2], activation: "tanh" }));
        m.add(tf.layers.dropout({ rate: 0.5 }));
        m.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
        return m;
      },
      /^model\.json: layer dropout_Dropout\d+ \(Dropout\) is not supported; only Dense layers are read$/,
    ],
    [
      () => {
        const m = tf.sequential();
        m.add(tf.layers.dense({ units: 4, inputShape: [2], activation: "softmax" }));
        m.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
        return m;
      },
      /^model\.json: layer dense_Dense\d+: activation softmax is not supported in a hidden layer; expected sigmoid, tanh, relu, leaky-relu$/,
    ],
    [
      () => {
        const m = tf.sequential();
        m.add(tf.layers.dense({ units: 4, inputShape: [2] }));
        m.add(tf.layers.leakyReLU({ alpha: 0.2 }));
        m.add(tf.layers.dense({ units: 1 }));
        return m;
      },
      /^model\.json: layer leaky_re_lu_LeakyReLU\d+: LeakyReLU alpha 0\.2 is not supported; expected 0\.01$/,
    ],
  ];
  for (const [build, message] of cases) {
    const model = build();
    const dir = await tfSave(tf, model);
    try {
      await assert.rejects(() => readDir(dir), (err: unknown) => {
        assert.ok(err instanceof RangeError);
        assert.match(err.message, message);
        assert.ok(!err.message.includes("\n"));
        return true;
      });
    } finally {
      model.dispose();
      await Deno.remove(dir, { recursive: true });
    }
  }
});
