/**
 * σ and tanh one value at a time, exactly as the engine's layer loops compute
 * them (`activate` in dense.ts; docs/engine.md: the method and its accuracy).
 *
 * @module
 */

import { LEAKY_RELU_ALPHA } from "@backprop/core";
import { denseKernels } from "./dense.ts";
import { LEAKY_RELU, RELU, SIGMOID, TANH } from "./_private.ts";

const SCALAR = denseKernels(SIGMOID, TANH, RELU, LEAKY_RELU, LEAKY_RELU_ALPHA);

/**
 * σ(z) = 1 / (1 + e^−z) exactly as the engine computes it (through the engine's
 * own loop, one value at a time): e^−z without a library call, within 2 ulp of
 * the exact σ, as 1 / (1 + Math.exp(−z)) is. For code of your own that must
 * reproduce the engine's numbers, and for tests.
 *
 * @example
 * ```ts
 * import { fastSigmoid } from "@backprop/manual";
 * fastSigmoid(0); // 0.5
 * Math.abs(fastSigmoid(2) - 1 / (1 + Math.exp(-2))) < 1e-15; // true
 * ```
 */
export const fastSigmoid: (z: number) => number = SCALAR.fastSigmoid;

/**
 * tanh x exactly as the engine computes it (through the engine's own loop, one
 * value at a time): within 1 ulp of the exact tanh (Math.tanh: 2).
 *
 * @example
 * ```ts
 * import { fastTanh } from "@backprop/manual";
 * fastTanh(0); // 0
 * Math.abs(fastTanh(0.5) - Math.tanh(0.5)) < 1e-15; // true
 * ```
 */
export const fastTanh: (x: number) => number = SCALAR.fastTanh;
