import assert from "node:assert/strict";
import { assemble, generate, moduleText, WASM_SOURCES } from "./build.ts";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

Deno.test("every committed WebAssembly module is what its source assembles to", async () => {
  for (const source of WASM_SOURCES) {
    const committed = await Deno.readTextFile(`${ROOT}/${source.module}`);
    assert.equal(committed, await generate(ROOT, source), `${source.module}: run deno task wasm`);
  }
});

Deno.test("moduleText: the generated module's bytes are the assembled bytes", async () => {
  const bytes = await assemble("t.wat", `(module (func (export "f") (result i32) (i32.const 7)))`);
  const text = moduleText({ wat: "t.wat", module: "t_wasm.ts" }, bytes);
  const url = `data:application/typescript;base64,${btoa(text)}`;
  const { WASM_BYTES }: { WASM_BYTES: Uint8Array<ArrayBuffer> } = await import(url);
  assert.deepEqual(WASM_BYTES, bytes);
  const f = new WebAssembly.Instance(new WebAssembly.Module(WASM_BYTES)).exports.f as () => number;
  assert.equal(f(), 7);
});
