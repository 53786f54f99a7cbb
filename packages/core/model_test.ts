import assert from "node:assert/strict";
import { resolveConfig, type TrainConfig } from "./config.ts";
import {
  checkModelFits,
  cloneModel,
  initModel,
  MODEL_FORMAT,
  MODEL_VERSION,
  type ModelWeights,
  predict,
  predictFlat,
  validateModel,
} from "./model.ts";
import { loadDataset } from "./dataset.ts";
import { Mt19937 } from "./rng.ts";

interface GoldenCase {
  initialWeights: { W1: number[][]; W2: number[][] };
}

const original: GoldenCase = JSON.parse(
  Deno.readTextFileSync(new URL("../../testdata/seed/original.json", import.meta.url)),
);

function init(config: TrainConfig, inputs = 2, outputs = 1): ModelWeights {
  return initModel(resolveConfig(config), inputs, outputs);
}

/** `count` draws of U(lo, hi) from `rng`. */
function draws(rng: Mt19937, count: number, lo: number, hi: number): number[] {
  return Array.from({ length: count }, () => rng.uniform(lo, hi));
}

Deno.test("initModel(seed preset): exactly the original program's NumPy weights", () => {
  // Exact: the same MT19937 words and the same lo + (hi - lo)·u in float64.
  const model = init({ preset: "seed" });
  assert.equal(model.format, MODEL_FORMAT);
  assert.equal(model.version, MODEL_VERSION);
  assert.deepEqual(model.layerSizes, [2, 3, 1]);
  assert.equal(model.useBias, false);
  assert.deepEqual(model.layers[0].weights, original.initialWeights.W1.flat());
  assert.deepEqual(model.layers[1].weights, original.initialWeights.W2.flat());
  assert.deepEqual(model.layers[0].biases, [0, 0, 0]);
  assert.deepEqual(model.layers[1].biases, [0]);
  assert.deepEqual(
    model.layers.map((l) => [l.inputs, l.units, l.activation]),
    [[2, 3, "sigmoid"], [3, 1, "sigmoid"]],
  );
});

Deno.test("initModel(numpy + bias): same weights as without, biases drawn after every W", () => {
  const without = init({ preset: "seed" });
  const withBias = init({ preset: "seed", useBias: true });
  assert.equal(withBias.useBias, true);
  assert.deepEqual(withBias.layers.map((l) => l.weights), without.layers.map((l) => l.weights));
  // The documented order: all W (6 + 3 draws), then b1 (3 draws), then b2 (1 draw).
  const rng = new Mt19937(42);
  draws(rng, 9, -1, 1);
  assert.deepEqual(withBias.layers[0].biases, draws(rng, 3, -1, 1));
  assert.deepEqual(withBias.layers[1].biases, draws(rng, 1, -1, 1));
});

Deno.test("initModel(numpy), two hidden layers: every W from U(-1, 1) layer by layer", () => {
  const model = init({ init: "numpy", hidden: [3, 2], useBias: false, seed: 9 }, 4, 2);
  const rng = new Mt19937(9);
  assert.deepEqual(
    model.layers.map((l) => l.weights),
    [draws(rng, 12, -1, 1), draws(rng, 6, -1, 1), draws(rng, 4, -1, 1)],
  );
});

for (
  const [rule, limitOf] of [
    ["glorot-uniform", (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut))],
    ["he-uniform", (fanIn: number) => Math.sqrt(6 / fanIn)],
  ] as const
) {
  Deno.test(`initModel(${rule}): W from U(-l, l) with the documented l, biases 0`, () => {
    const model = init({ init: rule, hidden: [16, 3], useBias: true, seed: 5 }, 4, 2);
    assert.deepEqual(model.layerSizes, [4, 16, 3, 2]);
    const rng = new Mt19937(5);
    model.layers.forEach((layer, l) => {
      const limit = limitOf(layer.inputs, layer.units);
      // Exactly the documented draws, layer by layer, no draws for biases.
      assert.deepEqual(layer.weights, draws(rng, layer.inputs * layer.units, -limit, limit));
      assert.ok(layer.weights.every((w) => Math.abs(w) <= limit), `layer ${l} exceeds ${limit}`);
      // The draws use the range: with 48 or more weights the largest is well past l / 2
      // (for this fixed seed; a limit computed from the wrong fan would fail the line above
      // or this one).
      const largest = Math.max(...layer.weights.map(Math.abs));
      assert.ok(layer.weights.length < 48 || largest > limit / 2, `layer ${l}: ${largest}`);
      assert.ok(layer.biases.every((b) => b === 0));
      assert.equal(layer.biases.length, layer.units);
    });
  });
}

Deno.test("initModel(glorot vs he): the limits differ as documented", () => {
  // Same seed, so the same u; only the scale differs: l_he / l_glorot = √((in + out) / in).
  const glorot = init({ init: "glorot-uniform", hidden: [6], seed: 3 });
  const he = init({ init: "he-uniform", hidden: [6], seed: 3 });
  const ratio = Math.sqrt((2 + 6) / 2);
  glorot.layers[0].weights.forEach((w, i) => {
    // Two independently rounded products of the same u: a few ulps of |w| ≤ 1.8.
    assert.ok(Math.abs(he.layers[0].weights[i] - w * ratio) < 1e-15, `weight ${i}`);
  });
});

Deno.test("initModel(uniform:R): each layer's W then b from U(-R, R)", () => {
  const model = init({ init: "uniform:0.3", hidden: [5], useBias: true, seed: 77 }, 3, 2);
  const rng = new Mt19937(77);
  for (const layer of model.layers) {
    assert.deepEqual(layer.weights, draws(rng, layer.inputs * layer.units, -0.3, 0.3));
    assert.deepEqual(layer.biases, draws(rng, layer.units, -0.3, 0.3));
    for (const v of [...layer.weights, ...layer.biases]) {
      assert.ok(Math.abs(v) <= 0.3, `${v}`);
    }
    assert.ok(layer.biases.some((b) => b !== 0));
  }
});

Deno.test("initModel(uniform:R) without bias: biases 0 and no draws spent on them", () => {
  const model = init({ init: "uniform:2", hidden: [4], useBias: false, seed: 1 });
  const rng = new Mt19937(1);
  assert.deepEqual(model.layers[0].weights, draws(rng, 8, -2, 2));
  assert.deepEqual(model.layers[1].weights, draws(rng, 4, -2, 2));
  assert.ok(model.layers.every((l) => l.biases.every((b) => b === 0)));
});

Deno.test("initModel: layer activations, sizes and no hidden layer", () => {
  const model = init({ activation: "relu", hidden: [3, 4] }, 5, 2);
  assert.deepEqual(model.layerSizes, [5, 3, 4, 2]);
  assert.deepEqual(model.layers.map((l) => l.activation), ["relu", "relu", "sigmoid"]);
  const direct = init({ hidden: [], outputActivation: "linear", loss: "mse" }, 3, 1);
  assert.deepEqual(direct.layerSizes, [3, 1]);
  assert.equal(direct.layers.length, 1);
  assert.equal(direct.layers[0].activation, "linear");
  assert.equal(direct.layers[0].weights.length, 3);
});

Deno.test("initModel: the same seed gives the same model, another seed another", () => {
  for (const rule of ["numpy", "glorot-uniform", "he-uniform", "uniform:1"] as const) {
    const a = init({ init: rule, seed: 10 });
    const b = init({ init: rule, seed: 10 });
    const c = init({ init: rule, seed: 11 });
    assert.deepEqual(a, b, rule);
    assert.notDeepEqual(a.layers[0].weights, c.layers[0].weights, rule);
    assert.notDeepEqual(a.layers[1].weights, c.layers[1].weights, rule);
  }
});

Deno.test("cloneModel: a deep copy", () => {
  const a = init({});
  const b = cloneModel(a);
  assert.deepEqual(b, a);
  b.layers[0].weights[0] = 123;
  b.layers[0].biases[0] = 123;
  b.layerSizes[0] = 123;
  assert.notEqual(a.layers[0].weights[0], 123);
  assert.notEqual(a.layers[0].biases[0], 123);
  assert.equal(a.layerSizes[0], 2);
});

Deno.test("validateModel: accepts a JSON round-trip of every init rule", () => {
  for (const config of [{}, { preset: "seed" }, { init: "uniform:1", hidden: [3, 2] }] as const) {
    const model = init(config as TrainConfig);
    const parsed = JSON.parse(JSON.stringify(model));
    assert.deepEqual(validateModel(parsed), model);
  }
});

/** A JSON copy of a valid model, changed by `edit`. */
function edited(edit: (m: Record<string, unknown> & ModelWeights) => void): unknown {
  const m = JSON.parse(JSON.stringify(init({ hidden: [3] })));
  edit(m);
  return m;
}

// [what, edit, error kind, message start]
const INVALID: [
  string,
  (m: ModelWeights & Record<string, unknown>) => void,
  typeof Error,
  string,
][] = [
  ["wrong version", (m) => (m.version = 2 as 1), RangeError, "model.version: 2 "],
  ["no version", (m) => delete (m as Record<string, unknown>).version, RangeError, "model.version"],
  [
    "wrong format",
    (m) => (m.format = "other" as "backprop-model"),
    RangeError,
    'model.format: "other"',
  ],
  ["layerSizes too short", (m) => (m.layerSizes = [2]), TypeError, "model.layerSizes: [2]"],
  [
    "layerSizes not integers",
    (m) => (m.layerSizes[1] = 2.5),
    RangeError,
    "model.layerSizes[1]: 2.5",
  ],
  ["too few layers", (m) => m.layers.pop(), TypeError, "model.layers: "],
  ["layer inputs", (m) => (m.layers[1].inputs = 4), RangeError, "model.layers[1].inputs: 4"],
  ["layer units", (m) => (m.layers[0].units = 2), RangeError, "model.layers[0].units: 2"],
  [
    "unknown activation",
    (m) => (m.layers[0].activation = "gelu" as "relu"),
    RangeError,
    'model.layers[0].activation: "gelu"',
  ],
  [
    "short weights",
    (m) => m.layers[0].weights.pop(),
    RangeError,
    "model.layers[0].weights.length: 5",
  ],
  [
    "long biases",
    (m) => m.layers[1].biases.push(0),
    RangeError,
    "model.layers[1].biases.length: 2",
  ],
  [
    "weights not an array",
    (m) => (m.layers[1].weights = {} as number[]),
    TypeError,
    "model.layers[1].weights: {}",
  ],
  [
    "non-finite weight",
    (m) => (m.layers[1].weights[2] = Infinity),
    TypeError,
    "model.layers[1].weights[2]: Infinity",
  ],
  ["NaN bias", (m) => (m.layers[0].biases[1] = NaN), TypeError, "model.layers[0].biases[1]: NaN"],
  [
    "string weight",
    (m) => (m.layers[0].weights[0] = "1" as unknown as number),
    TypeError,
    'model.layers[0].weights[0]: "1"',
  ],
  [
    "useBias missing",
    (m) => delete (m as Record<string, unknown>).useBias,
    TypeError,
    "model.useBias",
  ],
  [
    "bias with useBias false",
    (m) => {
      m.useBias = false;
      m.layers[0].biases[0] = 0.5;
    },
    RangeError,
    "model.layers[0].biases: [0.5,0,0]",
  ],
];

for (const [what, edit, Kind, start] of INVALID) {
  Deno.test(`validateModel: rejects ${what} with a message naming the path`, () => {
    assert.throws(
      () => validateModel(edited(edit)),
      (e: unknown) => {
        assert.ok(e instanceof Kind, `expected ${Kind.name}, got ${e}`);
        assert.ok(e.message.startsWith(start), `"${e.message}" should start with "${start}"`);
        return true;
      },
    );
  });
}

Deno.test("validateModel: a JSON number too large for float64 is reported as Infinity", () => {
  const text = JSON.stringify(init({ hidden: [3] })).replace(
    /"weights":\[[^,\]]+/,
    '"weights":[1e999',
  );
  assert.throws(
    () => validateModel(JSON.parse(text)),
    /^TypeError: model\.layers\[0\]\.weights\[0\]: Infinity /,
  );
});

Deno.test("validateModel: rejects values that are not models", () => {
  for (const value of [null, [], "model", 3]) {
    assert.throws(() => validateModel(value), TypeError, JSON.stringify(value));
  }
  assert.throws(
    () =>
      validateModel(edited((m) => (m.layers[0] = null as unknown as ModelWeights["layers"][0]))),
    /^TypeError: model\.layers\[0\]: null/,
  );
});

// A hand-made 2-2-1 network; weights[i * units + j] joins input i to unit j.
function tiny(hidden: "relu" | "leaky-relu", output: "sigmoid" | "linear"): ModelWeights {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: [2, 2, 1],
    useBias: true,
    layers: [
      // W1 = [[1, -1], [0.5, 0.25]], b1 = [0, 0.5]
      { inputs: 2, units: 2, activation: hidden, weights: [1, -1, 0.5, 0.25], biases: [0, 0.5] },
      // W2 = [[0.5], [3]], b2 = [-1]
      { inputs: 2, units: 1, activation: output, weights: [0.5, 3], biases: [-1] },
    ],
  };
}

const ROWS = [[1, 2], [0, 0], [-1, 0], [2, -4]];
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// Worked by hand, row by row (z1 = x·W1 + b1, then z2 = a1·W2 + b2):
//   (1, 2):  z1 = [2, 0]       a1 = [2, 0]           z2 = 0
//   (0, 0):  z1 = [0, 0.5]     a1 = [0, 0.5]         z2 = 0.5
//   (-1, 0): z1 = [-1, 1.5]    relu [0, 1.5]         z2 = 3.5
//                              leaky [-0.01, 1.5]    z2 = 3.495
//   (2, -4): z1 = [0, -2.5]    relu [0, 0]           z2 = -1
//                              leaky [0, -0.025]     z2 = -1.075
// Tolerance 2e-15: every value is below 4 in magnitude (an ulp is at most 4.4e-16), and the
// network's sums round in a different order than these literals, by a few ulps at most.
const TOLERANCE = 2e-15;

function assertClose(actual: number[][], expected: number[][]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, r) => {
    assert.equal(row.length, expected[r].length);
    row.forEach((v, j) => {
      assert.ok(
        Math.abs(v - expected[r][j]) <= TOLERANCE,
        `[${r}][${j}]: ${v} vs ${expected[r][j]}`,
      );
    });
  });
}

Deno.test("predict: relu hidden, sigmoid output, worked by hand", () => {
  assertClose(predict(tiny("relu", "sigmoid"), ROWS), [
    [0.5],
    [sigmoid(0.5)],
    [sigmoid(3.5)],
    [sigmoid(-1)],
  ]);
});

Deno.test("predict: leaky-relu hidden, linear output, worked by hand", () => {
  assertClose(predict(tiny("leaky-relu", "linear"), ROWS), [[0], [0.5], [3.495], [-1.075]]);
});

Deno.test("predict: tanh then sigmoid, no bias", () => {
  const model: ModelWeights = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: [1, 1, 1],
    useBias: false,
    layers: [
      { inputs: 1, units: 1, activation: "tanh", weights: [2], biases: [0] },
      { inputs: 1, units: 1, activation: "sigmoid", weights: [-3], biases: [0] },
    ],
  };
  assertClose(predict(model, [[0.5], [-1]]), [
    [sigmoid(-3 * Math.tanh(1))],
    [sigmoid(-3 * Math.tanh(-2))],
  ]);
});

Deno.test("predictFlat: the same numbers as predict, flat and row-major", () => {
  const model = init({ hidden: [3, 2], init: "uniform:1" }, 2, 2);
  const flat = predictFlat(model, Float64Array.from(ROWS.flat()), ROWS.length);
  assert.equal(flat.length, ROWS.length * 2);
  // Both run the same loop, so they agree exactly.
  assert.deepEqual(Array.from(flat), predict(model, ROWS).flat());
});

Deno.test("predict/predictFlat: inputs of the wrong width are a RangeError", () => {
  const model = tiny("relu", "sigmoid");
  assert.throws(() => predict(model, [[1, 2], [1, 2, 3]]), /^RangeError: inputs\[1\]: 3 values/);
  assert.throws(() => predictFlat(model, new Float64Array(5), 3), /^RangeError: inputs: 5 values/);
  assert.deepEqual(predict(model, []), []);
});

Deno.test("checkModelFits: names what differs", () => {
  const xor = loadDataset("xor");
  const config = resolveConfig();
  assert.throws(
    () => checkModelFits(config, xor, initModel(resolveConfig({ hidden: [2] }), 2, 1)),
    /layer sizes \[2,2,1\]/,
  );
  assert.throws(
    () => checkModelFits(config, xor, initModel(resolveConfig({ activation: "relu" }), 2, 1)),
    /activation relu/,
  );
  assert.throws(
    () => checkModelFits(config, xor, initModel(resolveConfig({ useBias: false }), 2, 1)),
    /useBias false/,
  );
  checkModelFits(config, xor, initModel(config, 2, 1));
});

// ------------------------------------------------------------------ shortcut (W_s)

Deno.test("initModel(shortcut): W_s drawn after everything else, for every init rule", () => {
  const rules = ["uniform:0.3", "glorot-uniform", "he-uniform", "numpy"] as const;
  for (const init of rules) {
    for (const useBias of [false, true]) {
      const config = { init, useBias, hidden: [4, 3], seed: 7 };
      const without = initModel(resolveConfig(config), 3, 2);
      const withShortcut = initModel(resolveConfig({ ...config, shortcut: true }), 3, 2);
      assert.equal(without.shortcut, undefined, `${init}: no shortcut field without the flag`);
      assert.ok(!("shortcut" in without), `${init}: the key itself is absent`);
      // Every other number unchanged: the seed golden files and saved models stay valid.
      assert.deepEqual(withShortcut.layers, without.layers, `${init} bias=${useBias}`);
      // W_s: the next 3 × 2 draws of the same generator, from W_s's own fan-in/fan-out.
      const rng = new Mt19937(7);
      const spent = without.layers.reduce(
        (n, l) =>
          n + l.weights.length +
          (useBias && (init === "uniform:0.3" || init === "numpy") ? l.units : 0),
        0,
      );
      draws(rng, spent, -1, 1);
      const limit = init === "uniform:0.3"
        ? 0.3
        : init === "glorot-uniform"
        ? Math.sqrt(6 / (3 + 2))
        : init === "he-uniform"
        ? Math.sqrt(6 / 3)
        : 1;
      assert.deepEqual(withShortcut.shortcut, draws(rng, 6, -limit, limit), init);
    }
  }
});

Deno.test("shortcut models: JSON round trip, clone and validation", () => {
  const model = init({ hidden: [1], shortcut: true, init: "uniform:0.5" });
  assert.equal(model.shortcut?.length, 2);
  const back = validateModel(JSON.parse(JSON.stringify(model)));
  assert.deepEqual(back, model);
  const copy = cloneModel(model);
  assert.deepEqual(copy, model);
  assert.notEqual(copy.shortcut, model.shortcut);
  assert.ok(!("shortcut" in cloneModel(init({}))), "no shortcut key appears on a clone");
});

Deno.test("validateModel: a wrong-sized or malformed shortcut names model.shortcut", () => {
  const base = init({ hidden: [2], shortcut: true }, 3, 2);
  const cases: [unknown, new (...a: never[]) => Error, RegExp][] = [
    [[1, 2, 3], RangeError, /^model\.shortcut\.length: 3 is not allowed; expected 6/],
    [new Array(7).fill(0), RangeError, /^model\.shortcut\.length: 7 /],
    [[], RangeError, /^model\.shortcut\.length: 0 /],
    [null, TypeError, /^model\.shortcut: null is not allowed; expected an array of 3 × 2/],
    [{ weights: [] }, TypeError, /^model\.shortcut: /],
    [[0, 0, 0, 0, 0, NaN], TypeError, /^model\.shortcut\[5\]: NaN/],
    [[0, 0, "1", 0, 0, 0], TypeError, /^model\.shortcut\[2\]: "1"/],
  ];
  for (const [shortcut, Kind, message] of cases) {
    assert.throws(
      () => validateModel({ ...base, shortcut }),
      (e: unknown) => {
        assert.ok(e instanceof Kind, `${JSON.stringify(shortcut)}: got ${e}`);
        assert.match(e.message, message);
        return true;
      },
    );
  }
});

Deno.test("predictFlat with a shortcut: z_out = (h·W_out + x·W_s) + b_out, by hand", () => {
  // 2-1-1: h = σ(x·W1 + b1); o = σ(h·W2 + x·W_s + b2).
  const model: ModelWeights = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    layerSizes: [2, 1, 1],
    useBias: true,
    layers: [
      { inputs: 2, units: 1, activation: "sigmoid", weights: [6, 6], biases: [-9] },
      { inputs: 1, units: 1, activation: "sigmoid", weights: [-12], biases: [-3] },
    ],
    shortcut: [7, 7],
  };
  const s = (z: number) => 1 / (1 + Math.exp(-z));
  const rows = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const expected = rows.map(([a, b]) => {
    const h = s(6 * a + 6 * b - 9);
    return [s((h * -12 + (a * 7 + b * 7)) + -3)];
  });
  assert.deepEqual(predict(model, rows), expected);
  // XOR, solved by the direct connections with one hidden unit.
  assert.deepEqual(predict(model, rows).map(([o]) => Math.round(o)), [0, 1, 1, 0]);
  // No hidden layer: the shortcut simply adds to the one layer's product.
  const flat: ModelWeights = { ...model, layerSizes: [2, 1], layers: [model.layers[1]] };
  flat.layers = [{ ...model.layers[1], inputs: 2, weights: [1, 2] }];
  assert.deepEqual(predict(flat, [[1, 1]]), [[s((1 + 2 + (7 + 7)) - 3)]]);
});

Deno.test("checkModelFits: the shortcut must match the config, and be inputs × outputs", () => {
  const xor = loadDataset("xor");
  const plain = resolveConfig();
  const withShortcut = resolveConfig({ shortcut: true });
  assert.throws(
    () => checkModelFits(plain, xor, initModel(withShortcut, 2, 1)),
    /^RangeError: initialModel: a model with shortcut weights is not allowed; the config has shortcut false/,
  );
  assert.throws(
    () => checkModelFits(withShortcut, xor, initModel(plain, 2, 1)),
    /a model without shortcut weights is not allowed; the config has shortcut true/,
  );
  const short = { ...initModel(withShortcut, 2, 1), shortcut: [1] };
  assert.throws(
    () => checkModelFits(withShortcut, xor, short),
    /initialModel: 1 shortcut weights are not allowed; the config and dataset xor need 2/,
  );
  checkModelFits(withShortcut, xor, initModel(withShortcut, 2, 1));
});
