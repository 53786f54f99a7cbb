import assert from "node:assert/strict";
import { classicsConfig, EXPERIMENTS, PRIMARY_SETTING, thresholdsFor } from "./experiments.ts";
import { runClassicsTasks } from "./pool.ts";

Deno.test({
  name: "runClassicsTasks: a worker gives the same runs as this thread, in the tasks' order",
  sanitizeResources: false,
  async fn() {
    const xor = EXPERIMENTS.flatMap((e) => e.variants).find((v) => v.dataset === "xor")!;
    const tasks = [3, 4].map((seed) => ({
      engine: "manual" as const,
      config: classicsConfig(xor, PRIMARY_SETTING, seed, 500, 4),
      thresholds: thresholdsFor(4),
    }));
    const done: number[] = [];
    const inThread = await runClassicsTasks(tasks, 0, (n) => done.push(n));
    const inWorker = await runClassicsTasks(tasks, 1);
    assert.deepEqual(done, [1, 2]);
    const strip = (runs: typeof inThread) => runs.map((r) => ({ ...r, ms: 0 }));
    assert.deepEqual(strip(inWorker), strip(inThread));
    assert.deepEqual(inThread.map((r) => r.seed), [3, 4]);
  },
});
