// `--backend` and `--impl tfjs`, in process and end to end (as `deno task train` runs).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { BACKENDS } from "@backprop/tfjs";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend } from "./backend.ts";
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
  for (const [out, backend] of [[cpu, "cpu"], [wasm, "wasm"]] as const) {
    assert.equal(out.code, 0, out.stderr);
    assert.equal(out.stdout.trim().split("\n").length, 1, out.stdout);
    const report = JSON.parse(out.stdout);
    assert.equal(report.impl, "tfjs");
    assert.equal(report.backend, backend);
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
  assert.match(node.stderr, /deno install --allow-scripts=npm:@tensorflow\/tfjs-node/);
  assert.equal(manual.code, 2);
  assert.equal(manual.stderr, "error: --backend: only --impl tfjs has backends\n");
});
