// End-to-end tests: run the real entry point as a subprocess, as `deno task train` does.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { CONFIG_FIELDS, PRESETS, validateModel } from "@backprop/core";
import type { JsonReport } from "./json_report.ts";

const TRAIN = fileURLToPath(new URL("./train.ts", import.meta.url));
const PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env"];

interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

function command(args: string[], env: Record<string, string> = {}): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...PERMISSIONS, TRAIN, ...args],
    env: { NO_COLOR: "1", ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

async function train(...args: string[]): Promise<Output> {
  const { code, stdout, stderr } = await command(args).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

async function trainJson(...args: string[]): Promise<JsonReport> {
  const out = await train("--json", ...args);
  assert.equal(out.code, 0, out.stderr);
  return JSON.parse(out.stdout);
}

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "backprop_cli_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const files = (dir: string): string[] => Array.from(Deno.readDirSync(dir), (e) => e.name).sort();

Deno.test("train: the default run solves XOR and prints a readable report", async () => {
  const [text, json] = await Promise.all([
    train("--impl", "manual"),
    train("--impl", "manual", "--json"),
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stderr, "");
  assert.ok(!text.stdout.includes("\r"), "no progress line when stdout is not a terminal");
  assert.match(text.stdout, /^config +preset=default .*seed=42/m);
  assert.match(text.stdout, /^loss +\S+ after \d+ of 2000 epochs$/m);
  assert.match(text.stdout, /^stopped +loss fell below the target 0.01$/m);
  assert.match(text.stdout, /^time +[\d.]+ ms, [\d.]+ µs\/epoch$/m);
  assert.equal(text.stdout.match(/✓$/gm)?.length, 4);
  assert.match(text.stdout, /4\/4 rows right\n$/);

  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  let squared = 0;
  for (const { target: [y], output: [o] } of report.predictions) {
    assert.equal(o >= 0.5, y === 1, `output ${o} for target ${y}`);
    squared += (y - o) ** 2;
  }
  assert.ok(squared / report.predictions.length < 0.01, `mse ${squared / 4}`);
  assert.equal(report.stoppedBecause, "target-loss");
});

Deno.test("train: --json prints exactly one JSON object with every key", async () => {
  const out = await train("--json", "--epochs", "5");
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stderr, "");
  assert.equal(out.stdout.trimEnd().split("\n").length, 1);
  const report = JSON.parse(out.stdout);
  assert.deepEqual(Object.keys(report).sort(), [
    "config",
    "epochsRun",
    "evaluation",
    "finalLoss",
    "impl",
    "model",
    "predictions",
    "stoppedBecause",
    "timing",
  ]);
  assert.equal(report.impl, "manual");
  assert.deepEqual(report.config, { ...PRESETS.default, epochs: 5 });
  assert.equal(report.epochsRun, 5);
  assert.equal(typeof report.finalLoss, "number");
  assert.equal(report.stoppedBecause, "epochs");
  assert.equal(report.predictions.length, 4);
  assert.deepEqual(Object.keys(report.predictions[0]), ["input", "target", "output"]);
  validateModel(report.model);
  assert.deepEqual(Object.keys(report.timing), ["trainMs", "usPerEpoch"]);
});

Deno.test("train: every config field's flag reaches the resolved config", async () => {
  const expected = {
    preset: "seed",
    dataset: "parity:3",
    samples: 200,
    noise: 0,
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
    useBias: true,
    shortcut: true,
    targetLoss: 0.001,
    patience: 2,
    l2: 0.01,
    standardize: true,
    dtype: "float32",
  };
  assert.deepEqual(Object.keys(expected), [...CONFIG_FIELDS]);
  const [all, noBias, none, seed] = await Promise.all([
    trainJson(
      ...["--preset", "seed", "--dataset", "parity:3", "--hidden", "5,3", "--activation", "relu"],
      ...["--test-split", "0.25"],
      ...["--output-activation", "linear", "--loss", "mse", "--optimizer", "momentum"],
      ...["--lr", "0.01", "--momentum", "0.5", "--beta1", "0.8", "--beta2", "0.99"],
      ...["--epsilon", "1e-6", "--epochs", "3", "--batch-size", "2", "--no-shuffle"],
      ...["--seed", "7", "--init", "uniform:0.3", "--bias", "--target-loss", "0.001"],
      ...["--dtype", "float32", "--shortcut", "--patience", "2", "--l2", "0.01", "--standardize"],
    ),
    trainJson("--no-bias", "--batch-size", "full", "--epochs", "2"),
    trainJson("--hidden", "", "--epochs", "2"),
    // Overriding one field of a preset keeps the preset's other fields.
    trainJson("--preset", "seed", "--lr", "1", "--epochs", "3"),
  ]);
  assert.deepEqual(all.config, expected);
  assert.deepEqual(all.model.layerSizes, [3, 5, 3, 1]);
  assert.equal(all.model.shortcut?.length, 3);
  assert.deepEqual(noBias.config, { ...PRESETS.default, useBias: false, epochs: 2 });
  assert.deepEqual(none.config.hidden, []);
  assert.deepEqual(none.model.layerSizes, [2, 1]);
  assert.deepEqual(seed.config, { ...PRESETS.seed, learningRate: 1, epochs: 3 });
});

Deno.test("train: --config file fields, with the flags winning", async () => {
  await inTempDir(async (dir) => {
    const file = `${dir}/config.json`;
    await Deno.writeTextFile(
      file,
      JSON.stringify({ preset: "seed", learningRate: 2, hidden: [2], epochs: 4 }),
    );
    const [fromFile, flagWins, presetFlag] = await Promise.all([
      trainJson("--config", file),
      trainJson("--config", file, "--lr", "0.3", "--epochs", "2"),
      trainJson("--config", file, "--preset", "default"),
    ]);
    assert.deepEqual(fromFile.config, { ...PRESETS.seed, learningRate: 2, hidden: [2], epochs: 4 });
    assert.deepEqual(flagWins.config, {
      ...PRESETS.seed,
      learningRate: 0.3,
      hidden: [2],
      epochs: 2,
    });
    assert.deepEqual(presetFlag.config, {
      ...PRESETS.default,
      learningRate: 2,
      hidden: [2],
      epochs: 4,
    });
  });
});

Deno.test("train: bad input gets one line naming the flag, exit 2, nothing written", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/bad.json`, "{not json");
    await Deno.writeTextFile(`${dir}/unknown.json`, `{"lr": 0.1}`);
    await Deno.writeTextFile(`${dir}/range.json`, `{"epochs": 0}`);
    const out = `${dir}/model.json`;
    const cases: [string[], string[]][] = [
      [["--bogus"], ["--bogus", "unknown flag"]],
      [["--lr", "abc"], ["--lr", `"abc"`, "expected a number"]],
      [["--epochs", "1.5"], ["--epochs", "1.5", "integer"]],
      [["--lr", "-1"], ["--lr: -1 is not allowed; expected a number > 0"]],
      [["--lr", "0"], ["--lr", "0", "> 0"]],
      [["--epochs", "0"], ["--epochs", "0", "from 1"]],
      [["--hidden", "4,0"], ["--hidden", "[4,0]", "from 1"]],
      [["--dataset", "parity:1"], ["--dataset", "parity:1"]],
      [["--batch-size", "8"], ["--batch-size", "8", "4 rows"]],
      [["--activation", "swish"], ["--activation", "swish", "tanh"]],
      [["--seed", "-3"], ["--seed", "-3"]],
      [["--impl", "nope"], ["--impl", "nope", "manual, reference, tfjs"]],
      [["--lr"], ["--lr", "missing value"]],
      [["--config", `${dir}/missing.json`], ["--config", "missing.json", "cannot read"]],
      [["--config", `${dir}/bad.json`], ["--config", "bad.json", "not valid JSON"]],
      [["--config", `${dir}/unknown.json`], ["--config", "unknown.json", `"lr"`, "learningRate"]],
      [["--config", `${dir}/range.json`], ["--config", "range.json", "epochs: 0"]],
    ];
    const outputs = await Promise.all(cases.map(([args]) => train(...args, "--out", out)));
    outputs.push(await train("--out", `${dir}/no/such/dir/model.json`));
    cases.push([[`--out ${dir}/no/such/dir/model.json`], ["--out", "does not exist"]]);
    cases.forEach(([args, parts], i) => {
      const { code, stdout, stderr } = outputs[i];
      const what = `${args.join(" ")} → ${stderr}`;
      assert.equal(code, 2, what);
      assert.equal(stdout, "", what);
      assert.match(stderr, /^error: [^\n]+\n$/, what);
      for (const part of parts) assert.ok(stderr.includes(part), `${what} lacks ${part}`);
    });
    assert.deepEqual(files(dir), ["bad.json", "range.json", "unknown.json"]);
  });
});

Deno.test("train: --out writes a model validateModel accepts, atomically", async () => {
  await inTempDir(async (dir) => {
    const path = `${dir}/model.json`;
    const out = await train("--out", path);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /model saved to .*model\.json\n$/);
    const saved = JSON.parse(await Deno.readTextFile(path));
    validateModel(saved);
    assert.deepEqual(saved.config, PRESETS.default);
    assert.equal(saved.training.impl, "manual");
    assert.equal(saved.training.stoppedBecause, "target-loss");
    assert.equal(saved.training.interrupted, false);
    assert.equal(typeof saved.training.trainMs, "number");
    assert.deepEqual(files(dir), ["model.json"]);
  });
});

Deno.test("train: a diverging run exits 3, says when, and writes no model", async () => {
  await inTempDir(async (dir) => {
    const diverge = ["--optimizer", "sgd", "--loss", "sse", "--output-activation", "linear"];
    const args = [...diverge, "--lr", "1e6", "--hidden", "8", "--out", `${dir}/model.json`];
    const [text, json] = await Promise.all([train(...args), train(...args, "--json")]);
    for (const out of [text, json]) {
      assert.equal(out.code, 3, out.stderr);
      assert.match(
        out.stderr,
        /^error: training diverged at epoch \d+ \(loss (NaN|-?Infinity)\); try a smaller --lr\n$/,
      );
    }
    assert.match(text.stdout, /stopped +diverged/);
    const report = JSON.parse(json.stdout);
    assert.equal(report.stoppedBecause, "diverged");
    assert.equal(report.finalLoss, null);
    assert.deepEqual(files(dir), []);
  });
});

Deno.test("train: an internal error prints one line, exit 1; a stack with BACKPROP_DEBUG=1", async () => {
  await inTempDir(async (dir) => {
    // A closed stdout: printing the report fails after training (and after the model
    // was saved, which is checked before any work and written first).
    const run = async (env: Record<string, string>) => {
      const child = new Deno.Command(Deno.execPath(), {
        args: ["run", "--no-prompt", ...PERMISSIONS, TRAIN, "--out", `${dir}/m.json`],
        env,
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      await child.stdout.cancel();
      const out = await child.output();
      return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
    };
    const [plain, debug] = await Promise.all([run({}), run({ BACKPROP_DEBUG: "1" })]);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /^error: [^\n]*[Bb]roken pipe[^\n]*\n$/);
    assert.equal(debug.code, 1);
    assert.match(debug.stderr, /\n +at /);
    assert.deepEqual(files(dir), ["m.json"]);
  });
});

Deno.test("train: --help lists the flags with the default preset's values, exit 0", async () => {
  const out = await train("--help");
  assert.equal(out.code, 0);
  assert.equal(out.stderr, "");
  for (const flag of ["--impl", "--config", "--out", "--json", "--lr NUM", "--[no-]bias"]) {
    assert.ok(out.stdout.includes(flag), flag);
  }
  assert.match(out.stdout, /--lr NUM +.*\(default 0\.05/);
});

Deno.test("train: Ctrl-C stops after the current epoch, still saves model and pictures, exits 130", async () => {
  await inTempDir(async (dir) => {
    const long = ["--epochs", "100000000", "--target-loss", "0"];
    const interrupt = async (args: string[]): Promise<Output> => {
      const child = command([...long, ...args]).spawn();
      await new Promise((resolve) => setTimeout(resolve, 1500)); // let it start training
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      const out = await child.output();
      clearTimeout(timer);
      const decoder = new TextDecoder();
      const stderr = decoder.decode(out.stderr);
      assert.notEqual(out.signal, "SIGKILL", "the trainer did not stop within 5 s of Ctrl-C");
      assert.equal(out.signal, null, `it died of ${out.signal}: ${stderr}`);
      return { code: out.code, stdout: decoder.decode(out.stdout), stderr };
    };
    const path = `${dir}/model.json`;
    const pictures = ["--plot", `${dir}/loss.svg`, "--boundary", `${dir}/boundary.svg`];
    const [json, text] = await Promise.all([
      interrupt(["--json", "--out", path, ...pictures]),
      interrupt([]),
    ]);
    assert.equal(json.code, 130, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.stoppedBecause, "interrupted");
    assert.ok(report.epochsRun > 0 && report.epochsRun < 100000000);
    const saved = JSON.parse(await Deno.readTextFile(path));
    validateModel(saved);
    assert.equal(saved.training.interrupted, true);
    assert.equal(saved.training.epochsRun, report.epochsRun);
    assert.equal(saved.training.stoppedBecause, "interrupted");
    // The pictures are written too: the loss curve has every epoch run.
    assert.deepEqual(files(dir), ["boundary.svg", "loss.svg", "model.json"]);
    assert.match(
      await Deno.readTextFile(`${dir}/loss.svg`),
      new RegExp(`loss: ${report.epochsRun} values`),
    );

    assert.equal(text.code, 130, text.stderr);
    assert.match(text.stdout, /^stopped +interrupted \(Ctrl-C\) after epoch \d+$/m);
    assert.match(text.stdout, /rows right\n$/);
  });
});

Deno.test("train: Ctrl-C while the pictures are drawn ends the run at once, exit 130, no files", async () => {
  await inTempDir(async (dir) => {
    // 3000 × 3000 hidden units: one epoch on XOR's 4 rows is quick, but the terminal map
    // and the decision surface evaluate the network at 10 800 points (tens of seconds).
    const child = command([
      ...["--hidden", "3000,3000", "--epochs", "1", "--target-loss", "0"],
      ...["--out", `${dir}/m.json`, "--boundary", `${dir}/b.svg`],
    ]).spawn();
    // Ctrl-C every 2 s until it ends: the first may come while loading or training (it
    // then stops training after its only epoch); a later one comes while drawing.
    const timer = setInterval(() => child.kill("SIGINT"), 2000);
    const out = await child.output();
    clearInterval(timer);
    const stdout = new TextDecoder().decode(out.stdout);
    assert.equal(out.code, 130, new TextDecoder().decode(out.stderr));
    assert.equal(stdout, "", "it stopped before printing the report");
    assert.deepEqual(files(dir), []);
  });
});

Deno.test("train: an output that cannot be written is found before training; nothing is written", async () => {
  await inTempDir(async (dir) => {
    const [plot, full] = await Promise.all([
      train("--out", `${dir}/ok.json`, "--plot", "/proc/p.svg"),
      train("--out", "/dev/full", "--epochs", "5"),
    ]);
    assert.equal(plot.code, 2);
    assert.equal(plot.stdout, "", "no training, no report");
    assert.match(
      plot.stderr,
      /^error: --plot: cannot write "\/proc\/p\.svg": cannot create a file in \/proc: [^\n]+\n$/,
    );
    assert.equal(full.code, 2);
    // Without --allow-all, Deno itself refuses /dev (with it: "it is not a regular file").
    assert.match(full.stderr, /^error: --out: (cannot write )?"\/dev\/full"[^\n]+\n$/);
    assert.deepEqual(files(dir), []);
  });
});

Deno.test("train: sizes that cannot finish are refused before training, naming the flag", async () => {
  await inTempDir(async (dir) => {
    const [model, memory] = await Promise.all([
      // ~1 GB of JSON: more than a model file may hold (it could not be read back).
      train(
        "--hidden",
        "4096,4096,4096",
        "--dataset",
        "parity:3",
        "--epochs",
        "1",
        "--out",
        `${dir}/m.json`,
      ),
      // ~5 GiB with Adam: more than the fixed budget (the test grants no --allow-sys).
      train("--hidden", Array(8).fill(4096).join(","), "--epochs", "1"),
    ]);
    assert.equal(model.code, 2, model.stderr);
    assert.equal(model.stdout, "");
    assert.match(
      model.stderr,
      /^error: --out: a model of 33583105 parameters makes a JSON file of about 1 GiB, more than the 512 MiB a model file may hold/,
    );
    assert.equal(memory.code, 2, memory.stderr);
    assert.match(
      memory.stderr,
      /^error: --hidden: 4096(,4096){7} is not allowed; training 117485569 parameters needs about 5\.25 GiB of memory \(.*\), more than the fixed budget used without --allow-sys=systemMemoryInfo \(4 GiB\); use fewer or smaller hidden layers/,
    );
    assert.deepEqual(files(dir), []);
  });
});
