import assert from "node:assert/strict";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";
import { fileURLToPath } from "node:url";
import { main, verifyHelpText } from "./verify.ts";

/** Runs `main` in process, capturing what it prints. */
async function run(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const code = await main(argv, import.meta.url);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

Deno.test("verify: the seed configuration passes every check, with a trajectory line", async () => {
  const { code, stdout } = await run("--preset", "seed", "--epochs", "300");
  assert.equal(code, 0, stdout);
  for (
    const name of [
      "batch rows",
      "update W1",
      "loss (oracle)",
      "gradient W1 (oracle)",
      "gradient W2 (oracle)",
      "gradient W2 (tfjs)",
    ]
  ) {
    assert.match(stdout, new RegExp(`^PASS  ${name.replace(/[()]/g, "\\$&")} `, "m"), name);
  }
  assert.match(stdout, /^trajectory \(reported, not judged\): trained apart for 300 epochs/m);
  assert.match(stdout, /\nverify: PASS \(\d+ checks\)$/);
});

Deno.test("verify --json: every check with value, tolerance and verdict", async () => {
  const { code, stdout } = await run(
    ...["--activation", "tanh", "--optimizer", "adam", "--batch-size", "2"],
    ...["--dataset", "parity:3", "--epochs", "100", "--json", "--no-tfjs"],
  );
  assert.equal(code, 0, stdout);
  const report = JSON.parse(stdout);
  assert.equal(report.pass, true);
  assert.equal(report.tfjs, null);
  assert.equal(report.trajectory, null);
  for (const c of report.checks) {
    assert.equal(typeof c.value, "number");
    assert.equal(typeof c.tolerance, "number");
    assert.equal(c.pass, true, c.name);
  }
  assert.ok(report.checks.some((c: { name: string }) => c.name === "gradient b2 (oracle)"));
  assert.equal(report.steps, 400); // 100 epochs × 4 batches of 2 rows
});

Deno.test("verify: bad input exits 2 with one line; --help exits 0", async () => {
  const cases: [string[], RegExp][] = [
    [["--out", "m.json"], /^error: --out: verify writes no model/],
    [["--backend", "gpu"], /^error: --backend: "gpu" is not allowed/],
    [["--backend", "tensorflow"], /^error: backend tensorflow: @tensorflow\/tfjs-node is not/],
    [["--lr", "-1"], /^error: --lr: -1 is not allowed/],
    // Checked before training, like train's outputs.
    [["--plot", "/proc/v.svg"], /^error: --plot: cannot write "\/proc\/v\.svg": cannot create /],
    [["--impl"], /^error: --impl: expected a module file/],
  ];
  for (const [argv, message] of cases) {
    const { code, stdout, stderr } = await run(...argv);
    assert.equal(code, 2, argv.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, message);
  }
  const help = await run("--help");
  assert.equal(help.code, 0);
  assert.equal(help.stdout, verifyHelpText());
});

Deno.test("deno task verify --json: one JSON object on stdout, no TF.js banner", async () => {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      "--allow-read",
      "--allow-env",
      fileURLToPath(new URL("./verify.ts", import.meta.url)),
      ...["--preset", "seed", "--epochs", "200", "--json", "--backend", "wasm"],
    ],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(stdout);
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  assert.doesNotMatch(new TextDecoder().decode(stderr), /TensorFlow\.js in Node/);
  assert.equal(text.trim().split("\n").length, 1);
  const report = JSON.parse(text);
  assert.equal(report.pass, true);
  assert.equal(report.tfjs, "wasm");
  assert.equal(report.trajectory.epochs, 200);
});

Deno.test("deno task verify --plot: both engines' loss curves in one SVG; --boundary is refused", async () => {
  await inTempDir(async (dir) => {
    const permissions = ["--allow-read", "--allow-write", "--allow-env"]; // the task's
    const [plotted, boundary] = await Promise.all([
      runCli("verify.ts", [
        ...["--dataset", "gauss", "--samples", "40", "--epochs", "60"],
        ...["--plot", `${dir}/verify.svg`],
      ], { permissions }),
      runCli("verify.ts", ["--boundary", `${dir}/b.svg`], { permissions }),
    ]);
    assert.equal(plotted.code, 0, plotted.stdout + plotted.stderr);
    assert.match(plotted.stdout, /verify: PASS .*\nloss curves saved to .*verify\.svg\n$/);
    const svg = await Deno.readTextFile(`${dir}/verify.svg`);
    assert.match(svg, /manual \(float64\): \d+ values/);
    assert.match(svg, /tfjs \(cpu, float32\): \d+ values/);
    assert.ok(isOneLineError(boundary) && boundary.stderr.includes("--boundary: verify draws"));
    assert.deepEqual(files(dir), ["verify.svg"]);
  });
});

Deno.test("verify --impl: the example's solution passes, its starter fails with a grade", async () => {
  const solution = await run("--impl", "../../examples/verify/solution.ts", "--epochs", "100");
  assert.equal(solution.code, 0, solution.stdout + solution.stderr);
  assert.match(solution.stdout, /^verify: \.\.\/\.\.\/examples\/verify\/solution\.ts against/);
  assert.match(solution.stdout, /^grade: 4 of 4 gradient tensors right$/m);
  const starter = await run("--impl", "../../examples/verify/starter.ts", "--epochs", "100");
  assert.equal(starter.code, 4, starter.stdout + starter.stderr); // EXIT.disagree
  assert.match(
    starter.stdout,
    /^FAIL {2}gradient W1 \(oracle\) {2}\S+ > 1\.0e-10 {2}first wrong at step 1 /m,
  );
  assert.match(starter.stdout, /^grade: 0 of 4 gradient tensors right; wrong: W1 from step 1/m);
  // With a shortcut the solution still passes (every tensor, W_s too).
  const shortcut = await run(
    ...["--impl", "../../examples/verify/solution.ts", "--shortcut", "--activation", "relu"],
    ...["--optimizer", "momentum", "--batch-size", "2", "--dataset", "parity:3", "--epochs", "50"],
  );
  assert.equal(shortcut.code, 0, shortcut.stdout);
  assert.match(shortcut.stdout, /^PASS {2}gradient Ws \(oracle\)/m);
});

Deno.test("verify --impl reference: the reference engine passes every check", async () => {
  const { code, stdout } = await run(
    ...["--impl", "reference", "--dataset", "parity:3", "--batch-size", "3", "--shortcut"],
    ...["--activation", "leaky-relu", "--epochs", "100", "--no-tfjs"],
  );
  assert.equal(code, 0, stdout);
  assert.match(stdout, /^verify: reference against the float64 oracle/);
  assert.match(stdout, /^grade: 5 of 5 gradient tensors right$/m);
});

Deno.test("verify --impl: a planted bug of the catalogue fails, exit 4, naming the tensor and step", async () => {
  const { code, stdout } = await run("--impl", "./testdata/verify_bug.ts", "--epochs", "100");
  assert.equal(code, 4, stdout); // EXIT.disagree
  assert.match(stdout, /^FAIL {2}gradient W1 \(oracle\) .* first wrong at step 1 /m);
  assert.match(stdout, /^PASS {2}gradient W2 \(oracle\)/m); // the output layer does not use f′ of the hidden layer
  assert.match(stdout, /\nverify: FAIL \(\d+ of \d+ checks: gradient W1 \(oracle\) from step 1/);
});

Deno.test("verify --impl: a bad module is one line naming it and what is wrong, exit 2", async () => {
  await inTempDir(async (dir) => {
    const modules: Record<string, [string, RegExp]> = {
      "none.ts": ["export const x = 1;", /exports no `gradients` function/],
      "throws.ts": [
        "export function gradients() { throw new Error('not yet'); }",
        /gradients threw at step 1: not yet/,
      ],
      "shape.ts": [
        "export function gradients(m) { return { layers: m.layers.map(() => ({ weights: [1], biases: [] })) }; }",
        /at step 1, gradients: layers\[0\]\.weights has 1 values; expected 16/,
      ],
      "nan.ts": [
        "export function gradients(m) { return { layers: m.layers.map((l) => ({ weights: l.weights.map(() => NaN), biases: l.biases.map(() => 0) })) }; }",
        /gradients: layers\[0\]\.weights\[0\] is NaN; expected a finite number/,
      ],
      "syntax.ts": ["export function (", /cannot be loaded/],
    };
    for (const [name, [text, message]] of Object.entries(modules)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
      const out = await run("--impl", `${dir}/${name}`, "--epochs", "5", "--no-tfjs");
      assert.equal(out.code, 2, name);
      assert.equal(out.stdout, "", name);
      assert.match(out.stderr, new RegExp(`^error: --impl ${dir}/${name}: `), name);
      assert.match(out.stderr, message, name);
      assert.equal(out.stderr.split("\n").length, 1, name);
    }
    const missing = await run("--impl", `${dir}/missing.ts`, "--no-tfjs");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^error: --impl .*missing\.ts: cannot be loaded/);
  });
});

Deno.test("verify --dataset iris: PASS with the default output and with softmax, cce and l2", async () => {
  for (
    const extra of [[], ["--output-activation", "softmax", "--loss", "cce", "--l2", "0.001"]]
  ) {
    const out = await runCli("verify.ts", ["--dataset", "iris", "--epochs", "60", ...extra]);
    assert.equal(out.code, 0, out.stdout + out.stderr);
    assert.match(out.stdout, /verify: PASS/);
  }
  const refused = await runCli("verify.ts", ["--dataset", "iris", "--patience", "3"]);
  assert.ok(isOneLineError(refused), refused.stderr);
});
