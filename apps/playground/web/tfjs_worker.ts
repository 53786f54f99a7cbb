/**
 * TF.js in a Web Worker, trained with `trainTfjs` from `@backprop/tfjs` from
 * the same weights as the hand-written engine, at its own pace.
 *
 * `trainTfjs` runs a whole run and yields to the event loop (setTimeout 0)
 * every ~20 ms of its clock. To pause it at an exact epoch without changing
 * `@backprop/tfjs`, this worker (only this worker) wraps two globals:
 * `performance.now` gets a skew that makes the loop yield right after the epoch
 * it must stop at, and `setTimeout(fn, 0)` is held while the run is held. The
 * run's own `trainMs` is then meaningless; the worker times the run itself.
 *
 * Beside it, the hand-written engine runs the same config in float32, one epoch
 * per TF.js epoch: how far float32 rounding alone moves the run, for the
 * page's verdict (see `verdict.ts`).
 *
 * @module
 */

import type { Dataset, ModelWeights, ResolvedConfig } from "@backprop/core";
import { ManualStepper } from "@backprop/manual";
import { loadBackend, trainTfjs } from "@backprop/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { PageBackend } from "../config_hash.ts";
import type { TfjsFrame, ToTfjs, WorkerError, WorkerScope } from "./protocol.ts";

const scope = globalThis as unknown as WorkerScope;
const realNow = performance.now.bind(performance);
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
let skew = 0;
Object.defineProperty(performance, "now", { value: () => realNow() + skew, configurable: true });
let holding = false;
let held: (() => void) | null = null;
globalThis.setTimeout = ((fn: () => void, ms?: number) => {
  if (holding && !ms) {
    held = fn;
    return 0;
  }
  return realSetTimeout(fn, ms);
}) as typeof setTimeout;

// The .wasm files sit beside this script (the build copies them from the npm package).
setWasmPaths(new URL("./", (globalThis as unknown as { location: URL }).location.href).href);

interface Job {
  id: number;
  config: ResolvedConfig;
  data: Dataset;
  model: ModelWeights;
  backend: PageBackend;
  controller: AbortController;
  started: boolean;
  shadow: ManualStepper;
  losses: number[];
  sent: number;
  epoch: number;
  trainMs: number;
  lastPost: number;
  since: number;
  backendName: string;
}

let job: Job | null = null;
let target = 0;

function post(j: Job, stopped: TfjsFrame["stopped"], model: ModelWeights | null): void {
  const now = realNow();
  j.trainMs += now - j.since;
  j.since = now;
  const frame: TfjsFrame = {
    type: "frame",
    id: j.id,
    from: j.sent,
    losses: Float64Array.from(j.losses.slice(j.sent)),
    shadow: j.shadow.lossHistory.slice(j.sent),
    epoch: j.epoch,
    stopped,
    model,
    trainMs: j.trainMs,
    backend: j.backendName,
  };
  j.sent = j.losses.length;
  j.lastPost = now;
  scope.postMessage(frame);
}

function release(): void {
  holding = false;
  const fn = held;
  held = null;
  if (fn !== null) realSetTimeout(fn, 0);
}

async function start(j: Job): Promise<void> {
  j.started = true;
  j.since = realNow();
  try {
    j.backendName = (await loadBackend(j.backend)).getBackend();
    const result = await trainTfjs(j.config, j.data, {
      backend: j.backend,
      initialModel: j.model,
      signal: j.controller.signal,
      onEpoch: ({ epoch, loss }) => {
        if (job !== j) return;
        j.losses.push(loss);
        j.epoch = epoch;
        if (j.shadow.epoch < epoch) j.shadow.epochs(1);
        if (epoch >= target) {
          post(j, null, null);
          holding = true;
          skew += 1e9; // the loop's next clock reading says its slice is over: it yields
        } else if (realNow() - j.lastPost > 30) {
          post(j, null, null);
        }
      },
    });
    if (job === j) post(j, result.stoppedBecause, result.model);
  } catch (error) {
    if (job === j) fail(error);
  }
}

function fail(error: unknown): void {
  const reply: WorkerError = { type: "error", message: String((error as Error).message ?? error) };
  scope.postMessage(reply);
}

scope.onmessage = (event: MessageEvent<ToTfjs>) => {
  try {
    const message = event.data;
    if (message.type === "init") {
      if (job !== null) job.controller.abort();
      release();
      target = 0;
      const { config, data, model, backend } = message;
      job = {
        id: message.id,
        config,
        data,
        model,
        backend,
        controller: new AbortController(),
        started: false,
        shadow: new ManualStepper({ ...config, dtype: "float32" }, data, model),
        losses: [],
        sent: 0,
        epoch: 0,
        trainMs: 0,
        lastPost: 0,
        since: 0,
        backendName: backend,
      };
    } else if (message.type === "until" && job !== null) {
      target = message.epoch;
      if (job.epoch < target) {
        if (!job.started) start(job);
        else {
          job.since = realNow();
          release();
        }
      }
    }
  } catch (error) {
    fail(error);
  }
};
