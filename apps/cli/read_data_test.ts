import assert from "node:assert/strict";
import { loadDataset } from "@backprop/core";
import { readDataFile } from "./read_data.ts";

Deno.test("readDataFile: reads and parses; errors name the path as given", async () => {
  const dir = await Deno.makeTempDir({ prefix: "backprop_data_file_" });
  try {
    const csv = `${dir}/xor.csv`;
    await Deno.writeTextFile(csv, "a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");
    const d = await readDataFile(csv);
    assert.equal(d.name, "xor.csv");
    assert.deepEqual(Array.from(d.inputs), Array.from(loadDataset("xor").inputs));
    assert.deepEqual(Array.from(d.targets), Array.from(loadDataset("xor").targets));

    const json = `${dir}/two.json`;
    await Deno.writeTextFile(json, '{"inputs": [[1, 2], [3, 4]], "targets": [[1, 0], [0, 1]]}');
    assert.equal((await readDataFile(json, { targets: 2 })).outputSize, 2);

    // Parse errors carry the path exactly as the caller gave it.
    const bad = `${dir}/bad.csv`;
    await Deno.writeTextFile(bad, "a,b\n1,x\n");
    await assert.rejects(() => readDataFile(bad), (err: unknown) => {
      assert.ok(err instanceof TypeError);
      assert.equal(err.message, `${bad}:2:2: "x" is not a number`);
      return true;
    });

    const missing = `${dir}/missing.csv`;
    await assert.rejects(() => readDataFile(missing), (err: unknown) => {
      assert.ok(err instanceof Deno.errors.NotFound);
      assert.equal(err.message, `${missing}: no such file`);
      assert.ok(err.cause instanceof Deno.errors.NotFound);
      return true;
    });

    await assert.rejects(() => readDataFile(dir), (err: unknown) => {
      assert.ok(err instanceof Deno.errors.IsADirectory);
      assert.equal(err.message, `${dir}: is a directory, not a file`);
      return true;
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
