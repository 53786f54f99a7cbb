/**
 * The exit codes every command of the project uses (`train`, `verify`,
 * `predict`, `bench`, `classics`).
 *
 * @module
 */

/**
 * Exit codes:
 * - `ok` 0: done (for `verify`: every check passed);
 * - `internal` 1: a bug or an I/O failure (the message says which);
 * - `usage` 2: bad input (a flag, a value, a file), reported before any work;
 * - `diverged` 3: the loss became NaN or infinite;
 * - `disagree` 4: `verify` ran and found the engines disagree (a check failed);
 * - `interrupted` 130: Ctrl-C (128 + SIGINT, as shells report it).
 *
 * @example
 * ```ts
 * import { EXIT } from "@backprop/cli-kit";
 * EXIT.usage; // 2
 * ```
 */
export const EXIT: {
  readonly ok: 0;
  readonly internal: 1;
  readonly usage: 2;
  readonly diverged: 3;
  readonly disagree: 4;
  readonly interrupted: 130;
} = { ok: 0, internal: 1, usage: 2, diverged: 3, disagree: 4, interrupted: 130 };

/**
 * The exit codes as `--help` lists them, one line per code, for the codes a
 * command can return (in `EXIT`'s order).
 *
 * @example
 * ```ts
 * import { exitCodesHelp } from "@backprop/cli-kit";
 * exitCodesHelp(["ok", "usage"]); // "Exit codes: 0 done, 2 bad input."
 * ```
 */
export function exitCodesHelp(codes: readonly (keyof typeof EXIT)[]): string {
  const meaning: Record<keyof typeof EXIT, string> = {
    ok: "done",
    internal: "internal error",
    usage: "bad input",
    diverged: "the loss diverged",
    disagree: "a check failed",
    interrupted: "Ctrl-C",
  };
  const listed = (Object.keys(EXIT) as (keyof typeof EXIT)[]).filter((c) => codes.includes(c));
  return `Exit codes: ${listed.map((c) => `${EXIT[c]} ${meaning[c]}`).join(", ")}.`;
}
