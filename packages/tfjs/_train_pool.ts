// Test helper: runs TF.js trainings in a few workers at once (one TF.js engine
// each), so the slow parity and seed-fidelity suites use every core.

import type { TrainResult } from "@backprop/core";
import type { JobReply, TrainJob } from "./_train_job.ts";
// Type-checked with the tests that use the pool, so starting a worker does not check it again.
import type {} from "./_train_worker.ts";

/**
 * Trains every job with TF.js in up to `workers` workers, biggest first, and
 * returns the results in the jobs' order. `size(job)` estimates a job's cost.
 */
export async function trainAll(
  jobs: readonly TrainJob[],
  size: (job: TrainJob) => number,
  workers = Math.max(1, Math.min(2, navigator.hardwareConcurrency)),
): Promise<TrainResult[]> {
  const results = new Array<TrainResult>(jobs.length);
  const queue = jobs.map((_, i) => i).sort((a, b) => size(jobs[b]) - size(jobs[a]));
  const pool = Array.from(
    { length: Math.min(workers, jobs.length) },
    () => new Worker(new URL("./_train_worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    await Promise.all(pool.map(async (worker) => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const reply = await new Promise<JobReply>((resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => {
            event.preventDefault();
            reject(new Error(`worker: ${event.message}`));
          };
          worker.postMessage({ id: i, ...jobs[i] });
        });
        if ("error" in reply) throw new Error(`job ${i}: ${reply.error}`);
        results[i] = reply.result;
      }
    }));
  } finally {
    for (const worker of pool) worker.terminate();
  }
  return results;
}
