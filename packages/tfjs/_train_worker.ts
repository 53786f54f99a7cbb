// Test helper: a worker that trains with TF.js, so tests can use both cores
// (TF.js has one engine per thread). Messages: a TrainJob in, a JobReply out.

import { loadDataset, resolveConfig } from "@backprop/core";
import { trainTfjs } from "./train.ts";
import type { JobReply, TrainJob } from "./_train_job.ts";

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<TrainJob & { id: number }>) => void) | null;
  postMessage(message: JobReply & { id: number }): void;
};

scope.onmessage = async (event) => {
  const { id, config, dataset, backend } = event.data;
  try {
    const result = await trainTfjs(resolveConfig(config), loadDataset(dataset), { backend });
    scope.postMessage({ id, result });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
