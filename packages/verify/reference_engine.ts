/**
 * The reference engine of `@backprop/manual` (`reference.ts`) as an `Engine`
 * that `verify` can step through, built from its pieces (rows, loss, backward,
 * update), so that a copy with one piece replaced is one line (see `bugs.ts`).
 *
 * @module
 */

import {
  BatchSchedule,
  type Dataset,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import {
  backward,
  batchRows,
  forward,
  fromModel,
  type Gradients as RefGradients,
  lossAndDelta,
  type Matrix,
  type Net,
  type OptimizerState as RefState,
  optimizerState,
  type Pass,
  tensors,
  toModel,
  update,
} from "@backprop/manual";
import type { Engine } from "./engine.ts";

/** The reference engine's pieces; a bug replaces one with a faulty copy. */
export interface Pieces {
  /** Rows of batch b: positions `order[start + r]`. */
  rows(order: Uint32Array, start: number, size: number, total: number): number[];
  /** δ_out and the batch's loss (its mean, for mse and bce). */
  loss(config: ResolvedConfig, pass: Pass, y: Matrix): { loss: number; delta: Matrix };
  /** The backward pass; may update `net` itself (then `updated` is true). */
  backward(
    config: ResolvedConfig,
    net: Net,
    pass: Pass,
    delta: Matrix,
  ): { g: RefGradients; updated: boolean };
  /** The optimizer's update of every tensor. */
  update(config: ResolvedConfig, net: Net, g: RefGradients, state: RefState): void;
  /** The gradients reported and applied, flattened: W as row-major [inputs, units]. */
  flatten(net: Net, g: RefGradients): Float64Array[];
}

/** The reference engine's own pieces. */
export const REFERENCE: Pieces = {
  rows: (order, start, size) => Array.from(order.subarray(start, start + size)),
  loss: (config, pass, y) => lossAndDelta(config.loss, config.outputActivation, pass, y, y.length),
  backward: (_config, net, pass, delta) => ({ g: backward(net, pass, delta), updated: false }),
  update: (config, net, g, state) => update(config, net, g, state),
  flatten: (net, g) => tensors(net, g).map((t) => Float64Array.from(t.grad.flat())),
};

/**
 * The reference engine, or a copy with some pieces replaced, as an `Engine`.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { referenceEngine } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed" });
 * const run = referenceEngine().start(config, loadDataset("xor"), initModel(config, 2, 1));
 * run.step().loss > 0; // true
 * ```
 */
export function referenceEngine(name = "reference", replace: Partial<Pieces> = {}): Engine {
  const p: Pieces = { ...REFERENCE, ...replace };
  return {
    name,
    start(config: ResolvedConfig, data: Dataset, model: ModelWeights) {
      const schedule = new BatchSchedule(config, data.rows);
      const net = fromModel(model);
      const state = optimizerState(net);
      let b = 0;
      return {
        model: () => toModel(net),
        step() {
          if (b === 0) schedule.nextEpoch();
          const rows = p.rows(schedule.order, schedule.start(b), schedule.size(b), data.rows);
          b = (b + 1) % schedule.batches;
          const { X, y } = batchRows(data, rows, 0, rows.length);
          const pass = forward(net, X);
          const { loss, delta } = p.loss(config, pass, y);
          const { g, updated } = p.backward(config, net, pass, delta);
          const gradients = p.flatten(net, g);
          if (!updated) p.update(config, net, g, state);
          return { rows, loss, gradients };
        },
      };
    },
  };
}
