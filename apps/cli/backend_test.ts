// `--backend` and `--impl tfjs`, in process and end to end (as `deno task train` runs).
import assert from "node:assert/strict";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { BACKENDS } from "@backprop/tfjs";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend, tensorflowCommand } from "./backend.ts";
import { UsageError } from "@backprop/cli-kit";

const TRAIN = fileURLToPath(new URL("./train.ts", import.meta.url));

async function train(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", "--allow-read", "--allow-write", "--allow-env", TRAIN, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

Deno.test("BACKEND_NAMES: the backends of @backprop/tfjs, cpu first", () => {
  assert.deepEqual(BACKEND_NAMES, BACKENDS);
});

Deno.test("parseBackend: a backend name, or a UsageError naming them", () => {
  assert.equal(parseBackend("wasm"), "wasm");
  assert.throws(() => parseBackend("gpu"), (err: Error) => {
    assert.ok(err instanceof UsageError);
    assert.equal(
      err.message,
      `--backend: "gpu" is not allowed; expected one of cpu, wasm, tensorflow`,
    );
    return true;
  });
});

Deno.test("loadTfjsTrainer: tfjs on the backend; a missing tfjs-node is a UsageError", async () => {
  assert.equal((await loadTfjsTrainer("cpu")).name, "tfjs");
  await assert.rejects(() => loadTfjsTrainer("tensorflow"), (err: Error) => {
    assert.ok(err instanceof UsageError);
    assert.match(err.message, /tfjs-node is not installed/);
    return true;
  });
});

Deno.test("train --impl tfjs: solves XOR on cpu and wasm; --json is one JSON line, no banner", async () => {
  const [text, cpu, wasm] = await Promise.all([
    train("--impl", "tfjs"),
    train("--impl", "tfjs", "--json"),
    train("--impl", "tfjs", "--backend", "wasm", "--json"),
  ]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^backprop: tfjs \(cpu\) on xor/);
  assert.match(text.stdout, /4\/4 rows right/);
  // TF.js computes in float32, and the config line says so (not the config's float64).
  assert.match(text.stdout, /^config .* dtype=float32$/m);
  for (const [out, backend] of [[cpu, "cpu"], [wasm, "wasm"]] as const) {
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim().split("\n").length, 1, out.stdout);
    const report = JSON.parse(out.stdout);
    assert.equal(report.impl, "tfjs");
    assert.equal(report.backend, backend);
    assert.equal(report.config.dtype, "float32");
    assert.equal(report.stoppedBecause, "target-loss");
    assert.deepEqual(report.predictions.map((p: { output: number[] }) => Math.round(p.output[0])), [
      0,
      1,
      1,
      0,
    ]);
  }
  // TF.js's "Hi, looks like you are running TensorFlow.js in Node.js" is silenced, so it
  // reaches neither stdout nor stderr.
  for (const out of [text, cpu, wasm]) {
    assert.doesNotMatch(out.stdout + out.stderr, /TensorFlow\.js in Node|tfjs-node for more/);
  }
});

Deno.test("train: --backend tensorflow without tfjs-node, or without --impl tfjs, exits 2", async () => {
  const [node, manual] = await Promise.all([
    train("--impl", "tfjs", "--backend", "tensorflow", "--json"),
    train("--backend", "wasm"),
  ]);
  assert.equal(node.code, 2);
  assert.equal(node.stdout, "");
  assert.match(node.stderr, /^error: backend tensorflow: @tensorflow\/tfjs-node is not installed/);
  assert.match(
    node.stderr,
    /deno install --node-modules-dir=auto --allow-scripts=npm:@tensorflow\/tfjs-node /,
  );
  // The advice is a command to run, not a flag `deno task train` cannot take.
  const entry = relative(Deno.cwd(), TRAIN);
  assert.ok(
    node.stderr.endsWith(
      "Once it is installed, this run is: deno run --node-modules-dir=auto --allow-read " +
        `--allow-write --allow-env --allow-ffi ${entry} --impl tfjs --backend tensorflow --json\n`,
    ),
    node.stderr,
  );
  assert.equal(manual.code, 2);
  assert.equal(manual.stderr, "error: --backend: only --impl tfjs has backends\n");
});

Deno.test("train --impl manual: a first run with an empty cache fetches no npm package", async () => {
  // An empty DENO_DIR is a first run; the registry is a closed port, so a fetch would
  // show as a "Download" line on stderr (and fail) rather than take minutes.
  const denoDir = await Deno.makeTempDir({ prefix: "backprop_deno_dir_" });
  try {
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", "--allow-read", "--allow-env", TRAIN, "--epochs", "2"],
      env: { NO_COLOR: "1", DENO_DIR: denoDir, NPM_CONFIG_REGISTRY: "http://127.0.0.1:9/" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const decoder = new TextDecoder();
    assert.equal(decoder.decode(stderr), "");
    assert.equal(code, 0);
    assert.match(decoder.decode(stdout), /^backprop: manual on xor/);
  } finally {
    await Deno.remove(denoDir, { recursive: true });
  }
});

Deno.test("tensorflowCommand: the entry relative to the working directory; odd words quoted", () => {
  assert.equal(
    tensorflowCommand(
      "file:///repo/apps/cli/verify.ts",
      ["--lr", "0.5", "--data", "my file.csv"],
      "/repo",
    ),
    "deno run --node-modules-dir=auto --allow-read --allow-write --allow-env --allow-ffi " +
      "apps/cli/verify.ts --lr 0.5 --data 'my file.csv'",
  );
});
