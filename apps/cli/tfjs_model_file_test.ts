import assert from "node:assert/strict";
import { initModel, resolveConfig } from "@backprop/core";
import { writeTfjsModel } from "./model_file.ts";
import { checkTfjsOut, readModelSource } from "./tfjs_model_file.ts";
import { UsageError } from "@backprop/cli-kit";
import { inTempDir } from "./_testing.ts";

const model = initModel(resolveConfig({ shortcut: true }), 2, 1);

Deno.test("readModelSource: our file, a TF.js model.json, or its directory", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/ours.json`, JSON.stringify({ ...model, state: { x: 1 } }));
    const ours = await readModelSource(`${dir}/ours.json`);
    assert.deepEqual(ours.model, { ...model, state: { x: 1 } });
    assert.deepEqual(ours.file?.state, { x: 1 });
    await writeTfjsModel(`${dir}/tf`, model);
    for (const path of [`${dir}/tf`, `${dir}/tf/model.json`]) {
      const theirs = await readModelSource(path, "--init-model");
      assert.equal(theirs.file, null);
      assert.equal(theirs.path, `${dir}/tf/model.json`);
      assert.deepEqual(theirs.model.shortcut, model.shortcut!.map(Math.fround));
    }
  });
});

Deno.test("readModelSource / checkTfjsOut: each mistake is one UsageError naming the flag", async () => {
  await inTempDir(async (dir) => {
    await writeTfjsModel(`${dir}/tf`, model);
    await Deno.remove(`${dir}/tf/weights.bin`);
    await Deno.writeTextFile(`${dir}/file`, "{}");
    const cases: [() => Promise<unknown>, RegExp][] = [
      [
        () => readModelSource(`${dir}/tf`, "--init-model"),
        /^--init-model .*\/tf\/model\.json: cannot read its weights .*weights\.bin.*: no such file$/,
      ],
      [() => readModelSource(`${dir}/nothing`), /^--model: cannot read .*nothing.*: no such file$/],
      [
        () => readModelSource(`${dir}/file`),
        /^--model .*file: model\.format: undefined is not allowed; expected "backprop-model"$/,
      ],
      [() => checkTfjsOut(`${dir}/file`), /^--out-tfjs: .* it is a file, expected a directory$/],
      [() => checkTfjsOut(`${dir}/no/dir`), /^--out-tfjs: .* directory .*\/no does not exist$/],
    ];
    for (const [fn, message] of cases) {
      await assert.rejects(fn, (err: unknown) => {
        assert.ok(err instanceof UsageError, String(err));
        assert.match(err.message, message);
        return true;
      });
    }
    await checkTfjsOut(`${dir}/new`); // a new directory in an existing one is fine
    await checkTfjsOut(`${dir}/tf`); // and so is an existing directory
  });
});
