/**
 * The scale against which one step's rounding is judged. A float64 sum Σ t_i is
 * off by up to ~n·ε·Σ|t_i|, which can be far more than ε·|Σ t_i| when the terms
 * cancel (a trained net's ∂L/∂b sums errors of both signs; an output o ≈ 1e-15
 * is a sum of terms of size 1). So each quantity gets a magnitude m that bounds
 * its rounding by a few ε·m, carried through the same passes on absolute values:
 *
 * - forward:  m(z_l) = (m(a_{l−1})·|W_l| + |b_l|) (+ |X|·|W_s| at the output),
 *             m(a_l) = |a_l| + F·m(z_l)
 * - output:   m(δ_out) = c·(m(o) + |y|)·F_out (F_out = 1 for bce and cce); a softmax
 *             output p has m(p_j) = p_j + max_i m(z_i) (∂p_j/∂z_i ≤ p_j, and Σ_i ≤ 2·p_j·(1 − p_j))
 * - backward: m(δ_{l−1}) = (m(δ_l)·|W_l|ᵀ)·F,  m(∇W_l) = Σ_rows m(a_{l−1})ᵀ·m(δ_l),
 *             m(∇b_l) = Σ_rows m(δ_l),  m(∇W_s) = Σ_rows |X|ᵀ·m(δ_out)
 * - loss:     Σ(2|o − y| + ε·m)·m with m = m(o) + |y|, times ½ for sse and 1/(n·k) for
 *             mse (o − y cancels as o nears y, and may round to 0 on one side only);
 *             Σ of the terms' magnitudes / (n·k) for bce; Σ |y_j|·(max m(z) + m(z_j) + ln k) / n
 *             for cce (the magnitudes of lse(z) and z_j)
 *
 * with c the loss's factor (1 for sse, 2/(n·k) for mse, 1/(n·k) for bce, 1/n for cce) and F
 * f′'s bound (¼ for σ, 1 otherwise), not its value: f′ is computed from the
 * rounded output (1 − a², a·(1 − a)), so it carries an absolute error of a few ε
 * however small it is (a saturated unit's f′ ≈ 1e-17 is all rounding).
 *
 * @module
 */

import {
  activate,
  type Dataset,
  type ModelWeights,
  type ResolvedConfig,
  softmaxInPlace,
} from "@backprop/core";

/** f′'s largest value: ¼ for σ, 1 for the others. */
function bound(f: string): number {
  return f === "sigmoid" ? 0.25 : 1;
}

/**
 * The rounding scales of one batch at `model` (see the module doc): the loss's,
 * and for each trained tensor (in `tensorInfo` order) its largest entry.
 *
 * @example
 * ```ts
 * import { initModel, loadDataset, resolveConfig } from "@backprop/core";
 * import { gradientScale } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed" });
 * gradientScale(config, initModel(config, 2, 1), loadDataset("xor")).tensors.length; // 2
 * ```
 */
export function gradientScale(
  config: ResolvedConfig,
  model: ModelWeights,
  batch: Dataset,
): { loss: number; tensors: number[] } {
  const { rows, inputSize: n, outputSize: k } = batch;
  const L = model.layers.length;
  const c = config.loss === "sse"
    ? 1
    : config.loss === "cce"
    ? 1 / rows
    : (config.loss === "mse" ? 2 : 1) / (rows * k);
  // Σ over the rows of each entry's magnitude, per tensor.
  const sums: Float64Array[] = [];
  for (const layer of model.layers) {
    sums.push(new Float64Array(layer.inputs * layer.units));
    if (model.useBias) sums.push(new Float64Array(layer.units));
  }
  if (model.shortcut) sums.push(new Float64Array(n * k));
  const slot = (l: number, bias: boolean) => (model.useBias ? 2 * l : l) + (bias ? 1 : 0);
  let loss = 0;
  for (let r = 0; r < rows; r++) {
    const x = Array.from(batch.inputs.subarray(r * n, (r + 1) * n));
    const a: number[][] = [x]; // values
    const m: number[][] = [x.map(Math.abs)]; // magnitudes
    let zOut: number[] = [];
    let mzOut: number[] = [];
    model.layers.forEach((layer, l) => {
      const z = new Array<number>(layer.units);
      const mz = new Array<number>(layer.units);
      for (let j = 0; j < layer.units; j++) {
        let s = layer.biases[j];
        let ms = Math.abs(layer.biases[j]);
        for (let i = 0; i < layer.inputs; i++) {
          const w = layer.weights[i * layer.units + j];
          s += a[l][i] * w;
          ms += m[l][i] * Math.abs(w);
        }
        if (l === L - 1 && model.shortcut) {
          for (let i = 0; i < n; i++) {
            s += x[i] * model.shortcut[i * k + j];
            ms += Math.abs(x[i] * model.shortcut[i * k + j]);
          }
        }
        z[j] = s;
        mz[j] = ms;
      }
      const softmax = layer.activation === "softmax";
      const av = softmax ? z.slice() : z.map((v) => activate(layer.activation, v));
      if (softmax) softmaxInPlace(av);
      const mzMax = Math.max(...mz);
      a.push(av);
      m.push(av.map((v, j) => Math.abs(v) + (softmax ? mzMax : bound(layer.activation) * mz[j])));
      zOut = z;
      mzOut = mz;
    });
    const y = batch.targets.subarray(r * k, (r + 1) * k);
    const outF = model.layers[L - 1].activation;
    let d = a[L].map((o, j) => {
      const mo = m[L][j] + Math.abs(y[j]);
      if (config.loss === "cce") {
        loss += c * Math.abs(y[j]) * (Math.max(...mzOut) + mzOut[j] + Math.log(k));
        return c * mo;
      }
      if (config.loss === "bce") {
        // max(z, 0) − z·y + ln(1 + e^−|z|)
        loss += c * (mzOut[j] * (1 + Math.abs(y[j])) + Math.log1p(Math.exp(-Math.abs(zOut[j]))));
        return c * mo;
      }
      // 2|o − y|·m(o)·ε bounds the change of (o − y)² by o's rounding, and (m(o)·ε)² the
      // case where o − y rounds to 0 on one side only: both, over ε.
      loss += (config.loss === "sse" ? 0.5 : c / 2) *
        (2 * Math.abs(o - y[j]) * mo + Number.EPSILON * mo * mo);
      return c * mo * bound(outF);
    });
    const dOut = d;
    for (let l = L - 1; l >= 0; l--) {
      const layer = model.layers[l];
      const gw = sums[slot(l, false)];
      for (let i = 0; i < layer.inputs; i++) {
        for (let j = 0; j < layer.units; j++) gw[i * layer.units + j] += m[l][i] * d[j];
      }
      if (model.useBias) { for (let j = 0; j < layer.units; j++) sums[slot(l, true)][j] += d[j]; }
      if (l > 0) {
        const f = bound(model.layers[l - 1].activation);
        d = m[l].map((_, i) => {
          let s = 0;
          for (let j = 0; j < layer.units; j++) {
            s += d[j] * Math.abs(layer.weights[i * layer.units + j]);
          }
          return s * f;
        });
      }
    }
    if (model.shortcut) {
      const gs = sums[sums.length - 1];
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < k; j++) gs[i * k + j] += Math.abs(x[i]) * dOut[j];
      }
    }
  }
  return { loss, tensors: sums.map((t) => t.reduce((mx, v) => Math.max(mx, v), 0)) };
}
