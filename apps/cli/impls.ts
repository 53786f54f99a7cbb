/**
 * The implementations `--impl` can pick. Each is loaded on demand, so one
 * implementation's code (and its dependencies) is only imported when chosen.
 *
 * @module
 */

import type { ResolvedConfig, Trainer } from "@backprop/core";
import { loadTfjsTrainer } from "./backend.ts";
import { UsageError } from "@backprop/cli-kit";

/**
 * Loaders of the trainers, by `--impl` name. Adding an implementation is one line.
 *
 * @example
 * ```ts
 * import { IMPLS } from "@backprop/cli";
 * Object.keys(IMPLS); // ["manual", "reference", "tfjs"]
 * ```
 */
export const IMPLS: { readonly [name: string]: (backend?: string) => Promise<Trainer> } = {
  manual: async (backend) => {
    if (backend !== undefined) throw new UsageError("--backend: only --impl tfjs has backends");
    return (await import("@backprop/manual")).manualTrainer;
  },
  reference: async (backend) => {
    if (backend !== undefined) throw new UsageError("--backend: only --impl tfjs has backends");
    return (await import("@backprop/manual")).referenceTrainer;
  },
  tfjs: (backend) => loadTfjsTrainer(backend),
};

/** The implementation used when `--impl` is not given. */
export const DEFAULT_IMPL = "manual";

/**
 * Loads the trainer registered under `name` (with `--backend`'s value, which only
 * `tfjs` takes); throws a `RangeError` for an unknown name.
 *
 * @example
 * ```ts
 * import { loadTrainer } from "@backprop/cli";
 * const trainer = await loadTrainer("manual");
 * trainer.name; // "manual"
 * ```
 */
export async function loadTrainer(name: string, backend?: string): Promise<Trainer> {
  if (!Object.hasOwn(IMPLS, name)) {
    throw new RangeError(`impl: ${JSON.stringify(name)} is not an implementation`);
  }
  return await IMPLS[name](backend);
}

/**
 * The config as `impl` really trains it: TF.js computes in float32 whatever `dtype` says,
 * so a tfjs run reports (and saves) `dtype: "float32"`.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { asTrained } from "./impls.ts";
 * asTrained("tfjs", resolveConfig()).dtype; // "float32"
 * asTrained("manual", resolveConfig()).dtype; // "float64"
 * ```
 */
export function asTrained(impl: string, config: ResolvedConfig): ResolvedConfig {
  return impl === "tfjs" ? { ...config, dtype: "float32" } : config;
}
