import assert from "node:assert/strict";
import { coreCount, sourceDigest } from "./machine.ts";

Deno.test("coreCount: at least one", () => {
  assert.ok(Number.isInteger(coreCount()) && coreCount() >= 1);
});

Deno.test("sourceDigest: the sources' files, tests excluded; any change changes it", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${root}/packages/a`, { recursive: true });
    await Deno.mkdir(`${root}/apps`);
    await Deno.mkdir(`${root}/bench`);
    await Deno.writeTextFile(`${root}/packages/a/x.ts`, "export const x = 1;\n");
    await Deno.writeTextFile(`${root}/packages/a/x_test.ts`, "// a test\n");
    const first = await sourceDigest(root);
    assert.equal(first.files, 1);
    assert.match(first.sha256, /^[0-9a-f]{64}$/);
    assert.deepEqual(await sourceDigest(root), first, "the same files give the same digest");
    await Deno.writeTextFile(`${root}/packages/a/x_test.ts`, "// another test\n");
    assert.deepEqual(await sourceDigest(root), first, "tests do not count");
    await Deno.writeTextFile(`${root}/packages/a/x.ts`, "export const x = 2;\n");
    assert.notEqual((await sourceDigest(root)).sha256, first.sha256);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
