/**
 * The worker side of the bench's and the classics' worker pools: run each task
 * the pool sends and post the result back, tagged with the task's id.
 *
 * @module
 */

/// <reference lib="deno.worker" />

/** What a pool sends a worker. */
export interface TaskRequest<T> {
  /** The task's place in the pool's list. */
  id: number;
  /** The task. */
  task: T;
}

/** What a worker answers: the result, or the error's stack (or message). */
export type TaskReply<R> = { id: number; result: R } | { id: number; error: string };

/**
 * Makes this worker answer every {@linkcode TaskRequest} with `run(task)`'s
 * result, or with the error it threw, as a {@linkcode TaskReply}.
 *
 * @example
 * ```ts ignore
 * import { serveTasks } from "./serve_tasks.ts";
 * serveTasks(async (n: number) => n * 2); // in a worker module
 * ```
 */
export function serveTasks<T, R>(run: (task: T) => Promise<R>): void {
  self.onmessage = async (event: MessageEvent<TaskRequest<T>>) => {
    const { id, task } = event.data;
    let reply: TaskReply<R>;
    try {
      reply = { id, result: await run(task) };
    } catch (error) {
      reply = { id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
    }
    self.postMessage(reply);
  };
}
