/**
 * The float64 oracle: the same loss as the engines define it, written with
 * `@jax-js/jax` array operations and differentiated by its automatic
 * differentiation (reverse mode, `valueAndGrad`, compiled with `jit`), on jax-js's
 * `cpu` device, which keeps float64 (its `wasm` device does not).
 *
 * For a batch X: [n, inputs], y: [n, k], hidden layers A_l = f(A_{l−1}·W_l + b_l),
 * the output Z = A_last·W_out + X·W_s + b_out, o = g(Z) and
 * - sse: L = ½·Σ(o − y)²
 * - mse: L = Σ(o − y)² / (n·k)
 * - bce: L = Σ [max(Z, 0) − Z·y + ln(1 + e^−|Z|)] / (n·k)  (sigmoid output)
 * - cce: L = −Σ y·logSoftmax(Z) / n = Σ y·(lse(Z) − Z) / n  (softmax output; jax-js's
 *   logSoftmax shifts each row by its max, as the engines' log-sum-exp does)
 * relu and leaky-relu are written as `where(z > 0, z, …)`, so their derivative
 * at z = 0 is the left one, as every engine here takes it.
 *
 * The library is imported on first use only.
 *
 * @module
 */

import {
  type Dataset,
  LEAKY_RELU_ALPHA,
  type ModelWeights,
  type ResolvedConfig,
} from "@backprop/core";
import { tensorInfo } from "./tensors.ts";

/** The oracle's answer for one batch at given weights. */
export interface OracleStep {
  /** The batch's loss. */
  loss: number;
  /** ∂L/∂θ for every trained tensor, in `tensorInfo` order. */
  gradients: Float64Array[];
}

/** Differentiates the configured loss exactly, in float64. */
export interface Oracle {
  /**
   * The loss of `batch` at `params` (shaped like `model`'s trained tensors) and its gradient.
   */
  step(
    config: ResolvedConfig,
    model: ModelWeights,
    params: readonly Float64Array[],
    batch: Dataset,
  ): OracleStep;
}

type Jax = typeof import("@jax-js/jax");
type Arr = import("@jax-js/jax").Array;
/** (params, X, y, 1/(n·k) (cce: 1/n), leaky slope) → [L, ∂L/∂params]. */
type LossAndGradient = (p: Arr[], x: Arr, y: Arr, inverse: Arr, alpha: Arr) => [Arr, Arr[]];

let loading: Promise<Oracle> | null = null;

/**
 * Loads `@jax-js/jax` (once per process) and returns the oracle.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { loadOracle, modelTensors } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed" });
 * const model = initModel(config, 2, 1);
 * const oracle = await loadOracle();
 * const { loss } = oracle.step(config, model, modelTensors(model), loadDataset("xor"));
 * loss > 0; // true
 * ```
 */
export function loadOracle(): Promise<Oracle> {
  loading ??= (async () => {
    const jax: Jax = await import("@jax-js/jax");
    await jax.init("cpu");
    return new JaxOracle(jax);
  })();
  return loading;
}

class JaxOracle implements Oracle {
  readonly #jax: Jax;
  readonly #compiled = new Map<string, LossAndGradient>();

  constructor(jax: Jax) {
    this.#jax = jax;
  }

  step(
    config: ResolvedConfig,
    model: ModelWeights,
    params: readonly Float64Array[],
    batch: Dataset,
  ): OracleStep {
    const np = this.#jax.numpy;
    const info = tensorInfo(model);
    const array = (v: Float64Array, shape: number[]) =>
      np.array(Float64Array.from(v), { shape, dtype: np.float64, device: "cpu" });
    const p = params.map((v, t) => array(v, info[t].shape));
    const x = array(batch.inputs, [batch.rows, batch.inputSize]);
    const y = array(batch.targets, [batch.rows, batch.outputSize]);
    // Constants enter as float64 arrays: a number inside the compiled function is
    // rounded to float32 (1/3 would be 3e-8 off).
    const perRow = config.loss === "cce" ? 1 : batch.outputSize; // cce: the mean over rows
    const inverse = array(Float64Array.of(1 / (batch.rows * perRow)), []);
    const alpha = array(Float64Array.of(LEAKY_RELU_ALPHA), []);
    const [value, grads] = this.#fn(config, model)(p, x, y, inverse, alpha);
    const loss = (value.dataSync() as Float64Array)[0];
    const gradients = grads.map((g) => Float64Array.from(g.dataSync() as Float64Array));
    return { loss, gradients };
  }

  #fn(config: ResolvedConfig, model: ModelWeights) {
    const key = [
      model.layers.map((l) => l.activation).join(","),
      config.loss,
      model.useBias,
      model.shortcut !== undefined,
    ].join("|");
    let fn = this.#compiled.get(key);
    if (fn === undefined) {
      const { jit, valueAndGrad } = this.#jax;
      fn = jit(valueAndGrad(lossFunction(this.#jax, config, model))) as unknown as LossAndGradient;
      this.#compiled.set(key, fn);
    }
    return fn;
  }
}

/**
 * L(params, X, y) in jax-js operations. jax-js counts references: every array
 * passed to an operation is consumed, so one used twice is passed as `a.ref` first.
 */
function lossFunction(jax: Jax, config: ResolvedConfig, model: ModelWeights) {
  const np = jax.numpy;
  const useBias = model.useBias;
  const shortcut = model.shortcut !== undefined;
  const activations = model.layers.map((l) => l.activation);
  // z where z > 0 and 0 elsewhere, and the other half, so that each branch of a
  // `where` sees only arguments it can take (an unused branch's inf would still
  // poison the gradient with 0·inf).
  const halves = (z: Arr): [Arr, Arr] => [
    np.where(np.greater(z.ref, 0), z.ref, 0),
    np.where(np.greater(z.ref, 0), 0, z.ref),
  ];
  const f = (name: string, z: Arr, alpha: Arr): Arr => {
    switch (name) {
      case "sigmoid": {
        // 1 / (1 + e^−z) for z > 0, e^z / (1 + e^z) otherwise: no e^x ever overflows.
        const [pos, neg] = halves(z);
        const en = np.exp(neg);
        return np.where(
          np.greater(z, 0),
          np.reciprocal(np.exp(np.negative(pos)).add(1)),
          en.ref.div(en.add(1)),
        );
      }
      case "tanh": {
        // jax-js's tanh loses digits near 0 (8e-4 relative at 1e-15): written with
        // expm1 instead, tanh(z) = −e/(2 + e) with e = expm1(−2z) for z > 0, and the
        // mirror image otherwise.
        const [pos, neg] = halves(z);
        const ep = np.expm1(pos.mul(-2));
        const en = np.expm1(neg.mul(2));
        return np.where(
          np.greater(z, 0),
          np.negative(ep.ref).div(ep.add(2)),
          en.ref.div(en.add(2)),
        );
      }
      case "relu":
        return np.where(np.greater(z.ref, 0), z, 0);
      case "leaky-relu":
        return np.where(np.greater(z.ref, 0), z.ref, z.mul(alpha.ref));
      default:
        return z;
    }
  };
  return (params: Arr[], x: Arr, y: Arr, inverse: Arr, alpha: Arr): Arr => {
    let p = 0;
    let a = x.ref;
    let z: Arr | null = null;
    for (let l = 0; l < activations.length; l++) {
      z = np.matmul(a, params[p++]);
      const last = l === activations.length - 1;
      if (last && shortcut) {
        // Ws is the last tensor; the bias (if any) comes right after W_out.
        z = z.add(np.matmul(x.ref, params[params.length - 1]));
      }
      if (useBias) z = z.add(params[p++]);
      if (!last) a = f(activations[l], z, alpha);
    }
    x.dispose();
    alpha.dispose();
    const zOut = z!;
    if (config.loss === "cce") {
      const terms = np.negative(y.mul(jax.nn.logSoftmax(zOut, -1)));
      return np.sum(terms).mul(inverse);
    }
    if (config.loss === "bce") {
      // max(z, 0) − z·y + ln(1 + e^−|z|), both kinks written with `where` (left derivatives).
      const pos = np.where(np.greater(zOut.ref, 0), zOut.ref, 0);
      const abs = np.where(np.greater(zOut.ref, 0), zOut.ref, np.negative(zOut.ref));
      const terms = pos.sub(zOut.mul(y)).add(np.log1p(np.exp(np.negative(abs))));
      return np.sum(terms).mul(inverse);
    }
    const o = f(activations[activations.length - 1], zOut, alpha);
    const squares = np.sum(np.square(o.sub(y)));
    if (config.loss === "sse") {
      inverse.dispose();
      return squares.mul(0.5);
    }
    return squares.mul(inverse);
  };
}
