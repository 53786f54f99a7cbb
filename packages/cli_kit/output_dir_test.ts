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
    // root can write anywhere; the check is only meaningful for other users.
    const root = Deno.uid() === 0;
    if (!root) {
      await assert.rejects(
        () => checkOutputDir("--out", `${dir}/results`),
        (err) =>
          err instanceof UsageError && err.message.startsWith(`--out: "${dir}/results"`) &&
          err.message.includes(`cannot write in "${dir}"`) && !err.message.includes("\n"),
      );
    }
    await assert.rejects(
      () => checkOutputDir("--out", "/proc/results"),
      (err) => err instanceof UsageError && err.message.includes(`cannot write in "/proc"`),
    );
  } finally {
    await Deno.chmod(dir, 0o700);
    await Deno.remove(dir, { recursive: true });
  }
});
