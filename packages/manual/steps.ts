/**
 * The hand-written engine one update at a time, for checking it step by step:
 * the same `Network` (forward, backward, optimizer) and the same batch order as
 * `trainManual`, with each step's rows, loss and gradients handed back. It is
 * not the training loop, so nothing here touches the fast path.
 *
 * @module
 */

import {
  BatchSchedule,
  checkModelFits,
  type Dataset,
  initModel,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { Network } from "./network.ts";

/** What one {@linkcode ManualSteps.step} did. */
export interface ManualStep {
  /** The dataset rows of the batch, in the order used. */
  rows: Uint32Array;
  /** The batch's loss at the weights before the update (½·Σ for sse, the batch mean otherwise). */
  loss: number;
  /** ∂L/∂θ for W1, b1, W2, b2, … (biases only when on), then W_s: copies, float64. */
  gradients: Float64Array[];
}

/**
 * Steps through training exactly as `trainManual` does (same schedule, same
 * buffers and update), one batch at a time, without stop rules.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { ManualSteps } from "@backprop/manual";
 * const steps = new ManualSteps(resolveConfig({ preset: "seed" }), loadDataset("xor"));
 * const first = steps.step();
 * first.gradients.length; // 2: ∂L/∂W1 and ∂L/∂W2 (the seed preset has no biases)
 * ```
 */
export class ManualSteps {
  readonly #net: Network;
  readonly #data: Dataset;
  readonly #schedule: BatchSchedule;
  #batch = 0;

  /** Starts from `initialModel` (default: the config's initial weights), copied. */
  constructor(config: ResolvedConfig, data: Dataset, initialModel?: ModelWeights) {
    const start = initialModel ?? initModel(config, data.inputSize, data.outputSize);
    checkModelFits(config, data, start);
    this.#data = data;
    this.#schedule = new BatchSchedule(config, data.rows);
    this.#net = new Network(config, start, this.#schedule.batchSize);
  }

  /** The current weights (a copy). */
  model(): ModelWeights {
    return this.#net.toModel();
  }

  /** One batch: forward, backward, update; the next epoch's order is drawn when one begins. */
  step(): ManualStep {
    const schedule = this.#schedule;
    if (this.#batch === 0) schedule.nextEpoch();
    const b = this.#batch;
    const size = schedule.size(b);
    const rows = schedule.order.slice(schedule.start(b), schedule.start(b) + size);
    this.#net.gather(this.#data, schedule.order, schedule.start(b), size);
    this.#net.gradients(size, size);
    const loss = this.#net.batchLoss[0];
    const gradients: Float64Array[] = [];
    for (const layer of this.#net.layers) {
      gradients.push(Float64Array.from(layer.gw));
      if (layer.useBias) gradients.push(Float64Array.from(layer.gb));
    }
    if (this.#net.shortcut !== null) gradients.push(Float64Array.from(this.#net.shortcut.gw));
    this.#net.update();
    this.#batch = (b + 1) % schedule.batches;
    return { rows, loss, gradients };
  }
}
