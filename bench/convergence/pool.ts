/**
 * Training many seeds at once: a pool of Web Workers, one per core, each
 * running {@linkcode runSeed} on the tasks it is handed. Every task is a pure
 * function of its inputs, so the results equal {@linkcode runSeedsInOrder}'s.
 *
 * @module
 */

import { runSeed, type SeedResult, type SeedTask } from "./seed_run.ts";
import type { TaskReply, TaskRequest } from "../harness/serve_tasks.ts";
// Type-checked with the pool, so starting a worker does not check it again.
import type {} from "./worker.ts";
import { coreCount } from "../harness/machine.ts";

/** Called after each finished task with the count done and the total. */
export type OnTaskDone = (done: number, total: number, result: SeedResult) => void;

/**
 * A fixed set of module workers (`worker.ts`). Hand it tasks with
 * {@linkcode SeedPool.run}; {@linkcode SeedPool.close} ends the workers.
 *
 * @example
 * ```ts ignore
 * import { SeedPool } from "./pool.ts";
 * const pool = new SeedPool(2);
 * try {
 *   const results = await pool.run(tasks);
 * } finally {
 *   pool.close();
 * }
 * ```
 */
export class SeedPool {
  readonly #workers: Worker[] = [];

  /** Starts `size` workers (default: one per core). */
  constructor(size: number = coreCount()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`size: ${size} must be ≥ 1`);
    for (let i = 0; i < size; i++) {
      this.#workers.push(new Worker(new URL("./worker.ts", import.meta.url), { type: "module" }));
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.#workers.length;
  }

  /**
   * Runs every task, at most one per worker at a time, taken in order. The
   * results come back in the tasks' order. Rejects on the first failed task.
   */
  run(tasks: readonly SeedTask[], onDone?: OnTaskDone): Promise<SeedResult[]> {
    const results = new Array<SeedResult>(tasks.length);
    if (tasks.length === 0) return Promise.resolve(results);
    return new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const feed = (worker: Worker): void => {
        if (next >= tasks.length || failed) return;
        const request: TaskRequest<SeedTask> = { id: next, task: tasks[next] };
        next++;
        worker.postMessage(request);
      };
      for (const worker of this.#workers) {
        worker.onmessage = (event: MessageEvent<TaskReply<SeedResult>>) => {
          const reply = event.data;
          if ("error" in reply) {
            failed = true;
            reject(new Error(`seed task ${reply.id} failed in a worker: ${reply.error}`));
            return;
          }
          results[reply.id] = reply.result;
          done++;
          onDone?.(done, tasks.length, reply.result);
          if (done === tasks.length) resolve(results);
          else feed(worker);
        };
        worker.onerror = (event: ErrorEvent) => {
          event.preventDefault();
          failed = true;
          reject(new Error(`a bench worker crashed: ${event.message}`));
        };
        feed(worker);
      }
    });
  }

  /** Terminates the workers. */
  close(): void {
    for (const worker of this.#workers) worker.terminate();
    this.#workers.length = 0;
  }
}

/** Runs the tasks one after another in this thread: the pool's reference. */
export async function runSeedsInOrder(
  tasks: readonly SeedTask[],
  onDone?: OnTaskDone,
): Promise<SeedResult[]> {
  const results: SeedResult[] = [];
  for (const task of tasks) {
    results.push(await runSeed(task));
    onDone?.(results.length, tasks.length, results[results.length - 1]);
  }
  return results;
}
