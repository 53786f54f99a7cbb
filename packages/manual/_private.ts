// Shared internals of the hand-written engine: buffer types and activation codes.

import type { Activation, Dtype } from "@backprop/core";

/** A flat numeric buffer: the engine's only storage. */
export type Float = Float64Array | Float32Array;

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

const CODES: Record<Activation, number> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  "leaky-relu": LEAKY_RELU,
  linear: LINEAR,
};

/** The integer code of an activation. */
export function activationCode(activation: Activation): number {
  return CODES[activation];
}
