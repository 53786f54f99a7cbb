import assert from "node:assert/strict";
import { generateDataset, predictFlat, validateModel } from "@backprop/core";
import { parseInputRows, parsePredictArgs } from "./predict.ts";
import { UsageError } from "@backprop/cli-kit";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";

const PREDICT = ["--allow-read"]; // the task's permissions

Deno.test("parsePredictArgs: flags, values, negative numbers, commas and --", () => {
  const args = parsePredictArgs(["--model", "m.json", "0.5", "-1", "--impl=tfjs", "2,3"]);
  assert.deepEqual(args, {
    model: "m.json",
    impl: "tfjs",
    backend: undefined,
    values: [0.5, -1, 2, 3],
    help: false,
    version: false,
  });
  assert.deepEqual(parsePredictArgs(["--model=m", "--", "-0.5", "1e-3"]).values, [-0.5, 1e-3]);
  assert.equal(parsePredictArgs(["-h"]).help, true);
  assert.equal(parsePredictArgs(["--impl", "tfjs", "--backend", "wasm"]).backend, "wasm");
  const rejected: [string[], string][] = [
    [["--model"], "--model: missing value"],
    [["--impl", "torch"], `--impl: "torch" is not allowed`],
    [["--backend", "wasm"], "--backend: only --impl tfjs"],
    [["--lr", "1"], "--lr: unknown flag"],
    [["abc"], `"abc" is not a number`],
  ];
  for (const [argv, message] of rejected) {
    assert.throws(
      () => parsePredictArgs(argv),
      (e) => e instanceof UsageError && e.message.startsWith(message),
      argv.join(" "),
    );
  }
});

Deno.test("parseInputRows: rows of numbers, an optional header, comments; errors with line and column", () => {
  assert.deepEqual(parseInputRows("x1,x2\n0, 1\n\n# note\n1 1\n", 2, "stdin"), {
    rows: 2,
    inputs: Float64Array.of(0, 1, 1, 1),
  });
  assert.equal(parseInputRows("-1,2.5e-1\n", 2, "stdin").rows, 1);
  const rejected: [string, string][] = [
    ["0,1\n1,x\n", `stdin:2:2: "x" is not a number`],
    ["a,b\nc,d\n", `stdin:2:1: "c" is not a number`],
    ["0,1\n0,1,1\n", "stdin:2: 3 values, expected 2 (the model takes 2 inputs)"],
    ["x1,x2\n", "stdin: no input rows"],
    ["", "stdin: no input rows"],
  ];
  for (const [text, message] of rejected) {
    assert.throws(
      () => parseInputRows(text, 2, "stdin"),
      (e) => e instanceof UsageError && e.message.startsWith(message),
      JSON.stringify(text),
    );
  }
});

/** Parses predict's output: one line per row, comma-separated numbers. */
function parseOutput(stdout: string): number[][] {
  return stdout.trimEnd().split("\n").map((line) => line.split(",").map(Number));
}

Deno.test("predict: a model trained by either engine gives the same outputs in either engine", async () => {
  await inTempDir(async (dir) => {
    const fit = ["--dataset", "xor2d", "--samples", "60", "--epochs", "200", "--hidden", "6"];
    const trained = await Promise.all(
      ["manual", "tfjs"].map((impl) =>
        runCli("train.ts", [...fit, "--impl", impl, "--out", `${dir}/${impl}.json`])
      ),
    );
    for (const out of trained) assert.equal(out.code, 0, out.stderr);
    const points = generateDataset("spiral", { samples: 25, seed: 9 });
    const csv = "x1,x2\n" +
      Array.from(
        { length: points.rows },
        (_, r) => `${points.inputs[2 * r]},${points.inputs[2 * r + 1]}`,
      )
        .join("\n") +
      "\n";
    const runs = ["manual", "tfjs"].flatMap((model) =>
      ["manual", "tfjs"].map((impl) => ({ model, impl }))
    );
    const outputs = await Promise.all(runs.flatMap(({ model, impl }) => [
      runCli("predict.ts", ["--model", `${dir}/${model}.json`, "--impl", impl], {
        stdin: csv,
        permissions: PREDICT,
      }),
      runCli("predict.ts", ["--model", `${dir}/${model}.json`, "--impl", impl, "0.3", "-0.45"], {
        permissions: PREDICT,
      }),
    ]));
    for (const [i, { model, impl }] of runs.entries()) {
      const [rows, one] = [outputs[2 * i], outputs[2 * i + 1]];
      assert.equal(rows.code, 0, rows.stderr);
      assert.equal(one.code, 0, one.stderr);
      assert.equal(rows.stderr, "");
      const weights = validateModel(JSON.parse(await Deno.readTextFile(`${dir}/${model}.json`)));
      const expected = predictFlat(weights, points.inputs, points.rows);
      const got = parseOutput(rows.stdout);
      assert.equal(got.length, points.rows);
      const tolerance = impl === "manual" ? 0 : 1e-6; // manual predict is predictFlat itself
      got.forEach(([o], r) => {
        assert.ok(
          Math.abs(o - expected[r]) <= tolerance,
          `${model} model on ${impl}, row ${r}: ${o} vs ${expected[r]}`,
        );
      });
      const single = predictFlat(weights, Float64Array.of(0.3, -0.45), 1)[0];
      assert.ok(Math.abs(parseOutput(one.stdout)[0][0] - single) <= tolerance);
    }
  });
});

Deno.test("predict: bad input exits 2 with one line naming what is expected", async () => {
  await inTempDir(async (dir) => {
    await runCli("train.ts", ["--epochs", "3", "--out", `${dir}/m.json`]);
    const saved = JSON.parse(await Deno.readTextFile(`${dir}/m.json`));
    await Deno.writeTextFile(`${dir}/v2.json`, JSON.stringify({ ...saved, version: 2 }));
    saved.layers[0].weights[1] = "x";
    await Deno.writeTextFile(`${dir}/nan.json`, JSON.stringify(saved));
    await Deno.writeTextFile(`${dir}/text.json`, "not json");
    const m = `${dir}/m.json`;
    const cases: [string[], string | undefined, string][] = [
      [["--model", m, "1"], undefined, "1 input value given; the model takes 2 inputs, so give 2"],
      [["--model", m, "1", "2", "3"], undefined, "3 input values given; the model takes 2"],
      [["--model", m], "0,1\n1,0,1\n", "stdin:2: 3 values, expected 2"],
      [["--model", m], "0,1\n1,zero\n", `stdin:2:2: "zero" is not a number`],
      [["--model", m], "", "stdin: no input rows"],
      [["1", "2"], undefined, "--model: missing"],
      [["--model", `${dir}/none.json`, "1", "2"], undefined, "--model: cannot read"],
      [["--model", `${dir}/text.json`, "1", "2"], undefined, "text.json: not valid JSON"],
      [["--model", `${dir}/v2.json`, "1", "2"], undefined, "v2.json: model.version: 2"],
      [["--model", `${dir}/nan.json`, "1", "2"], undefined, `model.layers[0].weights[1]: "x"`],
    ];
    const outputs = await Promise.all(
      cases.map(([args, stdin]) => runCli("predict.ts", args, { stdin, permissions: PREDICT })),
    );
    cases.forEach(([args, , part], i) => {
      const out = outputs[i];
      const what = `${args.join(" ")} → ${out.stderr}`;
      assert.ok(isOneLineError(out), what);
      assert.ok(out.stderr.includes(part), `${what} lacks ${part}`);
    });
    assert.deepEqual(files(dir), ["m.json", "nan.json", "text.json", "v2.json"]);
    const help = await runCli("predict.ts", ["--help"], { permissions: PREDICT });
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: deno task predict --model FILE/);
  });
});
