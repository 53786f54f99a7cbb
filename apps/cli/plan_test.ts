import assert from "node:assert/strict";
import { PRESETS } from "@backprop/core";
import { parseTrainArgs } from "./args.ts";
import { planRun } from "./plan.ts";
import { UsageError } from "./usage_error.ts";

const plan = (...argv: string[]) => planRun(parseTrainArgs(argv));

Deno.test("planRun: defaults to the default preset on XOR", async () => {
  const p = await plan();
  assert.deepEqual(p.config, PRESETS.default);
  assert.equal(p.dataset.name, "xor");
  assert.equal(p.impl, "manual");
  assert.equal(p.out, undefined);
  assert.equal(p.json, false);
});

Deno.test("planRun: flags override the preset's fields", async () => {
  const p = await plan("--preset", "seed", "--lr", "1");
  assert.deepEqual(p.config, { ...PRESETS.seed, learningRate: 1 });
});

Deno.test("planRun: preset, then config file, then flags", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/c.json`;
    await Deno.writeTextFile(file, `{"preset": "seed", "learningRate": 2, "epochs": 7}`);
    const fromFile = await plan("--config", file, "--lr", "0.3");
    assert.deepEqual(fromFile.config, { ...PRESETS.seed, learningRate: 0.3, epochs: 7 });
    const presetFlag = await plan("--config", file, "--preset", "default");
    assert.deepEqual(presetFlag.config, { ...PRESETS.default, learningRate: 2, epochs: 7 });

    await Deno.writeTextFile(file, `{"learningRate": -2}`);
    await assert.rejects(
      () => plan("--config", file),
      new UsageError(`--config ${file}: learningRate: -2 is not allowed; expected a number > 0`),
    );
    // A flag replaces the file's bad value, so nothing is wrong.
    assert.equal((await plan("--config", file, "--lr", "1")).config.learningRate, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("planRun: core's errors are restated with the flag's name", async () => {
  const cases: [string[], string][] = [
    [["--lr", "-1"], "--lr: -1 is not allowed; expected a number > 0"],
    [["--epochs", "1.5"], "--epochs: 1.5 is not allowed; expected an integer from 1 to"],
    [["--hidden", "4,0"], "--hidden: [4,0] is not allowed; every layer size must be an integer"],
    [["--activation", "swish"], `--activation: "swish" is not allowed; expected one of sigmoid,`],
    [["--dataset", "parity:1"], `--dataset: "parity:1" is not allowed`],
    [["--dataset", "xnand"], `--dataset: "xnand" is not allowed`],
    [["--batch-size", "5"], "--batch-size: 5 is not allowed; expected at most the dataset's 4"],
    [["--target-loss", "-1"], "--target-loss: -1 is not allowed"],
    // The loss bce comes from the preset; the flag the user set is the one named.
    [
      ["--output-activation", "linear"],
      `--output-activation: "linear" is not allowed; loss bce needs a sigmoid`,
    ],
  ];
  for (const [argv, message] of cases) {
    await assert.rejects(
      () => plan(...argv),
      (err) => err instanceof UsageError && err.message.startsWith(message),
      argv.join(" "),
    );
  }
});

Deno.test("planRun: --out needs an existing directory and a file name", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.equal((await plan("--out", `${dir}/m.json`)).out, `${dir}/m.json`);
    await assert.rejects(
      () => plan("--out", `${dir}/nope/m.json`),
      (err) => err instanceof UsageError && err.message.includes(`directory ${dir}/nope does not`),
    );
    await assert.rejects(
      () => plan("--out", dir),
      (err) => err instanceof UsageError && err.message.includes("is a directory"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
