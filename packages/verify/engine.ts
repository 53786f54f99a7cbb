/**
 * What `verify` checks: an engine that it can step through, one update at a
 * time, reading its weights between steps. Three kinds plug in:
 * - the hand-written engine ({@linkcode manualEngine}, through `ManualSteps`);
 * - a whole engine of your own, as an {@linkcode Engine};
 * - only a backward pass, as a {@linkcode GradientsFn}, wrapped by
 *   {@linkcode gradientsEngine} with the shared batch order and the optimizer
 *   of `optimizer.ts`.
 *
 * @module
 */

import {
  BatchSchedule,
  type Dataset,
  type LayerGradients,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { ManualSteps } from "@backprop/manual";
import { applyUpdate, initialState, type OptimizerState } from "./optimizer.ts";
import { batchOf, modelTensors, tensorInfo, withTensors } from "./tensors.ts";

/** What one step did, as the engine reports it. */
export interface StepRecord {
  /** The dataset rows of the batch, in the order used. */
  rows: ArrayLike<number>;
  /** The batch's loss before the update (½·Σ for sse, the batch mean for mse and bce). */
  loss: number;
  /** ∂L/∂θ of every trained tensor, in `tensorInfo` order (W1, b1, …, Ws). */
  gradients: Float64Array[];
}

/** A training run that `verify` advances one step at a time. */
export interface Stepper {
  /** The current weights. */
  model(): ModelWeights;
  /** One batch: forward, backward, update (epochs follow each other; no stop rules). */
  step(): StepRecord;
}

/** An engine under test: starts a {@linkcode Stepper} from given weights. */
export interface Engine {
  /** Short name for reports. */
  readonly name: string;
  /** A run of `config` on `data` from `model` (copied, never modified). */
  start(config: ResolvedConfig, data: Dataset, model: ModelWeights): Stepper;
}

/**
 * The hand-written engine of `@backprop/manual` (in float64).
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { manualEngine } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed" });
 * const run = manualEngine.start(config, loadDataset("xor"), initModel(config, 2, 1));
 * run.step().gradients.length; // 2
 * ```
 */
export const manualEngine: Engine = {
  name: "manual",
  start(config, data, model) {
    const steps = new ManualSteps({ ...config, dtype: "float64" }, data, model);
    return { model: () => steps.model(), step: () => steps.step() };
  },
};

/** One batch as a learner's backward pass receives it. */
export interface Batch {
  /** X: [rows, inputs], row-major. */
  inputs: Float64Array;
  /** y: [rows, outputs], row-major. */
  targets: Float64Array;
  /** Rows in the batch. */
  rows: number;
}

/** What a learner's backward pass returns: ∂L/∂W and ∂L/∂b per layer, ∂L/∂W_s if any. */
export interface Gradients {
  /** The batch's loss, if computed (½·Σ for sse, the mean over rows and outputs otherwise). */
  loss?: number;
  /** One entry per layer, input to output; `biases` may be omitted without biases. */
  layers: { weights: ArrayLike<number>; biases?: ArrayLike<number> }[];
  /** ∂L/∂W_s: [inputs, outputs], when the model has a shortcut. */
  shortcut?: ArrayLike<number>;
}

/** A backward pass: the gradient of the configured loss of `batch` at `model`. */
export type GradientsFn = (model: ModelWeights, batch: Batch, config: ResolvedConfig) => Gradients;

/**
 * An {@linkcode Engine} around a backward pass alone: the batches come from the
 * shared `BatchSchedule`, the updates from `optimizer.ts`. A loss the function
 * does not report is taken as NaN (the loss check then fails).
 *
 * @example
 * ```ts
 * import { gradientsEngine } from "@backprop/verify";
 * const engine = gradientsEngine("zero", (model) => ({
 *   layers: model.layers.map((l) => ({ weights: new Float64Array(l.weights.length) })),
 * }));
 * engine.name; // "zero"
 * ```
 */
export function gradientsEngine(name: string, gradients: GradientsFn): Engine {
  return {
    name,
    start(config, data, start) {
      const schedule = new BatchSchedule(config, data.rows);
      let model = withTensors(start, modelTensors(start));
      let state: OptimizerState = initialState(config, modelTensors(model));
      let b = 0;
      return {
        model: () => withTensors(model, modelTensors(model)),
        step() {
          if (b === 0) schedule.nextEpoch();
          const rows = schedule.order.slice(
            schedule.start(b),
            schedule.start(b) + schedule.size(b),
          );
          b = (b + 1) % schedule.batches;
          const batch = batchOf(data, rows);
          const g = checkGradients(
            gradients(withTensors(model, modelTensors(model)), batch, config),
            model,
          );
          const weights = tensorInfo(model).map((t) => t.name[0] === "W");
          const next = applyUpdate(config, modelTensors(model), g.gradients, state, weights);
          model = withTensors(model, next.params);
          state = next.state;
          return { rows, loss: g.loss, gradients: g.gradients };
        },
      };
    },
  };
}

/**
 * A learner's {@linkcode Gradients} as flat tensors (in `tensorInfo` order), or a
 * `TypeError` saying what is missing, mis-shaped or not finite (field in `cause`).
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { checkGradients } from "@backprop/verify";
 * const model = initModel(resolveConfig({ preset: "seed" }), 2, 1);
 * const g = { layers: [{ weights: new Array(6).fill(0) }, { weights: [0, 0, 0] }] };
 * checkGradients(g, model).gradients.length; // 2
 * ```
 */
export function checkGradients(
  g: Gradients,
  model: ModelWeights,
): { loss: number; gradients: Float64Array[] } {
  const bad = (field: string, what: string) =>
    new TypeError(`gradients: ${field} ${what}`, { cause: { field } });
  if (g === null || typeof g !== "object" || !Array.isArray(g.layers)) {
    throw bad("layers", "is missing; expected one { weights, biases } per layer");
  }
  if (g.layers.length !== model.layers.length) {
    throw bad("layers", `has ${g.layers.length} entries; expected ${model.layers.length}`);
  }
  const tensor = (field: string, v: ArrayLike<number> | undefined, length: number) => {
    if (v === undefined || typeof v.length !== "number") throw bad(field, "is missing");
    if (v.length !== length) throw bad(field, `has ${v.length} values; expected ${length}`);
    const out = Float64Array.from(v);
    const i = out.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) throw bad(`${field}[${i}]`, `is ${out[i]}; expected a finite number`);
    return out;
  };
  const gradients: Float64Array[] = [];
  model.layers.forEach((l, i) => {
    const layer = g.layers[i] as LayerGradients;
    gradients.push(tensor(`layers[${i}].weights`, layer?.weights, l.inputs * l.units));
    if (model.useBias) gradients.push(tensor(`layers[${i}].biases`, layer?.biases, l.units));
  });
  if (model.shortcut !== undefined) {
    gradients.push(tensor("shortcut", g.shortcut, model.shortcut.length));
  }
  return { loss: typeof g.loss === "number" ? g.loss : NaN, gradients };
}
