/**
 * The exit codes of `deno task train`.
 *
 * @module
 */

/**
 * Exit codes: `ok` 0, `internal` 1 (a bug or an I/O failure), `usage` 2 (bad
 * input), `diverged` 3 (the loss became NaN or infinite), `interrupted` 130
 * (Ctrl-C; 128 + SIGINT, as shells report it).
 *
 * @example
 * ```ts
 * import { EXIT } from "@backprop/cli";
 * EXIT.usage; // 2
 * ```
 */
export const EXIT: {
  readonly ok: 0;
  readonly internal: 1;
  readonly usage: 2;
  readonly diverged: 3;
  readonly interrupted: 130;
} = { ok: 0, internal: 1, usage: 2, diverged: 3, interrupted: 130 };
