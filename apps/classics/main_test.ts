import assert from "node:assert/strict";
import { classicsMain, parseClassicsArgs } from "./main.ts";

Deno.test("parseClassicsArgs: flags, defaults and mistakes", () => {
  const d = parseClassicsArgs([]);
  assert.equal(d.options.seeds, 300);
  assert.equal(d.options.tfjsSeeds, undefined);
  assert.equal(d.out, "bench/results");
  const q = parseClassicsArgs(["--quick", "--only=chauvin,xor-2-1-1", "--workers", "0"]);
  assert.deepEqual(
    [q.options.seeds, q.options.maxEpochs, q.options.tfjsSeeds, q.options.workers],
    [8, 2000, 2, 0],
  );
  assert.deepEqual(q.options.only, ["chauvin", "xor-2-1-1"]);
  assert.equal(parseClassicsArgs(["--no-tfjs"]).options.tfjsSeeds, 0);
  assert.throws(() => parseClassicsArgs(["--seeds", "0"]), /--seeds: "0" is not allowed/);
  assert.throws(() => parseClassicsArgs(["--only", "mnist"]), /--only: "mnist"/);
  assert.throws(() => parseClassicsArgs(["--lr", "1"]), /--lr: unknown flag/);
  assert.equal(parseClassicsArgs(["--version"]).version, true);
});

Deno.test("classicsMain: bad input is one line, exit 2, before any work", async () => {
  const dir = await Deno.makeTempDir();
  const errors: string[] = [];
  const error = console.error;
  console.error = (...parts: unknown[]) => errors.push(parts.join(" "));
  try {
    const file = `${dir}/model.json`;
    await Deno.writeTextFile(file, "{}");
    assert.equal(await classicsMain(["--quick", "--out", file]), 2);
    assert.equal(await classicsMain(["--sedes", "3"]), 2);
    assert.deepEqual(errors, [
      `classics: --out: "${file}" is not allowed; it is a file; expected a directory`,
      "classics: --sedes: unknown flag; did you mean --seeds? see --help for the flags",
    ]);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["model.json"]);
  } finally {
    console.error = error;
    await Deno.remove(dir, { recursive: true });
  }
});
