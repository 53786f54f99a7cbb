/**
 * `UsageError`: bad input from the user (a flag, a value, a config file). Every
 * command prints its message on one line and exits with code 2 (`EXIT.usage`).
 *
 * @module
 */

import { EXIT } from "./exit.ts";

/**
 * Bad input: its message names the flag (or file and field), the value and what
 * is allowed, e.g. `--lr: -1 is not allowed; expected a number > 0`.
 *
 * @example
 * ```ts
 * import { UsageError } from "@backprop/cli-kit";
 * const err = new UsageError("--lr: -1 is not allowed; expected a number > 0");
 * err instanceof UsageError; // true
 * ```
 */
export class UsageError extends Error {
  /** Always `"UsageError"`. */
  override name = "UsageError";
}

/**
 * The config field named by an error from `@backprop/core`'s `resolveConfig` or
 * `effectiveBatchSize` (its `cause.field`), or `undefined` for any other error.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { configErrorField } from "@backprop/cli-kit";
 * try {
 *   resolveConfig({ learningRate: -1 });
 * } catch (err) {
 *   configErrorField(err); // "learningRate"
 * }
 * ```
 */
export function configErrorField(err: unknown): string | undefined {
  if (!(err instanceof RangeError || err instanceof TypeError)) return undefined;
  const cause = err.cause;
  if (typeof cause !== "object" || cause === null || !("field" in cause)) return undefined;
  return typeof cause.field === "string" ? cause.field : undefined;
}

/**
 * The message of anything thrown, on one line (as the commands print it).
 *
 * @example
 * ```ts
 * import { errorMessage } from "@backprop/cli-kit";
 * errorMessage(new Error("a\n  b")); // "a b"
 * ```
 */
export function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s*\n\s*/g, " ");
}

/**
 * What a command does with an error from reading its input: a
 * {@linkcode UsageError} is printed on one line after the program's name and
 * gives the exit code for bad input (2); anything else is thrown on.
 *
 * @example
 * ```ts
 * import { UsageError, usageExit } from "@backprop/cli-kit";
 * usageExit("bench", new UsageError("--seeds: 0 is not allowed")); // 2, after printing it
 * ```
 */
export function usageExit(program: string, err: unknown): typeof EXIT.usage {
  if (!(err instanceof UsageError)) throw err;
  console.error(`${program}: ${errorMessage(err)}`);
  return EXIT.usage;
}
