import assert from "node:assert/strict";
import { resolveConfig } from "@backprop/core";
import { parseCriterion } from "./criterion.ts";
import { runSeedsInOrder, SeedPool } from "./pool.ts";
import { prepareConfig, type SeedResult, type SeedTask } from "./seed_run.ts";

function tasks(): SeedTask[] {
  const outputs = parseCriterion("outputs");
  const loss = parseCriterion("loss:0.05");
  const list: SeedTask[] = [];
  const add = (impl: SeedTask["impl"], fields: object, criterion = outputs, max = 3000) => {
    for (const seed of [0, 1, 2]) {
      list.push({
        impl,
        config: prepareConfig(resolveConfig({ ...fields, seed }), criterion, max),
        criterion,
        keepHistory: seed === 0,
      });
    }
  };
  add("manual", { preset: "seed" }); // full-batch SGD, every epoch checked
  add("manual", { preset: "default", batchSize: 2 }); // shuffled mini-batches
  add("manual", { preset: "default", dataset: "parity:3" }, loss);
  add(
    "brain.js",
    {
      preset: "seed",
      useBias: true,
      init: "uniform:0.2",
      batchSize: 1,
      shuffle: false,
    },
    outputs,
    2500,
  );
  add("tfjs-cpu", { preset: "default" }, outputs, 200);
  return list;
}

/** Everything but the wall-clock time, with the loss history as plain numbers. */
function comparable(r: SeedResult) {
  const { ms: _, history, ...rest } = r;
  return { ...rest, history: history === null ? null : Array.from(history) };
}

Deno.test("the worker pool gives the same results as running the seeds one by one", async () => {
  const list = tasks();
  const inOrder = await runSeedsInOrder(list);
  const pool = new SeedPool(2);
  let reported = 0;
  try {
    const parallel = await pool.run(list, (done, total) => {
      reported++;
      assert.ok(done <= total);
    });
    assert.equal(reported, list.length);
    assert.deepEqual(parallel.map(comparable), inOrder.map(comparable));
  } finally {
    pool.close();
  }
  // The set is not trivial: some seeds succeed after some epochs, histories came back.
  assert.ok(inOrder.some((r) => r.success && r.epochsToTarget! > 0 && r.stableFrom! > 0));
  assert.ok(inOrder.some((r) => r.impl === "tfjs-cpu" && r.success));
  assert.ok(inOrder.filter((r) => r.history !== null).length === 5);
});

Deno.test("a failing task rejects the pool's run", async () => {
  const pool = new SeedPool(1);
  try {
    const bad: SeedTask = {
      impl: "brain.js",
      config: resolveConfig({ preset: "default" }),
      criterion: { kind: "outputs" },
      keepHistory: false,
    };
    await assert.rejects(pool.run([bad]), /brain\.js: .*sigmoid/);
  } finally {
    pool.close();
  }
});
