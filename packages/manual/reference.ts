/**
 * The reference engine: backpropagation as the textbook writes it. Read this file first.
 *
 * The original NumPy program (testdata/seed) trains h = σ(X·W1), o = σ(h·W2) and updates
 *   d_o = (y − o)·o·(1 − o);  d_h = (d_o·W2ᵀ)·h·(1 − h);  W2 += η·hᵀ·d_o;  W1 += η·Xᵀ·d_h.
 * Here the same steps, for any number of layers, with δ = ∂L/∂z = −d:
 *   forward   z_l = a_{l−1}·W_l + b_l,  a_l = f(z_l),  a_0 = X     (+ X·Ws in the output's z)
 *   loss      δ_out = ∂L/∂o ⊙ f′(z_out)   (softmax with cce: δ_out = (p − y)/n, the Jacobian folded in)
 *   backward  δ_{l−1} = (δ_l·W_lᵀ) ⊙ f′(z_{l−1}),  ∇W_l = a_{l−1}ᵀ·δ_l,  ∇b_l = Σ_rows δ_l
 *   update    θ ← θ − η·∇θ  (or momentum, or Adam, with TF.js's formulas; + 2λ·W with L2)
 * Plain loops over number[][], Math.exp and Math.tanh, float64 whatever `config.dtype`
 * says. Every sum adds its terms in increasing index from 0, as the fast engine
 * (`network.ts`) does, so the two differ only by the fast σ and tanh's last bits.
 *
 * @example One step of the original program
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { backward, batchRows, forward, fromModel, lossAndDelta, optimizerState, update } from "@backprop/manual";
 * const config = resolveConfig({ preset: "seed" });
 * const net = fromModel(initModel(config, 2, 1));
 * const { X, y } = batchRows(loadDataset("xor"));
 * const pass = forward(net, X); // h = σ(X·W1), o = σ(h·W2)
 * const { loss, delta } = lossAndDelta("sse", "sigmoid", pass, y, 4); // ½·Σ(o − y)²
 * update(config, net, backward(net, pass, delta), optimizerState(net)); // W ← W − η·∇W
 * ```
 *
 * @module
 */

import {
  type Activation,
  BatchSchedule,
  checkModelFits,
  checkTestData,
  type Dataset,
  earlyStopping,
  initModel,
  LEAKY_RELU_ALPHA,
  type LossName,
  type ModelWeights,
  type ResolvedConfig,
  type StopReason,
  stopReason,
  type Trainer,
  type TrainOptions,
  type TrainResult,
} from "@backprop/core";
import { batchRows, fromModel, type Matrix, type Net, toModel } from "./reference_model.ts";
// The plain network's types and conversions (Matrix, Layer, Net; fromModel, toModel, batchRows).
export {
  batchRows,
  fromModel,
  type Layer,
  type Matrix,
  type Net,
  toModel,
} from "./reference_model.ts";

/** f(z): sigmoid 1 / (1 + e^−z), tanh, relu max(0, z), leaky-relu, linear z (softmax: see below). */
export function activation(f: Activation, z: number): number {
  if (f === "sigmoid") return 1 / (1 + Math.exp(-z));
  if (f === "tanh") return Math.tanh(z);
  if (f === "relu") return z > 0 ? z : 0;
  if (f === "leaky-relu") return z > 0 ? z : LEAKY_RELU_ALPHA * z;
  return z;
}

/** g ⊙ f′(z), with f′ written in the output a = f(z) as the original's sigmoid_derivative. */
export function timesDerivative(f: Activation, g: number, a: number): number {
  if (f === "sigmoid") return g * a * (1 - a); // sigmoid_derivative(a) = a·(1 − a)
  if (f === "tanh") return g * (1 - a * a);
  if (f === "relu") return a > 0 ? g : 0; // the left derivative at z = 0, as TF.js takes it
  if (f === "leaky-relu") return a > 0 ? g : LEAKY_RELU_ALPHA * g;
  return g;
}

/** softmax of a row z (a layer's f is row-wise): p_j = e^{z_j − m} / Σ_i e^{z_i − m}, m = max z. */
export function softmax(z: number[]): number[] {
  const m = Math.max(...z), e = z.map((v) => Math.exp(v - m)); // e^{z − m} ≤ 1: no overflow
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

/** A·B: (A·B)[r][j] = Σ_i A[r][i]·B[i][j], the sum in increasing i from 0. */
export function matMul(A: Matrix, B: Matrix): Matrix {
  return A.map((row) =>
    B[0].map((_, j) => {
      let s = 0;
      for (let i = 0; i < B.length; i++) s += row[i] * B[i][j];
      return s;
    })
  );
}

/** Aᵀ: Aᵀ[j][i] = A[i][j]. */
export function transpose(A: Matrix): Matrix {
  return A[0].map((_, j) => A.map((row) => row[j]));
}

/** One forward pass: z[l] is layer l's z (0-based), a[l + 1] = f(z[l]); a[0] = X, the last a is o. */
export type Pass = { a: Matrix[]; z: Matrix[] };

/** Forward: z_l = a_{l−1}·W_l (+ X·Ws for the output layer) + b_l, a_l = f(z_l). */
export function forward(net: Net, X: Matrix): Pass {
  const a: Matrix[] = [X], z: Matrix[] = [];
  net.layers.forEach((layer, l) => {
    const product = matMul(a[l], layer.W);
    const direct = l === net.layers.length - 1 && net.Ws !== null ? matMul(X, net.Ws) : null;
    const zl = product.map((row, r) =>
      row.map((p, j) => (direct === null ? p : p + direct[r][j]) + layer.b[0][j])
    );
    z.push(zl);
    a.push(
      zl.map((row) =>
        layer.f === "softmax" ? softmax(row) : row.map((v) => activation(layer.f, v))
      ),
    );
  });
  return { a, z };
}

/** ∇W, ∇b per layer, ∇Ws, and every layer's δ, from one backward pass. */
export interface Gradients {
  /** δ_l = ∂L/∂z_l */ delta: Matrix[];
  /** ∇W_l = a_{l−1}ᵀ·δ_l */ W: Matrix[];
  /** ∇b_l = Σ_rows δ_l (zeros without biases) */ b: Matrix[];
  /** ∇Ws = Xᵀ·δ_out */ Ws: Matrix | null;
}

/** Backward from δ_out: δ_{l−1} = (δ_l·W_lᵀ) ⊙ f′(z_{l−1}), ∇W_l = a_{l−1}ᵀ·δ_l, ∇b_l = Σ_rows δ_l. */
export function backward(net: Net, pass: Pass, deltaOut: Matrix): Gradients {
  const delta: Matrix[] = net.layers.map(() => deltaOut); // the loop replaces all but δ_out
  for (let l = net.layers.length - 1; l > 0; l--) {
    delta[l - 1] = matMul(delta[l], transpose(net.layers[l].W)).map((row, r) =>
      row.map((g, i) => timesDerivative(net.layers[l - 1].f, g, pass.a[l][r][i]))
    );
  }
  return {
    delta,
    W: delta.map((d, l) => matMul(transpose(pass.a[l]), d)),
    // Σ_rows δ as 1·δ[0] + 1·δ[1] + …, in row order.
    b: delta.map((d) => net.useBias ? matMul([d.map(() => 1)], d) : [d[0].map(() => 0)]),
    Ws: net.Ws === null ? null : matMul(transpose(pass.a[0]), deltaOut),
  };
}

/**
 * The loss of a batch of n rows, k outputs (o = f(z) the output, y the target), as its
 * share of an epoch of `totalRows` rows, and δ_out = ∂L_batch/∂z_out:
 * - sse: L = ½·Σ(o − y)²,       δ_out = (o − y) ⊙ f′(z)         (the original's)
 * - mse: L = Σ(o − y)² / (N·k), δ_out = (o − y) ⊙ f′(z) · 2/(n·k)
 * - bce: L = Σ ℓ / (N·k),       δ_out = (o − y) / (n·k)   (σ output: f′ cancels)
 *   ℓ = −[y·ln o + (1 − y)·ln(1 − o)] = max(z, 0) − z·y + ln(1 + e^−|z|), never ln 0.
 * - cce: L = Σ_rows Σ_j y_j·(lse − z_j) / N, δ_out = (p − y) / n   (softmax output p; one-hot y)
 *   −ln p_j = lse − z_j with lse = ln Σ_i e^{z_i} = m + ln Σ_i e^{z_i − m}, m = max z: never ln 0.
 */
export function lossAndDelta(
  loss: LossName,
  out: Activation,
  pass: Pass,
  y: Matrix,
  totalRows: number,
): { loss: number; delta: Matrix } {
  const o = pass.a[pass.a.length - 1], z = pass.z[pass.z.length - 1];
  const nk = o.length * o[0].length;
  let sum = 0;
  const delta = o.map((row, r) => {
    const m = Math.max(...z[r]), lse = m + Math.log(z[r].reduce((s, v) => s + Math.exp(v - m), 0));
    return row.map((oj, j) => {
      const err = oj - y[r][j]; // ∂(½(o − y)²)/∂o
      if (loss === "cce") return (sum += y[r][j] * (lse - z[r][j]), err * (1 / o.length));
      if (loss === "bce") {
        const zj = z[r][j];
        sum += (zj > 0 ? zj : 0) - zj * y[r][j] + Math.log1p(Math.exp(-Math.abs(zj)));
        return err * (1 / nk);
      }
      sum += err * err;
      const g = timesDerivative(out, err, oj);
      return loss === "sse" ? g : g * (2 / nk);
    });
  });
  const N = loss === "cce" ? totalRows : totalRows * o[0].length;
  return { loss: loss === "sse" ? 0.5 * sum : sum / N, delta };
}

/** The trained tensors θ and their gradients in the order W1, b1, W2, b2, … (b when on), Ws. */
export function tensors(net: Net, g?: Gradients): { name: string; theta: Matrix; grad: Matrix }[] {
  const list = net.layers.flatMap((layer, l) => [
    { name: `W${l + 1}`, theta: layer.W, grad: g?.W[l] ?? [] },
    ...(net.useBias ? [{ name: `b${l + 1}`, theta: layer.b, grad: g?.b[l] ?? [] }] : []),
  ]);
  if (net.Ws !== null) list.push({ name: "Ws", theta: net.Ws, grad: g?.Ws ?? [] });
  return list;
}

/** The optimizer's memory: β1ᵗ and β2ᵗ (running products, as TF.js keeps them), m and s. */
export interface OptimizerState {
  /** β1ᵗ */ beta1Power: number;
  /** β2ᵗ */ beta2Power: number;
  /** per tensor: momentum's v, or Adam's first moment m; zeros at first */ m: Matrix[];
  /** per tensor: Adam's second moment; zeros at first */ s: Matrix[];
}

/** A fresh optimizer state for `net`'s tensors. */
export function optimizerState(net: Net): OptimizerState {
  const zero = () => tensors(net).map(({ theta }) => theta.map((row) => row.map(() => 0)));
  return { beta1Power: 1, beta2Power: 1, m: zero(), s: zero() };
}

/**
 * One update of every tensor θ with gradient g (TF.js's formulas):
 * - sgd:      θ ← θ − η·g
 * - momentum: v ← μ·v + g;  θ ← θ − η·v
 * - adam:     m ← β1·m + (1 − β1)·g;  s ← β2·s + (1 − β2)·g²;
 *             θ ← θ − η·(m / (1 − β1ᵗ)) / (√(s / (1 − β2ᵗ)) + ε)
 * With L2 weight decay λ (config.l2 > 0) a weight's g first gains ∂(λ·Σw²)/∂w = 2λ·w (not b's).
 */
export function update(
  config: ResolvedConfig,
  net: Net,
  g: Gradients,
  state: OptimizerState,
): void {
  const { learningRate: eta, momentum: mu, beta1, beta2, epsilon } = config;
  state.beta1Power *= beta1;
  state.beta2Power *= beta2;
  const c1 = 1 - state.beta1Power, c2 = 1 - state.beta2Power;
  tensors(net, g).forEach(({ name, theta, grad }, t) => {
    const m = state.m[t], s = state.s[t], decay = config.l2 > 0 && name[0] === "W";
    theta.forEach((row, r) =>
      row.forEach((_, j) => {
        const gj = decay ? grad[r][j] + 2 * config.l2 * row[j] : grad[r][j];
        if (config.optimizer === "sgd") {
          row[j] -= eta * gj;
        } else if (config.optimizer === "momentum") {
          m[r][j] = mu * m[r][j] + gj;
          row[j] -= eta * m[r][j];
        } else {
          m[r][j] = beta1 * m[r][j] + (1 - beta1) * gj;
          s[r][j] = beta2 * s[r][j] + (1 - beta2) * gj * gj;
          row[j] -= eta * (m[r][j] / c1) / (Math.sqrt(s[r][j] / c2) + epsilon);
        }
      })
    );
  });
}

/**
 * Trains as the {@linkcode Trainer} contract says, in the order the fast engine does:
 * each epoch, the shared batch order; per batch forward, loss, backward, update; the
 * epoch's loss is the sum of its batches' shares; then the test loss, then core's stop rules.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { trainReference } from "@backprop/manual";
 * await trainReference(resolveConfig({ preset: "seed" }), loadDataset("xor")); // finalLoss 0.00556…
 * ```
 */
export async function trainReference(
  config: ResolvedConfig,
  data: Dataset,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const start = options.initialModel ?? initModel(config, data.inputSize, data.outputSize);
  checkModelFits(config, data, start);
  checkTestData(data, options.testData);
  const early = earlyStopping(config, options.testData); // null unless config.patience > 0
  let best: ModelWeights | null = null; // the weights of early's best epoch
  const schedule = new BatchSchedule(config, data.rows);
  const net = fromModel(start);
  const state = optimizerState(net);
  const test = options.testData && batchRows(options.testData);
  const lossOf = (pass: Pass, y: Matrix, rows: number) =>
    lossAndDelta(config.loss, config.outputActivation, pass, y, rows);
  const [lossHistory, testLossHistory] = [0, 1].map(() => new Float64Array(config.epochs));
  let epoch = 0, trainMs = 0, stopped: StopReason | null = null;
  let t0 = performance.now();
  while (epoch < config.epochs && stopped === null) {
    schedule.nextEpoch();
    for (let b = 0; b < schedule.batches; b++) {
      const { X, y } = batchRows(data, schedule.order, schedule.start(b), schedule.size(b));
      const pass = forward(net, X);
      const { loss, delta } = lossOf(pass, y, data.rows);
      lossHistory[epoch] += loss;
      update(config, net, backward(net, pass, delta), state);
    }
    // The test loss, with the weights after the epoch's last update.
    if (test) testLossHistory[epoch] = lossOf(forward(net, test.X), test.y, test.X.length).loss;
    const loss = lossHistory[epoch++];
    options.onEpoch?.({ epoch, loss });
    stopped = stopReason(loss, config.targetLoss, options.signal);
    const seen = stopped === null ? early?.observe(epoch, testLossHistory[epoch - 1]) : null;
    if (seen === "best") best = toModel(net);
    if (seen === "stop") stopped = "patience";
    if (performance.now() - t0 > 20) { // every 20 ms, let the event loop run (Ctrl-C, timers)
      trainMs += performance.now() - t0;
      await new Promise((resolve) => setTimeout(resolve, 0));
      t0 = performance.now();
    }
  }
  trainMs += performance.now() - t0;
  return {
    epochsRun: epoch,
    finalLoss: lossHistory[epoch - 1],
    lossHistory: lossHistory.slice(0, epoch),
    ...(test ? { testLossHistory: testLossHistory.slice(0, epoch) } : {}),
    stoppedBecause: stopped ?? "epochs",
    model: best ?? toModel(net),
    ...(early ? { bestEpoch: early.bestEpoch } : {}),
    timing: { trainMs, usPerEpoch: (trainMs * 1000) / epoch },
  };
}

/** {@linkcode trainReference} as a {@linkcode Trainer} named `reference` (`--impl reference`). */
export const referenceTrainer: Trainer = { name: "reference", train: trainReference };
