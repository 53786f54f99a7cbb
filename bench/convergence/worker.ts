/**
 * A convergence-bench worker: runs each {@linkcode SeedTask} it is sent with
 * {@linkcode runSeed} and posts the result back, tagged with the task's id.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { runSeed, type SeedTask } from "./seed_run.ts";

/** What the pool sends. */
export interface WorkerRequest {
  id: number;
  task: SeedTask;
}

self.onmessage = async (event: MessageEvent<WorkerRequest>) => {
  const { id, task } = event.data;
  try {
    self.postMessage({ id, result: await runSeed(task) });
  } catch (error) {
    self.postMessage({
      id,
      error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
  }
};
