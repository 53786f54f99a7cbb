/**
 * `deno task classics`: Rumelhart, Hinton & Williams' 1986 backpropagation
 * results (XOR on 2-1-1 with direct connections, the 2-2-1 local minimum, 4-bit
 * parity, Chauvin's hidden-unit study) rerun over many seeds with both engines.
 * `experiments.ts` defines the study, `report.ts` writes it up; the harness
 * (machine, statistics, core count) is `@backprop/bench/harness`.
 *
 * @example
 * ```ts ignore
 * import { classicsMain } from "@backprop/classics";
 * Deno.exit(await classicsMain(["--quick", "--out", "/tmp/classics"]));
 * ```
 *
 * @module
 */

export { CLASSICS_HELP, classicsMain } from "./main.ts";
