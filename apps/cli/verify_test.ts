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
