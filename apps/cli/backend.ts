/**
 * `--backend`: where `--impl tfjs` (and `verify`) run TF.js. Loading the
 * `@backprop/tfjs` trainer happens here, on demand, so the manual path never
 * imports TF.js.
 *
 * @module
 */

import type { Trainer } from "@backprop/core";
import type { Backend } from "@backprop/tfjs";
import { UsageError } from "@backprop/cli-kit";
import { show } from "./_private.ts";

/** The `--backend` values, as `@backprop/tfjs` names its backends; the first is the default. */
export const BACKEND_NAMES: readonly string[] = ["cpu", "wasm", "tensorflow"];

/**
 * Checks a `--backend` value; throws a {@linkcode UsageError} naming the allowed ones.
 *
 * @example
 * ```ts
 * import { parseBackend } from "./backend.ts";
 * parseBackend("wasm"); // "wasm"
 * ```
 */
export function parseBackend(value: string): string {
  if (!BACKEND_NAMES.includes(value)) {
    throw new UsageError(
      `--backend: ${show(value)} is not allowed; expected one of ${BACKEND_NAMES.join(", ")}`,
    );
  }
  return value;
}

/**
 * Imports `@backprop/tfjs`, starts `backend` (default cpu) and returns its
 * trainer. A missing `@tensorflow/tfjs-node` for `tensorflow`, or a wasm binary
 * that cannot be read, is bad input: a {@linkcode UsageError} with TF.js's
 * explanation (the CLI exits 2).
 *
 * @example
 * ```ts ignore
 * const trainer = await loadTfjsTrainer("wasm");
 * trainer.name; // "tfjs"
 * ```
 */
export async function loadTfjsTrainer(backend = BACKEND_NAMES[0]): Promise<Trainer> {
  const { tfjs, name } = await startTfjs(backend);
  return tfjs.tfjsTrainer(name);
}

/**
 * Imports `@backprop/tfjs` and starts `backend` (default cpu), with the errors of
 * {@linkcode loadTfjsTrainer}. Returns the module and the checked backend name.
 *
 * @example
 * ```ts ignore
 * const { tfjs, name } = await startTfjs("cpu");
 * await tfjs.predictTfjs(model, inputs, rows, name);
 * ```
 */
export async function startTfjs(
  backend = BACKEND_NAMES[0],
): Promise<{ tfjs: typeof import("@backprop/tfjs"); name: Backend }> {
  const tfjs = await import("@backprop/tfjs");
  const name = parseBackend(backend);
  if (!tfjs.isBackend(name)) throw new UsageError(`--backend: ${name} is not a TF.js backend`);
  try {
    await tfjs.loadBackend(name);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err), { cause: err });
  }
  return { tfjs, name };
}
