/**
 * `TrainState`: what a run needs besides the weights to go on exactly where
 * another stopped — the optimizer's moments and step count, and how many epochs
 * of the batch schedule are behind it.
 *
 * Resuming: a run of N epochs returns its state; a second run given that state
 * (and the model) trains M more epochs, and the two together equal one run of
 * N + M epochs. Three things make that exact:
 * - the optimizer starts from the saved moments (momentum's v; Adam's m and s)
 *   and, for Adam, the saved running products β1ᵗ and β2ᵗ (kept as numbers, so
 *   float64 runs resume bit for bit);
 * - the batch order continues: {@linkcode BatchSchedule} shuffles each epoch's
 *   order from the previous one with its own seeded generator, so the resumed
 *   schedule replays `epochs` shuffles ({@linkcode BatchSchedule.skip}) before
 *   its first epoch, reaching the order the uninterrupted run would use next;
 * - the config is the same (seed, batch size, shuffle, hyper-parameters): the
 *   state records the optimizer it belongs to, and the engines refuse a state
 *   of another optimizer.
 *
 * @module
 */

import type { OptimizerName, ResolvedConfig } from "./config.ts";
import type { ModelWeights } from "./model.ts";

/**
 * A run's optimizer state and position in the batch schedule, as plain JSON.
 *
 * @example The state of a fresh sgd run of a 2-3-1 network
 * ```ts
 * import type { TrainState } from "@backprop/core";
 * const fresh: TrainState = {
 *   epochs: 0, optimizer: "sgd", steps: 0, beta1Power: 1, beta2Power: 1, first: [], second: [],
 * };
 * fresh.steps; // 0
 * ```
 */
export interface TrainState {
  /** Epochs trained so far, counting every earlier run it continues. */
  epochs: number;
  /** The optimizer it belongs to. */
  optimizer: OptimizerName;
  /** Optimizer updates applied so far (Adam's t). */
  steps: number;
  /** Adam's β1ᵗ, the running product after `steps` updates (1 for other optimizers). */
  beta1Power: number;
  /** Adam's β2ᵗ, likewise. */
  beta2Power: number;
  /**
   * Per trained tensor, in the engines' order W1, b1, W2, b2, … (biases only when
   * on), then W_s: momentum's velocity v or Adam's first moment m, each shaped as
   * its tensor (row-major). Empty for sgd.
   */
  first: number[][];
  /** Adam's second moment s per tensor, as `first`; empty for sgd and momentum. */
  second: number[][];
}

/**
 * The sizes of the trained tensors of `model` in the engines' order: W1, b1,
 * W2, b2, … (biases only when `useBias`), then W_s.
 *
 * @example
 * ```ts
 * import { initModel, paramSizes, resolveConfig } from "@backprop/core";
 * paramSizes(initModel(resolveConfig({ preset: "seed" }), 2, 1)); // [6, 3]
 * ```
 */
export function paramSizes(model: ModelWeights): number[] {
  const sizes: number[] = [];
  for (const layer of model.layers) {
    sizes.push(layer.inputs * layer.units);
    if (model.useBias) sizes.push(layer.units);
  }
  if (model.shortcut !== undefined) sizes.push(model.shortcut.length);
  return sizes;
}

function fail(path: string, value: unknown, allowed: string, Kind = RangeError): never {
  const shown = typeof value === "number" ? String(value) : JSON.stringify(value)?.slice(0, 60);
  throw new Kind(`${path}: ${shown} is not allowed; ${allowed}`, {
    cause: { field: "initialState" },
  });
}

function moments(path: string, value: unknown, sizes: readonly number[]): number[][] {
  if (!Array.isArray(value) || value.length !== sizes.length) {
    fail(path, value, `expected ${sizes.length} arrays, one per trained tensor`, TypeError);
  }
  value.forEach((slot: unknown, t) => {
    if (!Array.isArray(slot) || slot.length !== sizes[t]) {
      fail(`${path}[${t}]`, slot, `expected an array of ${sizes[t]} numbers`, TypeError);
    }
    slot.forEach((v: unknown, i) => {
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fail(`${path}[${t}][${i}]`, v, "expected a finite number", TypeError);
      }
    });
  });
  return value;
}

/**
 * Checks that `value` (e.g. parsed JSON) is a {@linkcode TrainState} that fits
 * `model` and `config`: the config's optimizer, a whole number of epochs and
 * steps, β powers in (0, 1], and one moment array per trained tensor of the
 * tensor's size (see {@linkcode paramSizes}). Throws a `TypeError`/`RangeError`
 * naming the path (`state.first[1][0]: …`), with `cause.field` `initialState`.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig, validateTrainState } from "@backprop/core";
 * const config = resolveConfig({ optimizer: "sgd" });
 * const model = initModel(config, 2, 1);
 * const state = { epochs: 3, optimizer: "sgd", steps: 3, beta1Power: 1, beta2Power: 1, first: [], second: [] };
 * validateTrainState(state, config, model).epochs; // 3
 * ```
 */
export function validateTrainState(
  value: unknown,
  config: ResolvedConfig,
  model: ModelWeights,
): TrainState {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail("state", value, "expected an object", TypeError);
  }
  const s = value as Record<string, unknown>;
  if (s.optimizer !== config.optimizer) {
    fail("state.optimizer", s.optimizer, `the config's optimizer is ${config.optimizer}`);
  }
  for (const field of ["epochs", "steps"]) {
    const n = s[field];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      fail(`state.${field}`, n, "expected an integer ≥ 0");
    }
  }
  for (const field of ["beta1Power", "beta2Power"]) {
    const p = s[field];
    if (typeof p !== "number" || !(p > 0 && p <= 1)) fail(`state.${field}`, p, "expected (0, 1]");
  }
  const sizes = paramSizes(model);
  const none: number[] = [];
  moments("state.first", s.first, config.optimizer === "sgd" ? none : sizes);
  moments("state.second", s.second, config.optimizer === "adam" ? sizes : none);
  return value as TrainState;
}
