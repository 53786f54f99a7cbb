import assert from "node:assert/strict";
import { readConfigFile } from "./config_file.ts";
import { UsageError } from "./usage_error.ts";

async function withFile(text: string, fn: (path: string) => Promise<void>): Promise<void> {
  const path = await Deno.makeTempFile({ suffix: ".json" });
  try {
    await Deno.writeTextFile(path, text);
    await fn(path);
  } finally {
    await Deno.remove(path);
  }
}

Deno.test("readConfigFile: returns the file's fields unchecked", async () => {
  await withFile(`{"preset": "seed", "learningRate": -1, "hidden": []}`, async (path) => {
    assert.deepEqual(await readConfigFile(path), {
      preset: "seed",
      learningRate: -1,
      hidden: [],
    });
  });
});

Deno.test("readConfigFile: bad files throw a UsageError naming the file", async () => {
  const cases: [string, string][] = [
    ["{bad", "not valid JSON"],
    ["[1, 2]", "[1,2] is not allowed; expected a JSON object of config fields"],
    ["null", "null is not allowed"],
    [`{"lr": 1}`, `"lr" is not a config field (did you mean learningRate?); allowed: preset,`],
    [`{"bias": false}`, `"bias" is not a config field (did you mean useBias?)`],
    [`{"speed": 1}`, `"speed" is not a config field; allowed:`],
  ];
  for (const [text, message] of cases) {
    await withFile(text, async (path) => {
      await assert.rejects(
        () => readConfigFile(path),
        (err) =>
          err instanceof UsageError && err.message.startsWith(`--config ${path}: `) &&
          err.message.includes(message) && !err.message.includes("\n"),
        text,
      );
    });
  }
});

Deno.test("readConfigFile: an unreadable file names --config and the path", async () => {
  const path = `${await Deno.makeTempDir()}/missing.json`;
  await assert.rejects(
    () => readConfigFile(path),
    (err) => err instanceof UsageError && err.message.startsWith(`--config: cannot read "${path}"`),
  );
});

Deno.test("readConfigFile: a UTF-8 byte order mark is allowed", async () => {
  await withFile('\uFEFF{"hidden": [4]}', async (path) => {
    assert.deepEqual(await readConfigFile(path), { hidden: [4] });
  });
});

Deno.test("readConfigFile: an endless file stops at 1 MiB with a message", async () => {
  await assert.rejects(
    () => readConfigFile("/dev/zero"),
    (err) =>
      err instanceof UsageError &&
      err.message ===
        `--config: cannot read "/dev/zero": larger than 1 MiB, the most a config file may hold`,
  );
});
