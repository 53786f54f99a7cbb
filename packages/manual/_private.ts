// Shared internals of the hand-written engine: buffer types, activation codes, and the
// per-dtype compilation of the hot loops.

import type { Activation, Dtype } from "@backprop/core";

/** A flat numeric buffer: the engine's only storage. */
export type Float = Float64Array | Float32Array;

/**
 * Where a layer's trained tensors live: views of the network's one parameter buffer
 * and one gradient buffer (so that one optimizer loop updates them all), from `offset`:
 * W, then b when the layer has biases.
 */
export interface TensorStore {
  /** Every trained value of the network, in its dtype. */
  params: Float;
  /** Their gradients, in the same layout. */
  grads: Float;
  /** Where this layer's W starts. */
  offset: number;
}

/** Allocates a zeroed buffer of the run's dtype. */
export function allocate(dtype: Dtype, length: number): Float {
  return dtype === "float32" ? new Float32Array(length) : new Float64Array(length);
}

// Activations as small integers, so the inner loops switch on a number once per layer.
export const SIGMOID = 0;
export const TANH = 1;
export const RELU = 2;
export const LEAKY_RELU = 3;
export const LINEAR = 4;
// Row-wise: the layer computes A = Z (as linear), then the network normalises each row (loss.ts).
export const SOFTMAX = 5;

const CODES: Record<Activation, number> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  "leaky-relu": LEAKY_RELU,
  linear: LINEAR,
  softmax: SOFTMAX,
};

/** The integer code of an activation. */
export function activationCode(activation: Activation): number {
  return CODES[activation];
}

/**
 * One copy of a set of kernels per dtype: `perDtype(factory)` returns
 * `{ float64: factory(), float32: factory() }`, except that each copy is compiled
 * from the factory's source on its own.
 *
 * Why: so that each dtype's loops get type feedback of their own, and a process
 * that trains in both does not slow either down (docs/engine.md). So a factory must
 * be self-contained: its parameters and globals such as `Math`, no imports or
 * module-level names. Where compiling code at run time is not allowed, both dtypes
 * share the factory's own kernels (the same results).
 */
export function perDtype<A extends unknown[], T>(
  factory: (...args: A) => T,
  ...args: A
): { float64: T; float32: T } {
  return { float64: compile(factory, "float64", args), float32: compile(factory, "float32", args) };
}

function compile<A extends unknown[], T>(factory: (...args: A) => T, tag: Dtype, args: A): T {
  let copy: (...args: A) => T;
  try {
    copy = new Function(`return (${factory.toString()}); // ${tag} copy`)();
  } catch {
    copy = factory;
  }
  return copy(...args);
}
