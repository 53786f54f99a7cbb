// Test helper: the messages between the TF.js training pool and its workers.

import type { TrainConfig, TrainResult } from "@backprop/core";
import type { Backend } from "./backend.ts";

/** One training: a config, a dataset name and a backend. */
export interface TrainJob {
  config: TrainConfig;
  dataset: string;
  backend?: Backend;
}

/** What a worker answers. */
export type JobReply = { result: TrainResult } | { error: string };
