// End-to-end tests of generated data, data files, the test split and the pictures:
// the real entry point as a subprocess, several at once.
import assert from "node:assert/strict";
import { validateModel } from "@backprop/core";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";

const train = (...args: string[]) => runCli("train.ts", args);

Deno.test("train: a generated dataset with a test split, its pictures and model, on both engines", async () => {
  await inTempDir(async (dir) => {
    const data = [
      ...["--dataset", "circle", "--samples", "120", "--noise", "0.1", "--test-split", "0.25"],
      ...["--epochs", "300"],
    ];
    const outputs = (impl: string) => [
      ...["--impl", impl, "--out", `${dir}/${impl}.json`],
      ...["--plot", `${dir}/${impl}-loss.svg`, "--boundary", `${dir}/${impl}-boundary.svg`],
    ];
    const [text, json] = await Promise.all([
      train(...data, ...outputs("manual")),
      train(...data, ...outputs("tfjs"), "--json"),
    ]);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stderr, "");
    const out = text.stdout;
    assert.match(out, /^backprop: manual on circle \(90 training rows, 30 test rows\)$/m);
    assert.match(out, /^config +.*dataset=circle samples=120 noise=0\.1 test-split=0\.25 /m);
    assert.match(out, /^curve +[▁▂▃▄▅▆▇█ ]{40} +train loss, epochs 1–\d+, log scale$/m);
    assert.match(out, /^final weights +bce loss +accuracy$/m);
    assert.match(out, /^train +[\d.e-]+ +[\d.]+% \(\d+\/90\)$/m);
    assert.match(out, /^test +[\d.e-]+ +[\d.]+% \(\d+\/30\)$/m);
    // The character heat map: 20 lines of 40, then its legend.
    assert.match(out, /\n(.{40}\n){20}x₁ .* o\/x class 0\/1, O\/X test\n/);
    assert.equal(out.match(/[✓✗]$/gm)?.length, 16);
    assert.match(out, /… and 74 more rows\n\d+\/90 rows right \([\d.]+%\)\n/);
    assert.match(
      out,
      /model saved to .*manual\.json\nloss curve saved to .*manual-loss\.svg\ndecision boundary saved to .*manual-boundary\.svg\n$/,
    );

    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(
      [report.config.samples, report.config.noise, report.config.testSplit],
      [120, 0.1, 0.25],
    );
    assert.equal(report.evaluation.train.rows, 90);
    assert.equal(report.evaluation.test.rows, 30);
    assert.ok(report.evaluation.test.accuracy > 0.7, `${report.evaluation.test.accuracy}`);
    assert.equal(report.predictions.length, 90);

    assert.deepEqual(files(dir), [
      "manual-boundary.svg",
      "manual-loss.svg",
      "manual.json",
      "tfjs-boundary.svg",
      "tfjs-loss.svg",
      "tfjs.json",
    ]);
    for (const impl of ["manual", "tfjs"]) {
      const saved = JSON.parse(await Deno.readTextFile(`${dir}/${impl}.json`));
      validateModel(saved);
      assert.deepEqual([saved.config.samples, saved.config.testSplit], [120, 0.25]);
      assert.equal(saved.training.impl, impl);
      const loss = await Deno.readTextFile(`${dir}/${impl}-loss.svg`);
      assert.ok(loss.startsWith("<svg") && loss.trimEnd().endsWith("</svg>"));
      assert.match(loss, /train: \d+ values/);
      const boundary = await Deno.readTextFile(`${dir}/${impl}-boundary.svg`);
      assert.ok(boundary.startsWith("<svg") && boundary.includes("test points"));
      assert.match(boundary, new RegExp(`circle: 8 hidden, tanh, \\d+ epochs \\(${impl}`));
    }
    // Both engines measure the test loss every epoch: the curve and the sparkline show it.
    for (const impl of ["manual", "tfjs"]) {
      const svg = await Deno.readTextFile(`${dir}/${impl}-loss.svg`);
      assert.match(svg, /test: \d+ values/, impl);
    }
    assert.match(
      await Deno.readTextFile(`${dir}/tfjs-loss.svg`),
      new RegExp(`test: ${report.epochsRun} values`),
    );
    assert.match(out, /^ {10}[▁▂▃▄▅▆▇█ ]{40} +test loss$/m);
  });
});

Deno.test("train: --data CSV and JSON files, regression and several targets", async () => {
  await inTempDir(async (dir) => {
    // y = x1 − 2·x2 + 0.5·x3: a regression problem with 3 inputs.
    const rows = Array.from({ length: 24 }, (_, i) => {
      const x = [i % 3, (i >> 1) % 4 / 4, ((i * 7) % 5) / 5];
      return [...x, x[0] - 2 * x[1] + 0.5 * x[2]];
    });
    await Deno.writeTextFile(
      `${dir}/linear.csv`,
      "# a linear function\nx1,x2,x3,y\n" + rows.map((r) => r.join(",")).join("\n") + "\n",
    );
    await Deno.writeTextFile(
      `${dir}/gates.csv`,
      "a,b,and,or\n0,0,0,0\n0,1,0,1\n1,0,0,1\n1,1,1,1\n",
    );
    await Deno.writeTextFile(
      `${dir}/xor.json`,
      JSON.stringify({ inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [[0], [1], [1], [0]] }),
    );
    const regression = ["--output-activation", "linear", "--loss", "mse", "--epochs", "300"];
    const [linear, gates, xor] = await Promise.all([
      train("--data", `${dir}/linear.csv`, ...regression, "--plot", `${dir}/linear.svg`),
      train("--data", `${dir}/gates.csv`, "--targets", "2", "--epochs", "500"),
      train("--data", `${dir}/xor.json`, "--boundary", `${dir}/xor.svg`),
    ]);

    assert.equal(linear.code, 0, linear.stderr);
    assert.match(linear.stdout, /^backprop: manual on linear\.csv \(24 rows\)$/m);
    assert.match(linear.stdout, new RegExp(`dataset=${dir}/linear\\.csv `));
    assert.match(linear.stdout, /^ +x1 +x2 +x3 +target +output$/m);
    assert.ok(!/[✓✗]/.test(linear.stdout), "no right/wrong marks for regression");
    assert.ok(!linear.stdout.includes("x₁"), "no heat map for 3 inputs");
    assert.match(linear.stdout, /… and 8 more rows\nmse [\d.e-]+ over 24 rows\nloss curve saved/);

    assert.equal(gates.code, 0, gates.stderr);
    assert.match(gates.stdout, /^ +x1 +x2 +target1 +target2 +output1 +output2 +class$/m);
    assert.match(gates.stdout, /^4\/4 rows right$/m);

    assert.equal(xor.code, 0, xor.stderr);
    assert.match(xor.stdout, /^backprop: manual on xor\.json \(4 rows\)$/m);
    assert.match(xor.stdout, /x₁ .* o\/x class 0\/1\n/);
    assert.match(xor.stdout, /^4\/4 rows right\ndecision boundary saved to /m);
    assert.deepEqual(files(dir), ["gates.csv", "linear.csv", "linear.svg", "xor.json", "xor.svg"]);
  });
});

Deno.test("train: bad data exits 2 with file, line and column, no stack, nothing written", async () => {
  await inTempDir(async (dir) => {
    const inputs: Record<string, string> = {
      "cell.csv": "x,y,label\n0,1,1\n0.5,oops,0\n",
      "ragged.csv": "x,y,label\n0,1,1\n0.5,1\n",
      "empty.csv": "",
      "header.csv": "x,y,label\n# no rows\n",
      "broken.json": `{"inputs": [[0, 1]], "targets": [1`,
      "three.csv": "a,b,c,y\n0,0,0,1\n",
    };
    for (const [name, text] of Object.entries(inputs)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    const write = ["--out", `${dir}/m.json`, "--plot", `${dir}/p.svg`];
    const cases: [string[], string][] = [
      [["--data", `${dir}/cell.csv`], `cell.csv:3:2: "oops" is not a number`],
      [
        ["--data", `${dir}/ragged.csv`],
        "ragged.csv:3:3: missing value: 2 values, expected 3 like the header (label is missing)",
      ],
      [["--data", `${dir}/empty.csv`], "empty.csv: the file is empty"],
      [["--data", `${dir}/header.csv`], "header.csv: no data rows after the header on line 1"],
      [["--data", `${dir}/broken.json`], "broken.json:1:"],
      [["--data", `${dir}/nope.csv`], "nope.csv: no such file"],
      [["--data", `${dir}/three.csv`, "--boundary", `${dir}/b.svg`], "--boundary: three.csv has 3"],
      [["--samples", "10"], "--samples: only a generated dataset"],
      [["--dataset", "gauss", "--test-split", "1"], "--test-split: 1 is not allowed"],
      [["--targets", "x"], `--targets: "x" is not allowed`],
    ];
    const outputs = await Promise.all(cases.map(([args]) => train(...args, ...write)));
    cases.forEach(([args, part], i) => {
      const out = outputs[i];
      const what = `${args.join(" ")} → ${out.stderr}`;
      assert.ok(isOneLineError(out), what);
      assert.ok(out.stderr.includes(part), `${what} lacks ${part}`);
    });
    assert.deepEqual(files(dir), Object.keys(inputs).sort());
  });
});

Deno.test("train: a diverged run writes its loss curve, but no model and no boundary", async () => {
  await inTempDir(async (dir) => {
    const diverge = ["--optimizer", "sgd", "--loss", "sse", "--output-activation", "linear"];
    const out = await train(
      ...diverge,
      ...["--lr", "1e6", "--out", `${dir}/m.json`, "--plot", `${dir}/p.svg`],
      ...["--boundary", `${dir}/b.svg`],
    );
    assert.equal(out.code, 3, out.stderr);
    assert.match(out.stdout, /loss curve saved to .*p\.svg\n$/);
    assert.ok(!out.stdout.includes("x₁"), "no heat map of a NaN model");
    assert.deepEqual(files(dir), ["p.svg"]);
    assert.match(await Deno.readTextFile(`${dir}/p.svg`), /^<svg[^]*diverged[^]*<\/svg>\s*$/);
  });
});

Deno.test("train: targets outside [0, 1] for a sigmoid output are one line naming the file and row", async () => {
  await inTempDir(async (dir) => {
    const csv = `${dir}/t.csv`;
    await Deno.writeTextFile(csv, "a,b,y\n0,0,0\n0,1,5\n1,0,1\n1,1,0\n");
    const [bce, linear] = await Promise.all([
      train("--data", csv, "--out", `${dir}/m.json`, "--epochs", "5"),
      train("--data", csv, "--output-activation", "linear", "--loss", "mse", "--epochs", "5"),
    ]);
    assert.ok(isOneLineError(bce), bce.stderr);
    assert.equal(
      bce.stderr,
      `error: --data ${csv}: row 2 has target 5; expected a value in [0, 1] for a sigmoid output ` +
        "(loss bce); use --output-activation linear with --loss mse or sse for other targets\n",
    );
    assert.deepEqual(files(dir), ["t.csv"]);
    assert.equal(linear.code, 0, linear.stderr);
  });
});

Deno.test("train: a data file is read up to 100 MiB; a byte order mark is allowed", async () => {
  await inTempDir(async (dir) => {
    const csv = `${dir}/bom.csv`;
    await Deno.writeTextFile(csv, "\uFEFFa,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
    const [endless, bom] = await Promise.all([
      train("--data", "/dev/zero"),
      train("--data", csv, "--epochs", "2", "--json"),
    ]);
    assert.ok(isOneLineError(endless), endless.stderr);
    assert.equal(
      endless.stderr,
      "error: /dev/zero: larger than 100 MiB, the most a data file may hold\n",
    );
    assert.equal(bom.code, 0, bom.stderr);
    assert.equal(JSON.parse(bom.stdout).predictions.length, 4);
  });
});
