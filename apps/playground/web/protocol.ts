/**
 * The messages between the page and its two workers.
 *
 * @module
 */

import type { Dataset, ModelWeights, ResolvedConfig, StopReason, TrainState } from "@backprop/core";
import type { PageBackend } from "../config_hash.ts";

/** Page → hand-written engine worker. */
export type ToManual =
  | { type: "init"; id: number; config: ResolvedConfig; data: Dataset; model: ModelWeights }
  | { type: "run" }
  | { type: "pause" }
  | { type: "step" };

/** Hand-written engine worker → page. */
export interface ManualFrame {
  type: "frame";
  /** The init message's id: frames of an earlier run are dropped. */
  id: number;
  /** Epoch index of losses[0] (0-based): the losses are the ones not sent before. */
  from: number;
  losses: Float64Array;
  /** Epochs completed. */
  epoch: number;
  /** Batches of the current epoch already done. */
  batchInEpoch: number;
  batches: number;
  model: ModelWeights;
  /** The optimizer state (null in the middle of an epoch), for the model file. */
  state: TrainState | null;
  /** Whether this frame follows one Step (a single batch update). */
  stepped: boolean;
  running: boolean;
  stopped: StopReason | null;
  /** Milliseconds spent training since init. */
  trainMs: number;
}

/** Page → TF.js worker. */
export type ToTfjs =
  | {
    type: "init";
    id: number;
    config: ResolvedConfig;
    data: Dataset;
    model: ModelWeights;
    backend: PageBackend;
  }
  /** Train until `epoch` epochs are done (Infinity: until a stop rule), then hold. */
  | { type: "until"; epoch: number };

/** TF.js worker → page. */
export interface TfjsFrame {
  type: "frame";
  id: number;
  from: number;
  losses: Float64Array;
  /** The hand-written engine's float32 losses of the same epochs (for the verdict). */
  shadow: Float64Array;
  epoch: number;
  stopped: StopReason | null;
  /** The final weights, once training has stopped. */
  model: ModelWeights | null;
  trainMs: number;
  /** The backend TF.js really uses. */
  backend: string;
}

/** Either worker → page: something failed. */
export interface WorkerError {
  type: "error";
  message: string;
}

/** The part of a worker's global scope the workers use (no DOM or webworker lib needed). */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}
