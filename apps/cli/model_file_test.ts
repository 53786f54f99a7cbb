import assert from "node:assert/strict";
import { initModel, loadDataset, resolveConfig, validateModel } from "@backprop/core";
import { modelFile, readModelFile, writeFileAtomic } from "./model_file.ts";
import { UsageError } from "@backprop/cli-kit";

Deno.test("modelFile: the model plus config and training summary; validateModel accepts it", () => {
  const config = resolveConfig();
  const dataset = loadDataset("xor");
  const model = initModel(config, 2, 1);
  const file = modelFile({
    impl: "manual",
    config,
    dataset,
    outputs: new Float64Array(4),
    result: {
      epochsRun: 9,
      finalLoss: 0.2,
      lossHistory: new Float64Array(9),
      stoppedBecause: "interrupted",
      model,
      timing: { trainMs: 3, usPerEpoch: 333 },
    },
  });
  assert.deepEqual(file.config, config);
  assert.deepEqual(file.training, {
    impl: "manual",
    epochsRun: 9,
    finalLoss: 0.2,
    stoppedBecause: "interrupted",
    trainMs: 3,
    interrupted: true,
  });
  const read = validateModel(JSON.parse(JSON.stringify(file)));
  assert.deepEqual(read.layers, model.layers);
});

Deno.test("writeFileAtomic: writes the whole file and leaves no temporary file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFileAtomic(`${dir}/a.json`, "old");
    await writeFileAtomic(`${dir}/a.json`, "new");
    assert.equal(await Deno.readTextFile(`${dir}/a.json`), "new");
    assert.deepEqual(Array.from(Deno.readDirSync(dir), (e) => e.name), ["a.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic: a failed rename leaves the target as it was and no temporary file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/taken`);
    await Deno.writeTextFile(`${dir}/taken/x`, "");
    // Renaming a file over a non-empty directory fails.
    await assert.rejects(() => writeFileAtomic(`${dir}/taken`, "text"));
    assert.deepEqual(Array.from(Deno.readDirSync(dir), (e) => e.name), ["taken"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readModelFile: a model file or bare ModelWeights; anything else a UsageError naming the file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const model = initModel(resolveConfig({ hidden: [3] }), 2, 1);
    await Deno.writeTextFile(`${dir}/bare.json`, JSON.stringify(model));
    assert.deepEqual(await readModelFile(`${dir}/bare.json`), model);
    const bad: Record<string, string> = {
      "short.json": JSON.stringify({ ...model, layers: [model.layers[0]] }),
      "inf.json": JSON.stringify(model).replace(/"biases":\[0/, '"biases":[1e999'),
      "list.json": "[]",
    };
    for (const [name, text] of Object.entries(bad)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    const cases: [string, string][] = [
      ["short.json", "model.layers:"],
      ["inf.json", "model.layers[0].biases[0]: Infinity is not allowed"],
      ["list.json", "model: [] is not allowed"],
    ];
    for (const [name, part] of cases) {
      await assert.rejects(
        () => readModelFile(`${dir}/${name}`),
        (e) => e instanceof UsageError && e.message.startsWith(`--model ${dir}/${name}: ${part}`),
        name,
      );
    }
    await assert.rejects(
      () => readModelFile(`${dir}/missing.json`, "--from"),
      (e) =>
        e instanceof UsageError && e.message.includes("--from: cannot read") &&
        e.message.endsWith("no such file"),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
