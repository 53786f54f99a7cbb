/**
 * `@backprop/bench`: `deno task bench` (`main.ts`), made of four concerns, each
 * a folder: `harness/` (the machine, the source digest, statistics, brain.js as
 * the outside reference, child processes), `convergence/` (seeds, the success
 * criterion, the worker pool), `speed/` (µs per epoch, the profile, the
 * hand-fused loop, the scalar peak), `heap/` (allocation per epoch) and
 * `report/` (targets, Markdown, terminal, charts). `bench/README.md` explains
 * the method. Only this package imports brain.js.
 *
 * This entry point exports the command line; `@backprop/bench/harness` exports
 * what `apps/classics` shares.
 *
 * @example
 * ```ts
 * import { parseBenchArgs } from "@backprop/bench";
 * const args = await parseBenchArgs(["--quick", "--seeds", "4"]);
 * args.seeds; // 4
 * ```
 *
 * @module
 */

export { type BenchArgs, DEFAULT_OUT, HELP, parseBenchArgs } from "./args.ts";
export type { Criterion } from "./convergence/criterion.ts";
