/**
 * A pool of Web Workers (`worker.ts`) that runs many classics runs.
 *
 * @module
 */

import { type ClassicsRun, type ClassicsTask, runClassicsTask } from "./run.ts";
import type { TaskReply, TaskRequest } from "@backprop/bench/harness/serve_tasks";
// Type-checked with the pool, so starting a worker does not check it again.
import type {} from "./worker.ts";

/** Called after each finished run with the count done and the total. */
export type OnRunDone = (done: number, total: number, run: ClassicsRun) => void;

/**
 * Runs every task on `workers` Web Workers (`worker.ts`), handing each
 * worker the next task as it finishes one, in the order given (put the longest
 * first). With `workers` 0 the tasks run one by one in this thread. The results
 * come back in the tasks' order; the first failed task rejects.
 */
export async function runClassicsTasks(
  tasks: readonly ClassicsTask[],
  workers: number,
  onDone?: OnRunDone,
): Promise<ClassicsRun[]> {
  const results = new Array<ClassicsRun>(tasks.length);
  if (workers === 0) {
    for (let i = 0; i < tasks.length; i++) {
      results[i] = await runClassicsTask(tasks[i]);
      onDone?.(i + 1, tasks.length, results[i]);
    }
    return results;
  }
  if (tasks.length === 0) return results;
  const pool = Array.from(
    { length: Math.min(workers, tasks.length) },
    () => new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }),
  );
  try {
    let next = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next >= tasks.length) return;
        const request: TaskRequest<ClassicsTask> = { id: next, task: tasks[next] };
        next++;
        worker.postMessage(request);
      };
      for (const worker of pool) {
        worker.onmessage = (event: MessageEvent<TaskReply<ClassicsRun>>) => {
          const reply = event.data;
          if ("error" in reply) {
            reject(new Error(`classics run ${reply.id} failed in a worker: ${reply.error}`));
            return;
          }
          results[reply.id] = reply.result;
          done++;
          onDone?.(done, tasks.length, reply.result);
          if (done === tasks.length) resolve();
          else feed(worker);
        };
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          reject(new Error(`a classics worker crashed: ${event.message}`));
        };
        feed(worker);
      }
    });
  } finally {
    for (const worker of pool) worker.terminate();
  }
  return results;
}
