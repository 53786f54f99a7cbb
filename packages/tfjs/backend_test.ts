import assert from "node:assert/strict";
import {
  BACKENDS,
  findTfjsNode,
  isBackend,
  loadBackend,
  TFJS_NODE_SPECIFIER,
  TFJS_VERSION,
  TfjsNodeMissingError,
  withBackend,
} from "./backend.ts";

Deno.test("BACKENDS: cpu first, then wasm and tensorflow; isBackend knows them", () => {
  assert.deepEqual(BACKENDS, ["cpu", "wasm", "tensorflow"]);
  assert.ok(BACKENDS.every(isBackend));
  assert.ok(!isBackend("webgl") && !isBackend(1));
  assert.equal(TFJS_NODE_SPECIFIER, `npm:@tensorflow/tfjs-node@${TFJS_VERSION}`);
});

Deno.test("loadBackend: cpu and wasm become the active backend; PROD mutes the banner", async () => {
  for (const backend of ["cpu", "wasm", "cpu"] as const) {
    const tf = await loadBackend(backend);
    assert.equal(tf.getBackend(), backend);
    assert.equal(tf.version_core, TFJS_VERSION);
    assert.equal(tf.env().getBool("PROD"), true);
    assert.deepEqual(tf.tidy(() => Array.from(tf.square(tf.tensor1d([1, -2, 3])).dataSync())), [
      1,
      4,
      9,
    ]);
  }
});

Deno.test("loadBackend: an unknown name is a RangeError naming the backends", async () => {
  await assert.rejects(
    () => loadBackend("webgl" as "cpu"),
    (err: Error) => err instanceof RangeError && /cpu, wasm, tensorflow/.test(err.message),
  );
});

Deno.test("loadBackend: tensorflow without tfjs-node says so and how to install it", async () => {
  const lock = new URL("../../deno.lock", import.meta.url);
  const before = await Deno.readTextFile(lock).catch(() => "");
  await assert.rejects(() => loadBackend("tensorflow"), (err: Error) => {
    assert.ok(err instanceof TfjsNodeMissingError);
    assert.equal(err.name, "TfjsNodeMissingError");
    assert.match(err.message, /@tensorflow\/tfjs-node is not installed/);
    assert.match(
      err.message,
      /`deno install --node-modules-dir=auto --allow-scripts=npm:@tensorflow\/tfjs-node npm:@tensorflow\/tfjs-node@4\.22\.0`/,
    );
    assert.match(err.message, /`deno run --node-modules-dir=auto --allow-ffi`/);
    assert.match(err.message, /--backend cpu or --backend wasm/);
    return true;
  });
  // It looks before it imports: nothing is downloaded, the lockfile is untouched.
  assert.equal(await Deno.readTextFile(lock).catch(() => ""), before);
  // TF.js is still usable afterwards.
  assert.equal((await loadBackend("cpu")).getBackend(), "cpu");
});

Deno.test("findTfjsNode: missing, present without binding, present with binding", () => {
  const root = Deno.makeTempDirSync();
  try {
    const deep = `${root}/a/b`;
    Deno.mkdirSync(deep, { recursive: true });
    const none = findTfjsNode(deep);
    assert.ok("missing" in none && /not found/.test(none.missing));
    const pkg = `${root}/node_modules/@tensorflow/tfjs-node`;
    Deno.mkdirSync(`${pkg}/lib/napi-v8`, { recursive: true });
    const unbuilt = findTfjsNode(deep);
    assert.ok("missing" in unbuilt && /no native binding/.test(unbuilt.missing));
    Deno.writeFileSync(`${pkg}/lib/napi-v8/tfjs_binding.node`, new Uint8Array(1));
    assert.deepEqual(findTfjsNode(deep), { dir: pkg });
  } finally {
    Deno.removeSync(root, { recursive: true });
  }
});

Deno.test("withBackend: calls run one at a time, each on its own backend", async () => {
  const seen: string[] = [];
  const job = (backend: "cpu" | "wasm") =>
    withBackend(backend, async (tf) => {
      seen.push(`start ${tf.getBackend()}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(`end ${tf.getBackend()}`);
      return backend;
    });
  const failing = withBackend("cpu", () => {
    throw new Error("boom");
  });
  assert.deepEqual(await Promise.all([job("wasm"), job("cpu"), failing.catch((e) => e.message)]), [
    "wasm",
    "cpu",
    "boom",
  ]);
  assert.deepEqual(seen, ["start wasm", "end wasm", "start cpu", "end cpu"]);
});

Deno.test("importing @backprop/tfjs does not load TF.js; the first backend does", async () => {
  const script = `const m = await import(${
    JSON.stringify(new URL("./mod.ts", import.meta.url).href)
  });
const before = "_tfengine" in globalThis;
await m.loadBackend("cpu");
console.log(JSON.stringify([before, "_tfengine" in globalThis]));`;
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(code, 0, new TextDecoder().decode(stderr));
  assert.deepEqual(JSON.parse(new TextDecoder().decode(stdout)), [false, true]);
  assert.doesNotMatch(new TextDecoder().decode(stderr), /TensorFlow\.js in Node/, "no banner");
});
