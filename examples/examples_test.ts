// The README's "Use it from code" examples, run as a user would: the Deno script
// directly, the Node script and the browser page against a bundle of core + manual
// made with `deno bundle`. All three must print exactly the same numbers (the same
// code on the same JavaScript engine, V8, with no `Deno.*` in the bundle).
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

async function run(cmd: string, args: string[], cwd = HERE): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command(cmd, {
    args,
    cwd,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  assert.equal(code, 0, `${cmd} ${args.join(" ")}: ${text.decode(stderr)}`);
  return text.decode(stdout);
}

/** Bundles examples/backprop.ts into `dir/name` for `platform`. */
async function bundle(dir: string, name: string, platform: "browser" | "deno"): Promise<string> {
  const out = `${dir}/${name}`;
  await run(Deno.execPath(), ["bundle", "-q", "--platform", platform, "-o", out, "backprop.ts"]);
  const code = await Deno.readTextFile(out);
  assert.ok(!/\bDeno\./.test(code), `${name} uses Deno.*`);
  return out;
}

async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "backprop_examples_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

interface XorRun {
  epochs: number;
  loss: number;
  outputs: number[];
}

let denoRun: Promise<XorRun> | undefined;
/** What `deno run examples/xor.ts` prints, parsed (run once). */
function deno(): Promise<XorRun> {
  denoRun ??= run(Deno.execPath(), ["run", "xor.ts"]).then((out) => JSON.parse(out));
  return denoRun;
}

Deno.test("examples/xor.ts: runs under Deno and solves XOR", async () => {
  const result = await deno();
  assert.ok(result.loss < 0.01, `loss ${result.loss}`);
  assert.deepEqual(result.outputs.map((o) => Math.round(o)), [0, 1, 1, 0]);
});

Deno.test("examples/xor_node.mjs: Node runs the bundle and prints exactly Deno's numbers", async () => {
  await inTempDir(async (dir) => {
    await bundle(dir, "backprop.mjs", "deno");
    await Deno.copyFile(`${HERE}/xor_node.mjs`, `${dir}/xor_node.mjs`);
    const node = JSON.parse(await run("node", ["xor_node.mjs"], dir));
    assert.deepEqual(node, await deno());
  });
});

Deno.test("examples/xor_tfjs.ts: the TF.js engine, bundled, runs under Node and prints exactly what it prints under Deno", async () => {
  const deno = JSON.parse(await run(Deno.execPath(), ["run", "xor_tfjs.ts"]));
  assert.ok(deno.loss < 0.01, `loss ${deno.loss}`);
  await inTempDir(async (dir) => {
    // Not checked for Deno.*: @backprop/tfjs looks for tfjs-node under Deno only, guarded.
    const out = `${dir}/xor_tfjs.mjs`;
    await run(Deno.execPath(), ["bundle", "-q", "-o", out, "xor_tfjs.ts"]);
    assert.deepEqual(JSON.parse(await run("node", [out], dir)), deno);
  });
});

const browser =
  "examples/xor_browser.html: headless Chromium runs the bundle and shows exactly Deno's numbers";
const browserTest = async () => {
  await inTempDir(async (dir) => {
    await bundle(dir, "backprop.js", "browser");
    await Deno.copyFile(`${HERE}/xor_browser.html`, `${dir}/xor_browser.html`);
    // Module scripts from file: URLs need --allow-file-access-from-files.
    const dom = await run(CHROMIUM, [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--allow-file-access-from-files",
      "--dump-dom",
      `file://${dir}/xor_browser.html`,
    ], dir);
    const shown = /<pre id="result">([^<]*)<\/pre>/.exec(dom);
    assert.ok(shown !== null, dom.slice(0, 300));
    assert.deepEqual(JSON.parse(shown[1]), await deno());
  });
};
let hasChromium = false;
try {
  hasChromium = Deno.statSync(CHROMIUM).isFile;
} catch {
  // not installed
}
if (hasChromium) Deno.test(browser, browserTest);
else {Deno.test({
    name: `${browser} (skipped: chromium not installed)`,
    ignore: true,
    fn: browserTest,
  });}

Deno.test("library packages core, manual and plot use no Deno.* outside their tests", async () => {
  const found: string[] = [];
  for (const pkg of ["core", "manual", "plot"]) {
    const dir = fileURLToPath(new URL(`../packages/${pkg}/`, import.meta.url));
    for await (const entry of Deno.readDir(dir)) {
      if (!entry.isFile || !entry.name.endsWith(".ts") || entry.name.endsWith("_test.ts")) continue;
      const lines = (await Deno.readTextFile(`${dir}${entry.name}`)).split("\n");
      lines.forEach((line, i) => {
        if (/\bDeno\b/.test(line)) {
          found.push(`packages/${pkg}/${entry.name}:${i + 1}: ${line.trim()}`);
        }
      });
    }
  }
  assert.deepEqual(found, [], `Deno.* in a library package:\n${found.join("\n")}`);
});
