import assert from "node:assert/strict";
import { checkOutputDir } from "./output_dir.ts";
import { UsageError } from "./usage_error.ts";

Deno.test("checkOutputDir: an existing or creatable directory passes, untouched", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await checkOutputDir("--out", dir);
    await checkOutputDir("--out", `${dir}/new/deeper`);
    // Nothing was created or left behind.
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkOutputDir: a file, or a path below a file, is one UsageError", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const file = `${dir}/model.json`;
    await Deno.writeTextFile(file, "{}");
    await assert.rejects(
      () => checkOutputDir("--out", file),
      (err) =>
        err instanceof UsageError &&
        err.message === `--out: "${file}" is not allowed; it is a file; expected a directory`,
    );
    await assert.rejects(
      () => checkOutputDir("--out", `${file}/sub`),
      (err) => err instanceof UsageError && err.message.includes(`"${file}" is a file`),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("checkOutputDir: an unwritable directory is one UsageError", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.chmod(dir, 0o500);
    // root writes anywhere: the check can only fail where this process cannot write.
    let writable = true;
    try {
      await Deno.remove(await Deno.makeTempFile({ dir }));
    } catch {
      writable = false;
    }
    if (!writable) {
      await assert.rejects(
        () => checkOutputDir("--out", `${dir}/results`),
        (err) =>
          err instanceof UsageError && err.message.startsWith(`--out: "${dir}/results"`) &&
          err.message.includes(`cannot write in "${dir}"`) && !err.message.includes("\n"),
      );
    }
    await assert.rejects(
      () => checkOutputDir("--out", "/proc/results"),
      // Deno asks for --allow-all to look into /proc; either way it is one line naming the flag.
      (err) =>
        err instanceof UsageError &&
        err.message.startsWith(`--out: "/proc/results" is not allowed; cannot write in "/proc`) &&
        !err.message.includes("\n"),
    );
  } finally {
    await Deno.chmod(dir, 0o700);
    await Deno.remove(dir, { recursive: true });
  }
});
