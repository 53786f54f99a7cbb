/**
 * `UsageError`: bad input from the user (a flag, a value, a config file). The
 * CLI prints its message on one line and exits with code 2.
 *
 * @module
 */

/**
 * Bad input: its message names the flag (or file and field), the value and what
 * is allowed, e.g. `--lr: -1 is not allowed; expected a number > 0`.
 *
 * @example
 * ```ts
 * import { UsageError } from "@backprop/cli";
 * const err = new UsageError("--lr: -1 is not allowed; expected a number > 0");
 * err instanceof UsageError; // true
 * ```
 */
export class UsageError extends Error {
  /** Always `UsageError`. */
  override name = "UsageError";
}

/**
 * The config field named by an error from `@backprop/core`'s `resolveConfig` or
 * `effectiveBatchSize` (its `cause.field`), or `undefined` for any other error.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { configErrorField } from "@backprop/cli";
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
