/**
 * `deno task classics`: Rumelhart, Hinton & Williams' 1986 backpropagation
 * results (XOR on 2-1-1 with direct connections, the 2-2-1 local minimum, 4-bit
 * parity, Chauvin's hidden-unit study) rerun over many seeds with both engines.
 *
 * @example
 * ```ts ignore
 * import { EXPERIMENTS, runClassics } from "@backprop/classics";
 * const results = await runClassics({ seeds: 8, workers: 0, only: [EXPERIMENTS[0].id] });
 * ```
 *
 * @module
 */

export { classicsMain, parseClassicsArgs } from "./main.ts";
export {
  type ClassicsOptions,
  type ClassicsResults,
  EXPERIMENTS,
  runClassics,
} from "./experiments.ts";
