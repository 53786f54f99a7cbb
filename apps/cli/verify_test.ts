import assert from "node:assert/strict";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";
import { fileURLToPath } from "node:url";
import { loadDataset, resolveConfig } from "@backprop/core";
import { testFaults } from "@backprop/manual";
import { formatVerify, main, verifyEngines, verifyHelpText } from "./verify.ts";

/** Runs `main` in process, capturing what it prints. */
async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => err.push(parts.join(" "));
  try {
    const code = await main(argv);
    return { code, stdout: out.join("\n"), stderr: err.join("\n") };
  } finally {
    console.log = log;
    console.error = error;
  }
}

const CHECKS = [
  "loss curve",
  "epochs run",
  "loss (first batch)",
  "gradient W1",
  "gradient W2",
  "weights (end)",
  "outputs (end)",
  "gradient check",
];

Deno.test("verifyEngines: the seed configuration passes every check", async () => {
  const config = resolveConfig({ preset: "seed", epochs: 1000 });
  const report = await verifyEngines(config, loadDataset("xor"), "cpu");
  assert.deepEqual(report.checks.map((c) => c.name), CHECKS);
  assert.ok(report.pass, formatVerify(report));
  assert.deepEqual(report.losses.map((p) => p.epoch), [1, 10, 100, 1000]);
  for (const c of report.checks) {
    assert.ok(c.value <= c.tolerance, c.name);
    assert.ok(c.reason.length > 0 && c.detail.length > 0, c.name);
  }
  const text = formatVerify(report);
  assert.match(text, /^verify: manual \(float64\) vs tfjs \(cpu, float32\)/);
  assert.match(text, /\nverify: PASS \(8 checks\)$/);
  assert.equal(text.match(/^PASS /gm)?.length, 8);
});

Deno.test("verify: tanh/Adam/mini-batch on parity:3 passes, with bias gradients checked", async () => {
  const { code, stdout } = await run(
    ...["--activation", "tanh", "--optimizer", "adam", "--batch-size", "2"],
    ...["--dataset", "parity:3", "--json"],
  );
  const report = JSON.parse(stdout);
  assert.equal(code, 0, stdout);
  assert.equal(report.pass, true);
  assert.equal(report.backend, "cpu");
  assert.ok(report.checks.some((c: { name: string }) => c.name === "gradient b2"));
});

Deno.test("verify: relu with zero biases checks the gradient away from the kink", async () => {
  const report = await verifyEngines(
    resolveConfig({ activation: "relu", epochs: 50 }),
    loadDataset("xor"),
    "wasm",
  );
  const check = report.checks.find((c) => c.name === "gradient check")!;
  assert.ok(check.pass, check.detail);
  assert.match(check.detail, /initial weights \+ 0\.001/);
});

Deno.test("verify: a wrong derivative in the manual engine fails, exit 4", async () => {
  testFaults.wrongDerivative = true;
  let result;
  try {
    result = await run("--preset", "seed", "--epochs", "300");
  } finally {
    testFaults.wrongDerivative = false;
  }
  const { code, stdout } = result;
  assert.equal(code, 4); // EXIT.disagree
  for (const name of ["gradient W1", "gradient check", "loss curve", "weights (end)"]) {
    assert.match(stdout, new RegExp(`^FAIL  ${name.replace(/[()]/g, "\\$&")} `, "m"), name);
  }
  // The output layer's own gradient does not use the hidden derivative: still right.
  assert.match(stdout, /^PASS {2}gradient W2 /m);
  assert.match(stdout, /\nverify: FAIL \(\d+ of 8 checks: [^\n]*gradient W1/);
  // And once the seam is reset, the same run passes again.
  assert.equal((await run("--preset", "seed", "--epochs", "300")).code, 0);
});

Deno.test("verify: bad input exits 2 with one line; --help exits 0", async () => {
  const cases: [string[], RegExp][] = [
    [["--impl", "manual"], /^error: --impl: verify always compares/],
    [["--out", "m.json"], /^error: --out: verify writes no model/],
    [["--backend", "gpu"], /^error: --backend: "gpu" is not allowed/],
    [["--backend", "tensorflow"], /^error: backend tensorflow: @tensorflow\/tfjs-node is not/],
    [["--lr", "-1"], /^error: --lr: -1 is not allowed/],
    // Checked before training, like train's outputs.
    [["--plot", "/proc/v.svg"], /^error: --plot: cannot write "\/proc\/v\.svg": cannot create /],
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
  assert.match(help.stdout, /^Usage: deno task verify/);
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
  assert.equal(report.backend, "wasm");
  assert.equal(report.manual.epochsRun, 200);
});

Deno.test("deno task verify --plot: both engines' loss curves in one SVG; --boundary is refused", async () => {
  await inTempDir(async (dir) => {
    const permissions = ["--allow-read", "--allow-write", "--allow-env"]; // the task's
    const [plotted, boundary, explain] = await Promise.all([
      runCli("verify.ts", [
        ...["--dataset", "gauss", "--samples", "40", "--test-split", "0.25", "--epochs", "60"],
        ...["--plot", `${dir}/verify.svg`],
      ], { permissions }),
      runCli("verify.ts", ["--boundary", `${dir}/b.svg`], { permissions }),
      runCli("verify.ts", ["--explain"], { permissions }),
    ]);
    assert.equal(plotted.code, 0, plotted.stdout + plotted.stderr);
    assert.match(plotted.stdout, /verify: PASS .*\nloss curves saved to .*verify\.svg\n$/);
    const svg = await Deno.readTextFile(`${dir}/verify.svg`);
    assert.match(svg, /manual \(float64\): \d+ values/);
    assert.match(svg, /tfjs \(cpu, float32\): \d+ values/);
    assert.match(svg, /tfjs test: \d+ values/);
    assert.ok(isOneLineError(boundary) && boundary.stderr.includes("--boundary: verify draws"));
    assert.ok(isOneLineError(explain) && explain.stderr.includes("--explain: verify explains"));
    assert.deepEqual(files(dir), ["verify.svg"]);
  });
});
