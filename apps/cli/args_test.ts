import assert from "node:assert/strict";
import { CONFIG_FIELDS } from "@backprop/core";
import { parseTrainArgs } from "./args.ts";
import { CONFIG_FLAGS } from "@backprop/cli-kit";
import { UsageError } from "@backprop/cli-kit";

Deno.test("parseTrainArgs: no arguments give no config fields and the defaults", () => {
  assert.deepEqual(parseTrainArgs([]), {
    config: {},
    configFile: undefined,
    out: undefined,
    json: false,
    impl: "manual",
    backend: undefined,
    help: false,
    version: false,
    data: undefined,
    targets: undefined,
    label: undefined,
    network: undefined,
    plot: undefined,
    boundary: undefined,
    explain: false,
    outTfjs: undefined,
    initModel: undefined,
  });
});

Deno.test("parseTrainArgs: --out-tfjs DIR and --init-model FILE", () => {
  const args = parseTrainArgs(["--out-tfjs", "tf", "--init-model=m.json"]);
  assert.equal(args.outTfjs, "tf");
  assert.equal(args.initModel, "m.json");
  assert.throws(() => parseTrainArgs(["--init-model", ""]), /--init-model: "" is not allowed/);
});

Deno.test("parseTrainArgs: every config flag sets its field", () => {
  const args = parseTrainArgs([
    ...["--preset", "seed", "--dataset", "parity:3", "--hidden", "5,3", "--activation", "relu"],
    ...["--samples", "300", "--noise", "0.2", "--test-split", "0.25"],
    ...["--output-activation", "linear", "--loss", "mse", "--optimizer", "momentum"],
    ...["--lr", "0.01", "--momentum", "0.5", "--beta1", "0.8", "--beta2", "0.99"],
    ...["--epsilon", "1e-6", "--epochs", "3", "--batch-size", "2", "--no-shuffle"],
    ...["--seed", "7", "--init", "uniform:0.3", "--no-bias", "--target-loss", "0.001"],
    ...["--dtype", "float32", "--shortcut", "--patience", "4", "--l2", "0.01", "--standardize"],
  ]);
  assert.deepEqual(args.config, {
    preset: "seed",
    dataset: "parity:3",
    samples: 300,
    noise: 0.2,
    testSplit: 0.25,
    hidden: [5, 3],
    activation: "relu",
    outputActivation: "linear",
    loss: "mse",
    optimizer: "momentum",
    learningRate: 0.01,
    momentum: 0.5,
    beta1: 0.8,
    beta2: 0.99,
    epsilon: 1e-6,
    epochs: 3,
    batchSize: 2,
    shuffle: false,
    seed: 7,
    init: "uniform:0.3",
    useBias: false,
    shortcut: true,
    targetLoss: 0.001,
    patience: 4,
    l2: 0.01,
    standardize: true,
    dtype: "float32",
  });
  assert.deepEqual(Object.keys(args.config).sort(), [...CONFIG_FIELDS].sort());
  assert.equal(parseTrainArgs(["--shortcut", "--no-shortcut"]).config.shortcut, false);
});

Deno.test("parseTrainArgs: the CLI's own flags", () => {
  const args = parseTrainArgs(["--config", "c.json", "--out", "m.json", "--json", "--impl=manual"]);
  assert.equal(args.configFile, "c.json");
  assert.equal(args.out, "m.json");
  assert.equal(args.json, true);
  assert.equal(args.impl, "manual");
  assert.equal(parseTrainArgs(["-h"]).help, true);
  assert.equal(parseTrainArgs(["--help"]).help, true);
});

Deno.test("parseTrainArgs: values as given, inline or negative; the last flag wins", () => {
  assert.deepEqual(parseTrainArgs(["--lr", "-1"]).config, { learningRate: -1 });
  assert.deepEqual(parseTrainArgs(["--lr=-1"]).config, { learningRate: -1 });
  assert.deepEqual(parseTrainArgs(["--lr", "1", "--lr", ".5"]).config, { learningRate: 0.5 });
  assert.deepEqual(parseTrainArgs(["--epochs", "1.5"]).config, { epochs: 1.5 }); // core rejects it
  assert.deepEqual(parseTrainArgs(["--no-bias", "--bias"]).config, { useBias: true });
  assert.deepEqual(parseTrainArgs(["--shuffle"]).config, { shuffle: true });
});

Deno.test("parseTrainArgs: --hidden and --batch-size forms", () => {
  assert.deepEqual(parseTrainArgs(["--hidden", ""]).config, { hidden: [] });
  assert.deepEqual(parseTrainArgs(["--hidden", "none"]).config, { hidden: [] });
  assert.deepEqual(parseTrainArgs(["--hidden", "8"]).config, { hidden: [8] });
  assert.deepEqual(parseTrainArgs(["--hidden", "4, 4"]).config, { hidden: [4, 4] });
  assert.deepEqual(parseTrainArgs(["--hidden", "4,0"]).config, { hidden: [4, 0] }); // core rejects
  assert.deepEqual(parseTrainArgs(["--batch-size", "full"]).config, { batchSize: "full" });
  assert.deepEqual(parseTrainArgs(["--batch-size", "2"]).config, { batchSize: 2 });
});

Deno.test("parseTrainArgs: bad input throws a UsageError naming the flag", () => {
  const cases: [string[], string][] = [
    [["--nope"], "--nope: unknown flag"],
    [["-x"], "-x: unknown flag"],
    [["--lr"], "--lr: missing value"],
    [["--lr", "--epochs", "5"], "--lr: missing value"],
    [["--lr", "abc"], `--lr: "abc" is not allowed; expected a number`],
    [["--lr", ""], `--lr: "" is not allowed; expected a number`],
    [["--lr", "0x10"], `--lr: "0x10" is not allowed; expected a number`],
    [["--epochs", "ten"], `--epochs: "ten" is not allowed; expected an integer`],
    [["--hidden", "4,x"], `--hidden: "4,x" is not allowed`],
    [["--hidden", "4,"], `--hidden: "4," is not allowed`],
    [["--batch-size", "half"], `--batch-size: "half" is not allowed; expected an integer or full`],
    [["--json=yes"], "--json: takes no value"],
    [["--no-bias=1"], "--no-bias: takes no value"],
    [["--impl", "nope"], `--impl: "nope" is not allowed; expected one of manual, reference, tfjs`],
    [
      ["--backend", "gpu"],
      `--backend: "gpu" is not allowed; expected one of cpu, wasm, tensorflow`,
    ],
    [["--out", ""], `--out: "" is not allowed`],
    [["model.json"], `"model.json": unexpected argument`],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => parseTrainArgs(argv),
      (err) => err instanceof UsageError && err.message.startsWith(message),
      argv.join(" "),
    );
  }
});

Deno.test("parseTrainArgs: every flag in CONFIG_FLAGS is accepted", () => {
  for (const flag of CONFIG_FLAGS) {
    const argv = flag.kind === "switch" ? [`--${flag.name}`] : [`--${flag.name}`, "1"];
    assert.ok(Object.hasOwn(parseTrainArgs(argv).config, flag.field), flag.name);
  }
});
