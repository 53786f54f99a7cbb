// Shared internals of the hand-written engine: buffer types, activation codes, and the
// per-dtype compilation of the hot loops.

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

/**
 * One copy of a set of kernels per dtype: `perDtype(factory)` returns
 * `{ float64: factory(), float32: factory() }`, except that each copy is compiled
 * from the factory's source on its own.
 *
 * Why. V8 keeps type feedback per function. A loop that has read both a
 * Float64Array and a Float32Array compiles every element access as a check of the
 * array's type followed by one of two loads, and a process that trains in both
 * dtypes (a benchmark, or a float32 run after a float64 gradient check) would get
 * that slower code for both. Measured on a 1024×64 by 64×64 product: 4.2 GFLOP/s
 * with one dtype, 2.8 (float64) and 2.25 (float32) once both have been seen. Copies
 * made by calling the factory twice share their feedback (closures of one function
 * literal do), and so would two compilations of the same text (V8 caches them); a
 * copy compiled from the text tagged with its dtype has feedback of its own.
 *
 * So a factory must be self-contained: it may use its parameters and globals such
 * as `Math`, but no imports or module-level names, because its copies are compiled
 * outside this module (the tests run both copies against the factory itself).
 * Where compiling code at run time is not allowed (a strict Content Security
 * Policy), both dtypes share the factory's own kernels: the same results, only
 * the slower polymorphic code when both dtypes are used. The price of the copies:
 * debuggers and coverage reports see them as anonymous code rather than as their
 * source file, so the tests also call each factory directly.
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
