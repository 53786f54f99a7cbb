// End-to-end: --out then --init-model continues a run exactly; --out-tfjs writes what
// TF.js loads; a model that does not fit is one line and exit 2, before any work.
import assert from "node:assert/strict";
import { loadDataset, predictFlat, validateModel } from "@backprop/core";
import { loadBackend } from "@backprop/tfjs";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";
import type { ModelFile } from "./model_file.ts";

const BASE = ["--dataset", "parity:3", "--batch-size", "3", "--target-loss", "0", "--seed", "3"];

async function readJson(path: string): Promise<ModelFile> {
  return JSON.parse(await Deno.readTextFile(path));
}

Deno.test("train --init-model: 7 epochs, then 5 more from the file, equal 12 in one run (manual, bit for bit)", async () => {
  await inTempDir(async (dir) => {
    for (const optimizer of ["sgd", "momentum", "adam"]) {
      const args = [...BASE, "--optimizer", optimizer, "--impl", "manual"];
      const run = async (epochs: number, out: string, ...more: string[]) => {
        const r = await runCli("train.ts", [
          ...args,
          "--epochs",
          `${epochs}`,
          "--out",
          out,
          ...more,
        ]);
        assert.equal(r.code, 0, r.stderr);
        return r;
      };
      await run(12, `${dir}/full.json`);
      await run(7, `${dir}/first.json`);
      const second = await run(5, `${dir}/second.json`, "--init-model", `${dir}/first.json`);
      assert.match(
        second.stdout,
        /resumed .*first\.json after its epoch 7, optimizer state included/,
      );
      const full = await readJson(`${dir}/full.json`);
      const resumed = await readJson(`${dir}/second.json`);
      assert.deepEqual(resumed.layers, full.layers, optimizer);
      assert.deepEqual(resumed.state, full.state, optimizer);
      assert.equal(resumed.state?.epochs, 12);
    }
  });
});

Deno.test("train --init-model: the tfjs engine starts from our file and a TF.js directory", async () => {
  await inTempDir(async (dir) => {
    const args = [...BASE, "--optimizer", "momentum", "--epochs", "5"];
    const first = await runCli("train.ts", [
      ...args,
      "--out",
      `${dir}/m.json`,
      "--out-tfjs",
      `${dir}/tf`,
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(files(`${dir}/tf`), ["model.json", "weights.bin"]);
    const ours = await runCli("train.ts", [
      ...args,
      "--impl",
      "tfjs",
      "--init-model",
      `${dir}/m.json`,
    ]);
    assert.equal(ours.code, 0, ours.stderr);
    assert.match(ours.stdout, /resumed .*m\.json after its epoch 5/);
    const theirs = await runCli("train.ts", [
      ...args,
      "--impl",
      "tfjs",
      "--init-model",
      `${dir}/tf`,
    ]);
    assert.equal(theirs.code, 0, theirs.stderr);
    assert.match(
      theirs.stdout,
      /started from the weights of .*tf\/model\.json \(fresh optimizer: a TF\.js model holds no optimizer state\)/,
    );
  });
});

Deno.test("train --out-tfjs: tf.loadLayersModel loads it and predicts as deno task predict does", async () => {
  await inTempDir(async (dir) => {
    const r = await runCli("train.ts", [
      "--shortcut",
      "--out",
      `${dir}/m.json`,
      "--out-tfjs",
      `${dir}/tf`,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /TF\.js model saved to .*tf\/model\.json \(\+ weights\.bin\)/);
    const tf = await loadBackend("cpu");
    const model = await tf.loadLayersModel(
      tf.io.http(`file://${dir}/tf/model.json`, { fetchFunc: fetch }),
    );
    const xor = loadDataset("xor");
    const got = tf.tidy(() =>
      (model.predict(tf.tensor2d(Array.from(xor.inputs), [4, 2])) as ReturnType<typeof tf.tensor>)
        .dataSync()
    );
    model.dispose();
    const want = predictFlat(validateModel(await readJson(`${dir}/m.json`)), xor.inputs, 4);
    // float32 weights and arithmetic against float64: within 1e-6 (see
    // packages/tfjs/layers_format_test.ts, measured ≤ 1.1e-7 on sigmoid outputs).
    want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) <= 1e-6, `${got[i]} vs ${w}`));
  });
});

Deno.test("train --init-model / --out-tfjs: bad input is one line, exit 2, nothing written", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/conv.json`,
      JSON.stringify({
        modelTopology: {
          class_name: "Sequential",
          config: { layers: [{ class_name: "Conv2D", config: { name: "conv2d_1" } }] },
        },
        weightsManifest: [],
      }),
    );
    const small = await runCli("train.ts", [
      "--hidden",
      "3",
      "--epochs",
      "3",
      "--out",
      `${dir}/s.json`,
    ]);
    assert.equal(small.code, 0, small.stderr);
    const bad = await readJson(`${dir}/s.json`);
    bad.state!.first[0] = [];
    await Deno.writeTextFile(`${dir}/bad.json`, JSON.stringify(bad));
    const cases: [string[], RegExp][] = [
      [
        ["--init-model", `${dir}/s.json`],
        /^error: --init-model .*s\.json: layer sizes \[2,3,1\] are not allowed; the config and dataset xor need \[2,8,1\]/,
      ],
      [
        ["--init-model", `${dir}/conv.json`],
        /^error: --init-model .*conv\.json: layer conv2d_1 \(Conv2D\) is not supported; only Dense layers are read\n$/,
      ],
      [
        ["--init-model", `${dir}/none.json`],
        /^error: --init-model: cannot read .*none\.json.*: no such file\n$/,
      ],
      [
        ["--out-tfjs", `${dir}/s.json`],
        /^error: --out-tfjs: .* is not allowed; it is a file, expected a directory\n$/,
      ],
      [
        ["--hidden", "3", "--init-model", `${dir}/bad.json`],
        /^error: --init-model .*bad\.json: state\.first\[0\]: \[\] is not allowed; expected an array of 6 numbers\n$/,
      ],
    ];
    for (const [args, message] of cases) {
      const out = await runCli("train.ts", [
        "--out",
        `${dir}/new.json`,
        "--out-tfjs",
        `${dir}/new`,
        ...args,
      ]);
      assert.ok(isOneLineError(out), `${args}: ${out.code} ${out.stderr}`);
      assert.match(out.stderr, message);
    }
    assert.deepEqual(files(dir), ["bad.json", "conv.json", "s.json"]);
  });
});

Deno.test("train --init-model --impl reference: the saved optimizer state is set aside, and the report says so", async () => {
  await inTempDir(async (dir) => {
    const args = [...BASE, "--optimizer", "adam", "--epochs", "3"];
    const first = await runCli("train.ts", [...args, "--out", `${dir}/m.json`]);
    assert.equal(first.code, 0, first.stderr);
    const again = await runCli("train.ts", [
      ...args,
      "--impl",
      "reference",
      "--init-model",
      `${dir}/m.json`,
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /fresh optimizer: the reference engine resumes no optimizer/);
  });
});
