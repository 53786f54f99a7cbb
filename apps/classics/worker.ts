/**
 * A classics-suite worker: runs each task it is sent with
 * {@linkcode runClassicsTask} and posts the result back, tagged with its id.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { type ClassicsRequest, runClassicsTask } from "./run.ts";

self.onmessage = async (event: MessageEvent<ClassicsRequest>) => {
  const { id, task } = event.data;
  try {
    self.postMessage({ id, run: await runClassicsTask(task) });
  } catch (error) {
    self.postMessage({
      id,
      error: error instanceof Error ? error.stack ?? error.message : String(error),
    });
  }
};
