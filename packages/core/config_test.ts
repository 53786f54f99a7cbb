import assert from "node:assert/strict";
import {
  CHOICES,
  CONFIG_FIELDS,
  effectiveBatchSize,
  parseInit,
  PRESETS,
  resolveConfig,
  type TrainConfig,
} from "./config.ts";
import { LIMITS } from "./limits.ts";

// The defaults as TrainConfig documents them: each field's `@default {…}` tag in
// config.ts, read from the source. PRESETS.default is what the code uses; comparing the
// two catches the documentation drifting from the code.
function documentedDefaults(): Record<string, unknown> {
  const source = Deno.readTextFileSync(new URL("./config.ts", import.meta.url));
  const body = source.slice(source.indexOf("export interface TrainConfig"));
  const defaults: Record<string, unknown> = {};
  for (const m of body.matchAll(/@default \{(.+)\}\s*\*\/\s*(\w+)\?:/g)) {
    defaults[m[2]] = JSON.parse(m[1]);
  }
  return defaults;
}

const DOCUMENTED_DEFAULTS = documentedDefaults();

Deno.test("resolveConfig(): every field takes its documented default", () => {
  assert.deepEqual(Object.keys(DOCUMENTED_DEFAULTS), [...CONFIG_FIELDS]);
  assert.deepEqual(PRESETS.default, DOCUMENTED_DEFAULTS);
  assert.deepEqual(resolveConfig(), DOCUMENTED_DEFAULTS);
  assert.deepEqual(resolveConfig({}), DOCUMENTED_DEFAULTS);
  assert.deepEqual(resolveConfig({ preset: "default" }), DOCUMENTED_DEFAULTS);
});

Deno.test("the default preset's fixed choices", () => {
  // The choices the rest of the project relies on (hidden size and rates are tuned
  // by measurement and checked against the documentation above instead).
  const d = PRESETS.default;
  assert.equal(d.preset, "default");
  assert.equal(d.dataset, "xor");
  assert.equal(d.outputActivation, "sigmoid");
  assert.equal(d.loss, "bce");
  assert.equal(d.batchSize, "full");
  assert.equal(d.seed, 42);
  assert.equal(d.useBias, true);
  assert.equal(d.dtype, "float64");
});

Deno.test("CONFIG_FIELDS lists every field of the presets", () => {
  assert.deepEqual([...CONFIG_FIELDS], Object.keys(PRESETS.default));
  assert.deepEqual(Object.keys(PRESETS.seed).sort(), [...CONFIG_FIELDS].sort());
});

Deno.test("PRESETS.seed is the original program", () => {
  const seed = PRESETS.seed;
  assert.deepEqual(
    {
      hidden: seed.hidden,
      activation: seed.activation,
      outputActivation: seed.outputActivation,
      loss: seed.loss,
      optimizer: seed.optimizer,
      learningRate: seed.learningRate,
      epochs: seed.epochs,
      batchSize: seed.batchSize,
      seed: seed.seed,
      init: seed.init,
      useBias: seed.useBias,
      targetLoss: seed.targetLoss,
      dataset: seed.dataset,
      dtype: seed.dtype,
    },
    {
      hidden: [3],
      activation: "sigmoid",
      outputActivation: "sigmoid",
      loss: "sse",
      optimizer: "sgd",
      learningRate: 0.5,
      epochs: 10000,
      batchSize: "full",
      seed: 42,
      init: "numpy",
      useBias: false,
      targetLoss: 0,
      dataset: "xor",
      dtype: "float64",
    },
  );
  assert.deepEqual(resolveConfig({ preset: "seed" }), PRESETS.seed);
});

// One non-default, valid setting per field. Some need a companion field to be valid
// (a linear output needs a loss other than bce), so each entry is a partial config.
const SETTINGS: Record<keyof TrainConfig, TrainConfig> = {
  preset: { preset: "seed" },
  dataset: { dataset: "parity:3" },
  samples: { samples: 500 },
  noise: { noise: 0.25 },
  testSplit: { testSplit: 0.2 },
  hidden: { hidden: [8, 2] },
  activation: { activation: "relu" },
  outputActivation: { outputActivation: "linear", loss: "mse" },
  loss: { loss: "sse" },
  optimizer: { optimizer: "momentum" },
  learningRate: { learningRate: 0.125 },
  momentum: { momentum: 0 },
  beta1: { beta1: 0.5 },
  beta2: { beta2: 0.99 },
  epsilon: { epsilon: 1e-7 },
  epochs: { epochs: 17 },
  batchSize: { batchSize: 3 },
  shuffle: { shuffle: false },
  seed: { seed: 4294967295 },
  init: { init: "uniform:0.25" },
  useBias: { useBias: false },
  shortcut: { shortcut: true },
  targetLoss: { targetLoss: 0 },
  patience: { patience: 20, testSplit: 0.2 },
  l2: { l2: 0.001 },
  standardize: { standardize: true },
  dtype: { dtype: "float32" },
};

Deno.test("every field has a setting under test", () => {
  assert.deepEqual(Object.keys(SETTINGS).sort(), [...CONFIG_FIELDS].sort());
});

for (const [field, setting] of Object.entries(SETTINGS)) {
  Deno.test(`resolveConfig: ${field} can be set and reaches the resolved config`, () => {
    const resolved = resolveConfig(setting);
    // The base for the untouched fields is the preset: default, unless preset is set.
    const base = field === "preset" ? PRESETS.seed : PRESETS.default;
    assert.deepEqual(resolved, { ...base, ...setting });
    assert.notDeepEqual(
      (resolved as Record<string, unknown>)[field],
      (PRESETS.default as Record<string, unknown>)[field],
      "the setting must differ from the default to show it took effect",
    );
  });
}

Deno.test("resolveConfig: other valid values are accepted", () => {
  assert.deepEqual(resolveConfig({ hidden: [] }).hidden, []);
  const widest = new Array(LIMITS.hiddenLayers).fill(LIMITS.units);
  assert.deepEqual(resolveConfig({ hidden: widest }).hidden, widest);
  assert.equal(resolveConfig({ epochs: 1 }).epochs, 1);
  assert.equal(resolveConfig({ epochs: LIMITS.epochs }).epochs, LIMITS.epochs);
  assert.equal(resolveConfig({ seed: 0 }).seed, 0);
  assert.equal(resolveConfig({ batchSize: 1 }).batchSize, 1);
  assert.equal(resolveConfig({ momentum: 0.999 }).momentum, 0.999);
  assert.equal(resolveConfig({ samples: 4 }).samples, 4);
  assert.equal(resolveConfig({ samples: 100_000 }).samples, 100_000);
  assert.equal(resolveConfig({ noise: 1 }).noise, 1);
  assert.equal(resolveConfig({ testSplit: 0.9 }).testSplit, 0.9);
  for (const init of ["numpy", "he-uniform", "glorot-uniform", "uniform:1", "uniform:1e-3"]) {
    assert.equal(resolveConfig({ init: init as TrainConfig["init"] }).init, init);
  }
  for (const activation of CHOICES.activation) {
    assert.equal(resolveConfig({ activation }).activation, activation);
  }
  for (const optimizer of CHOICES.optimizer) {
    assert.equal(resolveConfig({ optimizer }).optimizer, optimizer);
  }
  for (const loss of CHOICES.loss) {
    const output = loss === "cce" ? { outputActivation: "softmax" as const } : {};
    assert.equal(resolveConfig({ loss, ...output }).loss, loss);
  }
});

Deno.test("resolveConfig: a preset override keeps the preset's other fields", () => {
  assert.deepEqual(resolveConfig({ preset: "seed", learningRate: 1 }), {
    ...PRESETS.seed,
    learningRate: 1,
  });
  assert.deepEqual(resolveConfig({ preset: "seed", hidden: [5], epochs: 3 }), {
    ...PRESETS.seed,
    hidden: [5],
    epochs: 3,
  });
});

Deno.test("resolveConfig: the resolved hidden list is a copy", () => {
  const hidden = [3, 3];
  const resolved = resolveConfig({ hidden });
  hidden[0] = 99;
  assert.deepEqual(resolved.hidden, [3, 3]);
  assert.notEqual(resolveConfig().hidden, PRESETS.default.hidden);
});

/**
 * Asserts that `config` is rejected with `Kind`, a message that starts
 * `<field>: <shown value> is not allowed` and a cause `{ field, value }`.
 */
function assertRejected(
  config: unknown,
  Kind: typeof RangeError | typeof TypeError,
  field: string,
  shown: string,
): void {
  assert.throws(
    () => resolveConfig(config as TrainConfig),
    (e: unknown) => {
      assert.ok(e instanceof Kind, `expected a ${Kind.name}, got ${e}`);
      // TypeError and RangeError are unrelated, so instanceof tells them apart.
      assert.ok(
        e.message.startsWith(`${field}: ${shown} is not allowed`),
        `message "${e.message}" should name ${field} and ${shown}`,
      );
      assert.equal((e.cause as { field: string }).field, field);
      return true;
    },
  );
}

// [partial config, error kind, field named, value as the message shows it]
const REJECTED: [TrainConfig, typeof RangeError | typeof TypeError, string, string][] = [
  [{ learningRate: 0 }, RangeError, "learningRate", "0"],
  [{ learningRate: -0.1 }, RangeError, "learningRate", "-0.1"],
  [{ learningRate: NaN }, RangeError, "learningRate", "NaN"],
  [{ learningRate: Infinity }, RangeError, "learningRate", "Infinity"],
  [{ learningRate: "0.1" as unknown as number }, TypeError, "learningRate", '"0.1"'],
  [{ epochs: 0 }, RangeError, "epochs", "0"],
  [{ epochs: -5 }, RangeError, "epochs", "-5"],
  [{ epochs: 1.5 }, RangeError, "epochs", "1.5"],
  [{ epochs: LIMITS.epochs + 1 }, RangeError, "epochs", String(LIMITS.epochs + 1)],
  [{ hidden: [0] }, RangeError, "hidden", "[0]"],
  [{ hidden: [3, 0] }, RangeError, "hidden", "[3,0]"],
  [{ hidden: [2.5] }, RangeError, "hidden", "[2.5]"],
  [{ hidden: [LIMITS.units + 1] }, RangeError, "hidden", `[${LIMITS.units + 1}]`],
  [
    { hidden: new Array(LIMITS.hiddenLayers + 1).fill(2) },
    RangeError,
    "hidden",
    JSON.stringify(new Array(LIMITS.hiddenLayers + 1).fill(2)),
  ],
  [{ hidden: 3 as unknown as number[] }, TypeError, "hidden", "3"],
  [{ activation: "relu6" as "relu" }, RangeError, "activation", '"relu6"'],
  [{ activation: "linear" as "relu" }, RangeError, "activation", '"linear"'],
  [{ activation: 1 as unknown as "relu" }, TypeError, "activation", "1"],
  [{ outputActivation: "tanh" as "linear" }, RangeError, "outputActivation", '"tanh"'],
  [{ outputActivation: "linear" }, RangeError, "outputActivation", '"linear"'],
  [{ outputActivation: "linear", loss: "bce" }, RangeError, "outputActivation", '"linear"'],
  [{ loss: "mae" as "mse" }, RangeError, "loss", '"mae"'],
  [{ optimizer: "rmsprop" as "adam" }, RangeError, "optimizer", '"rmsprop"'],
  [{ momentum: 1 }, RangeError, "momentum", "1"],
  [{ momentum: -0.1 }, RangeError, "momentum", "-0.1"],
  [{ beta1: 1 }, RangeError, "beta1", "1"],
  [{ beta2: 1.5 }, RangeError, "beta2", "1.5"],
  [{ epsilon: 0 }, RangeError, "epsilon", "0"],
  [{ batchSize: 0 }, RangeError, "batchSize", "0"],
  [{ batchSize: 2.5 }, RangeError, "batchSize", "2.5"],
  [{ batchSize: "half" as "full" }, TypeError, "batchSize", '"half"'],
  [{ shuffle: "yes" as unknown as boolean }, TypeError, "shuffle", '"yes"'],
  [{ seed: -1 }, RangeError, "seed", "-1"],
  [{ seed: 2 ** 32 }, RangeError, "seed", "4294967296"],
  [{ seed: 0.5 }, RangeError, "seed", "0.5"],
  [{ init: "uniform:0" }, RangeError, "init", '"uniform:0"'],
  [{ init: "uniform:x" as "uniform:1" }, RangeError, "init", '"uniform:x"'],
  [{ init: "uniform:-1" }, RangeError, "init", '"uniform:-1"'],
  [{ init: "uniform:" as "uniform:1" }, RangeError, "init", '"uniform:"'],
  [{ init: "uniform:Infinity" as "uniform:1" }, RangeError, "init", '"uniform:Infinity"'],
  [{ init: "gaussian" as "numpy" }, RangeError, "init", '"gaussian"'],
  [{ init: 5 as unknown as "numpy" }, TypeError, "init", "5"],
  [{ useBias: 1 as unknown as boolean }, TypeError, "useBias", "1"],
  [{ targetLoss: -1 }, RangeError, "targetLoss", "-1"],
  [{ dtype: "float16" as "float32" }, RangeError, "dtype", '"float16"'],
  [{ preset: "fast" as "seed" }, RangeError, "preset", '"fast"'],
  [{ dataset: "" }, TypeError, "dataset", '""'],
  [{ samples: 3 }, RangeError, "samples", "3"],
  [{ samples: 100_001 }, RangeError, "samples", "100001"],
  [{ samples: 10.5 }, RangeError, "samples", "10.5"],
  [{ samples: "200" as unknown as number }, TypeError, "samples", '"200"'],
  [{ noise: -0.1 }, RangeError, "noise", "-0.1"],
  [{ noise: 1.5 }, RangeError, "noise", "1.5"],
  [{ noise: NaN }, RangeError, "noise", "NaN"],
  [{ testSplit: -0.1 }, RangeError, "testSplit", "-0.1"],
  [{ testSplit: 0.95 }, RangeError, "testSplit", "0.95"],
  [{ testSplit: null as unknown as number }, TypeError, "testSplit", "null"],
];

/** `{ epochs: NaN }` as `epochs=NaN`; JSON.stringify would show NaN and Infinity as null. */
function label(config: TrainConfig): string {
  return Object.entries(config)
    .map(([k, v]) => `${k}=${typeof v === "number" ? String(v) : JSON.stringify(v)}`)
    .join(", ");
}

for (const [config, Kind, field, shown] of REJECTED) {
  Deno.test(`resolveConfig(${label(config)}) is a ${Kind.name} naming ${field}`, () => {
    assertRejected(config, Kind, field, shown);
  });
}

Deno.test("resolveConfig: bce with a linear output explains the conflict", () => {
  assert.throws(
    () => resolveConfig({ outputActivation: "linear", loss: "bce" }),
    /outputActivation: "linear" is not allowed; loss bce needs a sigmoid output/,
  );
});

Deno.test("resolveConfig: an unknown field is a TypeError naming it", () => {
  assertRejected({ learningrate: 0.1 }, TypeError, "config", '"learningrate"');
  assertRejected({ hidden: [2], batch: 4 }, TypeError, "config", '"batch"');
});

Deno.test("resolveConfig: a config that is not an object is a TypeError", () => {
  assertRejected(null, TypeError, "config", "null");
  assertRejected([], TypeError, "config", "[]");
  assertRejected("seed", TypeError, "config", '"seed"');
});

Deno.test("parseInit: kinds and ranges", () => {
  assert.deepEqual(parseInit("uniform:0.5"), { kind: "uniform", range: 0.5 });
  assert.deepEqual(parseInit("uniform:2e-1"), { kind: "uniform", range: 0.2 });
  assert.deepEqual(parseInit("numpy"), { kind: "numpy", range: 1 });
  assert.equal(parseInit("glorot-uniform").kind, "glorot-uniform");
  assert.equal(parseInit("he-uniform").kind, "he-uniform");
  assert.throws(() => parseInit("uniform:0"), RangeError);
  assert.throws(() => parseInit("uniform:x"), RangeError);
  assert.throws(() => parseInit(undefined), TypeError);
});

Deno.test("effectiveBatchSize: full is every row; a number is itself", () => {
  assert.equal(effectiveBatchSize(resolveConfig(), 4), 4);
  assert.equal(effectiveBatchSize(resolveConfig(), 65536), 65536);
  assert.equal(effectiveBatchSize(resolveConfig({ batchSize: 3 }), 4), 3);
  assert.equal(effectiveBatchSize(resolveConfig({ batchSize: 4 }), 4), 4);
});

Deno.test("effectiveBatchSize: larger than the dataset is a RangeError naming batchSize", () => {
  const config = resolveConfig({ batchSize: 5 });
  assert.throws(
    () => effectiveBatchSize(config, 4),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message.startsWith("batchSize: 5 is not allowed") &&
      e.message.includes("4 rows"),
  );
});

Deno.test("resolveConfig: softmax goes with cce and cce with softmax; patience needs a test split", () => {
  const config = resolveConfig({ outputActivation: "softmax", loss: "cce" });
  assert.equal(config.loss, "cce");
  assert.throws(
    () => resolveConfig({ loss: "cce" }),
    /outputActivation: "sigmoid" is not allowed; loss cce needs a softmax output/,
  );
  assert.throws(
    () => resolveConfig({ outputActivation: "softmax", loss: "mse" }),
    /outputActivation: "softmax" is not allowed; a softmax output needs loss cce, not mse/,
  );
  assert.throws(() => resolveConfig({ patience: 5 }), /patience: 5 is not allowed; early stopping/);
  assert.throws(() => resolveConfig({ patience: 5, epochs: 4, testSplit: 0.2 }), RangeError);
  assert.throws(() => resolveConfig({ l2: -1 }), /l2: -1 is not allowed/);
});
