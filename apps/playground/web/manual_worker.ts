/**
 * The hand-written engine in a Web Worker: trains in slices of about 12 ms and
 * posts a frame (the new losses and the weights) after each, so the page can
 * draw at animation-frame rate without ever waiting for training.
 *
 * @module
 */

import { ManualStepper } from "@backprop/manual";
import type { ManualFrame, ToManual, WorkerError, WorkerScope } from "./protocol.ts";

const scope = globalThis as unknown as WorkerScope;
const SLICE_MS = 12;

let run: ManualStepper | null = null;
let running = false;
let id = 0;
let sent = 0;
let trainMs = 0;
// A zero-delay way back to the event loop: nested setTimeout(0) is clamped to 4 ms.
const channel = new MessageChannel();
channel.port1.onmessage = tick;

function post(stepped: boolean): void {
  if (run === null) return;
  const history = run.lossHistory;
  const frame: ManualFrame = {
    type: "frame",
    id,
    from: sent,
    losses: history.slice(sent),
    epoch: run.epoch,
    batchInEpoch: run.batchInEpoch,
    batches: run.batches,
    model: run.model(),
    state: run.state(),
    stepped,
    running,
    stopped: run.stoppedBecause,
    trainMs,
  };
  sent = history.length;
  scope.postMessage(frame, [frame.losses.buffer as ArrayBuffer]);
}

function tick(): void {
  if (!running || run === null) return;
  const t0 = performance.now();
  run.epochs(Infinity, t0 + SLICE_MS);
  trainMs += performance.now() - t0;
  if (run.stoppedBecause !== null) running = false;
  post(false);
  if (running) channel.port2.postMessage(null);
}

scope.onmessage = (event: MessageEvent<ToManual>) => {
  try {
    const message = event.data;
    if (message.type === "init") {
      id = message.id;
      run = new ManualStepper(message.config, message.data, message.model);
      running = false;
      sent = 0;
      trainMs = 0;
      post(false);
    } else if (run === null) {
      return;
    } else if (message.type === "run") {
      if (!running && run.stoppedBecause === null) {
        running = true;
        channel.port2.postMessage(null);
      }
    } else if (message.type === "pause") {
      running = false;
      post(false);
    } else if (message.type === "step") {
      running = false;
      const t0 = performance.now();
      run.batch();
      trainMs += performance.now() - t0;
      post(true);
    }
  } catch (error) {
    const reply: WorkerError = {
      type: "error",
      message: String((error as Error).message ?? error),
    };
    scope.postMessage(reply);
  }
};
