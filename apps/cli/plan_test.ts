import assert from "node:assert/strict";
import { PRESETS } from "@backprop/core";
import { parseTrainArgs } from "./args.ts";
import { planRun } from "./plan.ts";
import { UsageError } from "@backprop/cli-kit";

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

Deno.test("planRun: a generated dataset with samples, noise and a seeded test split", async () => {
  const p = await plan(
    "--dataset",
    "circle",
    "--samples",
    "120",
    "--noise",
    "0.1",
    "--test-split",
    "0.25",
  );
  assert.deepEqual(
    [p.config.samples, p.config.noise, p.config.testSplit],
    [120, 0.1, 0.25],
  );
  assert.equal(p.dataset.rows, 90);
  assert.equal(p.test?.rows, 30);
  assert.equal(p.dataset.name, "circle (train)");
  const again = await plan(
    "--dataset",
    "circle",
    "--samples",
    "120",
    "--noise",
    "0.1",
    "--test-split",
    "0.25",
  );
  assert.deepEqual(again.test?.inputs, p.test?.inputs, "the same seed gives the same split");
  assert.equal((await plan("--dataset", "circle")).test, null);
});

Deno.test("planRun: --data reads CSV and JSON files; the config records the path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/d.csv`, "a,b,c,y1,y2\n1,2,3,0,1\n4,5,6,1,0\n7,8,9,1,1\n");
    await Deno.writeTextFile(`${dir}/d.json`, `{"inputs": [[0, 0], [1, 1]], "targets": [0, 1]}`);
    const csv = await plan("--data", `${dir}/d.csv`, "--targets", "2", "--plot", `${dir}/p.svg`);
    assert.equal(csv.config.dataset, `${dir}/d.csv`);
    assert.deepEqual([csv.dataset.rows, csv.dataset.inputSize, csv.dataset.outputSize], [3, 3, 2]);
    assert.equal(csv.plot, `${dir}/p.svg`);
    const json = await plan("--data", `${dir}/d.json`, "--boundary", `${dir}/b.svg`, "--explain");
    assert.deepEqual([json.dataset.rows, json.dataset.inputSize], [2, 2]);
    assert.equal(json.boundary, `${dir}/b.svg`);
    assert.equal(json.explain, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("planRun: bad data and conflicting flags are UsageErrors naming the file or flag", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const files: Record<string, string> = {
      "cell.csv": "x,y\n1,0\n2,abc\n",
      "ragged.csv": "x1,x2,y\n1,2,0\n3,1\n",
      "empty.csv": "",
      "header.csv": "x,y\n",
      "bad.json": `{"inputs": [[0, 1], [1]], "targets": [0, 1]}`,
      "three.csv": "a,b,c,y\n0,0,0,0\n1,1,1,1\n",
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    const cases: [string[], string][] = [
      [["--data", `${dir}/cell.csv`], `${dir}/cell.csv:3:2: "abc" is not a number`],
      [
        ["--data", `${dir}/ragged.csv`],
        `${dir}/ragged.csv:3:3: missing value: 2 values, expected 3 like the header (y is missing)`,
      ],
      [["--data", `${dir}/empty.csv`], `${dir}/empty.csv: the file is empty`],
      [
        ["--data", `${dir}/header.csv`],
        `${dir}/header.csv: no data rows after the header on line 1`,
      ],
      [["--data", `${dir}/bad.json`], `${dir}/bad.json: inputs[1] has 1 values, expected 2`],
      [["--data", `${dir}/missing.csv`], `${dir}/missing.csv: no such file`],
      [["--data", `${dir}/three.csv`, "--targets", "4"], `${dir}/three.csv:1: targets: 4`],
      [
        ["--data", `${dir}/three.csv`, "--boundary", `${dir}/b.svg`],
        "--boundary: three.csv has 3 inputs",
      ],
      [["--data", `${dir}/three.csv`, "--dataset", "xor"], "--data: not with --dataset"],
      [["--targets", "2"], "--targets: only with --data"],
      [
        ["--samples", "50"],
        "--samples: only a generated dataset (circle, gauss, xor2d, spiral) has samples; xor",
      ],
      [["--noise", "0.1", "--dataset", "parity:3"], "--noise: only a generated dataset"],
      [
        ["--dataset", "circle", "--samples", "3"],
        "--samples: 3 is not allowed; expected an integer from 4",
      ],
      [
        ["--dataset", "circle", "--noise", "2"],
        "--noise: 2 is not allowed; expected a number in [0, 1]",
      ],
      [
        ["--test-split", "0.95"],
        "--test-split: 0.95 is not allowed; expected a number in [0, 0.9]",
      ],
      [["--test-split", "0.2"], "--test-split: 0.2 of 4 rows is less than one row"],
      [
        ["--dataset", "spiral", "--test-split", "0.5", "--batch-size", "150"],
        "--batch-size: 150 is not allowed",
      ],
      [["--plot", `${dir}/no/p.svg`], `--plot: "${dir}/no/p.svg" is not allowed; directory`],
      [["--boundary", dir], "--boundary: "],
      [
        ["--out", `${dir}/x.svg`, "--plot", `${dir}/x.svg`],
        `--plot: "${dir}/x.svg" is not allowed; --out writes that file`,
      ],
    ];
    for (const [argv, message] of cases) {
      await assert.rejects(
        () => plan(...argv),
        (err) => err instanceof UsageError && err.message.startsWith(message),
        `${argv.join(" ")} → ${message}`,
      );
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
