import assert from "node:assert/strict";
import { readCappedText, TooLargeError } from "./input_file.ts";

Deno.test("readCappedText: the text, without a leading byte order mark", async () => {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, "\uFEFFa,b\n1,2\n");
    assert.equal(await readCappedText(path, 1024), "a,b\n1,2\n");
    // Exactly at the cap is allowed; one byte more is not.
    await Deno.writeTextFile(path, "x".repeat(10));
    assert.equal(await readCappedText(path, 10), "x".repeat(10));
    await assert.rejects(() => readCappedText(path, 9), (err: Error) => {
      assert.ok(err instanceof TooLargeError && err instanceof RangeError);
      assert.equal(err.message, "larger than 9 bytes");
      return true;
    });
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readCappedText: an endless file stops at the cap; a missing one is NotFound", async () => {
  await assert.rejects(() => readCappedText("/dev/zero", 3 << 20), /larger than 3 MiB/);
  await assert.rejects(() => readCappedText("/no/such/file", 10), Deno.errors.NotFound);
});
