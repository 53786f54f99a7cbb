/**
 * The losses written with TF.js ops, exactly as `@backprop/manual`'s `loss.ts`
 * defines them. With o = f(z) the output, y the target, n rows in the batch and
 * k outputs:
 * - sse: L = ½·Σ(o − y)²
 * - mse: L = Σ(o − y)² / (n·k)
 * - bce: L = Σ ℓ(z, y) / (n·k), from the output layer's logits z (sigmoid output only),
 *   ℓ(z, y) = max(z, 0) − z·y + ln(1 + e^−|z|), with ∂ℓ/∂z = σ(z) − y given explicitly.
 *
 * TF.js differentiates sse and mse itself. For bce the gradient is given
 * explicitly with `tf.customGrad`, as the hand-written engine's o − y:
 * autodiff of the stable form would go through relu(z) and |z|, and gets
 * σ(0) − y at a logit of exactly 0 (it is exactly 0 for the input (0, 0) of a
 * network without biases and with tanh or relu hidden layers) only because
 * TF.js happens to take relu'(0) = 0 and |z|'(0) = −1; the explicit gradient
 * does not depend on such conventions.
 *
 * @module
 */

import type { Scalar, Tensor, Tensor2D } from "@tensorflow/tfjs";
import type { LossName, OutputActivation } from "@backprop/core";
import type { Tf } from "./backend.ts";

/** L(z, y) of one batch, from the output layer's pre-activation z: [n, k] and targets y: [n, k]. */
export type BatchLoss = (z: Tensor2D, y: Tensor2D) => Scalar;

/**
 * Builds the batch loss L of `loss` for an output layer with `outputActivation`;
 * its gradient is the one the hand-written engine's backward pass starts from.
 * Call it inside `tf.tidy` (or an optimizer's `minimize`).
 *
 * @example
 * ```ts ignore
 * const loss = batchLossFn(tf, "bce", "sigmoid");
 * const value = tf.tidy(() => loss(tf.tensor2d([[0]]), tf.tensor2d([[1]])).arraySync()); // ln 2
 * ```
 */
export function batchLossFn(tf: Tf, loss: LossName, outputActivation: OutputActivation): BatchLoss {
  if (loss === "cce") {
    if (outputActivation !== "softmax") {
      throw new RangeError(`loss: cce needs outputActivation softmax (got ${outputActivation})`);
    }
    // Σ_rows Σ_j −y_j·ln p_j / n with ln p = logSoftmax(z) = z − lse(z) (TF.js shifts by max z).
    return (z, y) => tf.mul(tf.sum(tf.mul(y, tf.neg(tf.logSoftmax(z)))), 1 / z.shape[0]) as Scalar;
  }
  if (loss === "bce") {
    if (outputActivation !== "sigmoid") {
      throw new RangeError(`loss: bce needs outputActivation sigmoid (got ${outputActivation})`);
    }
    // Σ ℓ(z, y) with ∂/∂z = dy · (σ(z) − y); y is data, its gradient is never used.
    const bceSum = tf.customGrad((...args: unknown[]) => {
      const [z, y, save] = args as [Tensor, Tensor, (tensors: Tensor[]) => void];
      save([z, y]);
      const terms = tf.add(
        tf.sub(tf.relu(z), tf.mul(z, y)),
        tf.log1p(tf.exp(tf.neg(tf.abs(z)))),
      );
      return {
        value: tf.sum(terms),
        gradFunc: (dy: Tensor, saved: Tensor[]) => [
          tf.mul(dy, tf.sub(tf.sigmoid(saved[0]), saved[1])),
          tf.zerosLike(saved[1]),
        ],
      };
    });
    return (z, y) => tf.mul(bceSum(z, y), 1 / z.size) as Scalar;
  }
  const squares = (z: Tensor2D, y: Tensor2D): Scalar => {
    const o = outputActivation === "sigmoid" ? tf.sigmoid(z) : z;
    return tf.sum(tf.square(tf.sub(o, y)));
  };
  return loss === "sse"
    ? (z, y) => tf.mul(squares(z, y), 0.5)
    : (z, y) => tf.mul(squares(z, y), 1 / z.size);
}

/**
 * The factor that turns a batch of `rows` rows' loss L into its share of the
 * epoch loss: 1 for sse (½·Σ adds up over batches), rows / totalRows for mse,
 * bce (the epoch loss divides by totalRows·k, the batch's by rows·k) and cce (by totalRows and rows).
 *
 * @example
 * ```ts
 * import { epochShare } from "./loss.ts";
 * epochShare("mse", 2, 8); // 0.25
 * ```
 */
export function epochShare(loss: LossName, rows: number, totalRows: number): number {
  return loss === "sse" ? 1 : rows / totalRows;
}
