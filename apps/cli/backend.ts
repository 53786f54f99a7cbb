/**
 * `--backend`: where `--impl tfjs` (and `verify`) run TF.js. Loading the
 * `@backprop/tfjs` trainer happens here, on demand, so the manual path never
 * imports TF.js.
 *
 * @module
 */

import type { Trainer } from "@backprop/core";
import type { Backend } from "@backprop/tfjs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "@backprop/cli-kit";
import { show } from "./_private.ts";

/**
 * `@backprop/tfjs`, imported through a variable: Deno fetches the npm packages of every
 * dynamic import whose specifier it can read in the source (and then the lock file's whole
 * npm snapshot, TF.js and brain.js, ~77 packages), even on runs that never import it.
 */
const TFJS_MODULE: string = "@backprop/tfjs";

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
  const tfjs: typeof import("@backprop/tfjs") = await import(TFJS_MODULE);
  const name = parseBackend(backend);
  if (!tfjs.isBackend(name)) throw new UsageError(`--backend: ${name} is not a TF.js backend`);
  try {
    await tfjs.loadBackend(name);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const advice = err instanceof tfjs.TfjsNodeMissingError
      ? ` Once it is installed, this run is: ${tensorflowCommand()}`
      : "";
    throw new UsageError(message + advice, { cause: err });
  }
  return { tfjs, name };
}

/**
 * The `deno run` line that reruns this program (its entry and arguments) with what the
 * `tensorflow` backend needs: the `node_modules` folder tfjs-node is installed in, and FFI.
 * `deno task` cannot pass these, so the advice is a full command.
 *
 * @example
 * ```ts
 * import { tensorflowCommand } from "./backend.ts";
 * tensorflowCommand("file:///repo/apps/cli/train.ts", ["--impl", "tfjs"], "/repo");
 * // "deno run --node-modules-dir=auto --allow-read --allow-write --allow-env --allow-ffi apps/cli/train.ts --impl tfjs"
 * ```
 */
export function tensorflowCommand(
  main: string = Deno.mainModule,
  args: readonly string[] = Deno.args,
  cwd: string = Deno.cwd(),
): string {
  const entry = main.startsWith("file:") ? relative(cwd, fileURLToPath(main)) : main;
  const quote = (word: string): string =>
    /^[\w./=:,@+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
  return [
    "deno run --node-modules-dir=auto --allow-read --allow-write --allow-env --allow-ffi",
    ...[entry, ...args].map(quote),
  ].join(" ");
}
