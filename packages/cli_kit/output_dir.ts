/**
 * Checking an output directory before any work, so that a long run does not
 * end by failing to write its results.
 *
 * @module
 */

import { formatValue as show } from "@backprop/core";
import { errorMessage, UsageError } from "./usage_error.ts";

/** The directory part of a path (`.` for none). */
function parent(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  const slash = trimmed.lastIndexOf("/");
  return slash === -1 ? "." : slash === 0 ? "/" : trimmed.slice(0, slash);
}

/**
 * `Deno.stat(path)`, or `null` when nothing is there (also when a parent is a file).
 *
 * @example
 * ```ts
 * import { statOrNull } from "@backprop/cli-kit";
 * await statOrNull("/no/such/file"); // null
 * ```
 */
export async function statOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.stat(path);
  } catch (err) {
    if (err instanceof Deno.errors.NotFound || err instanceof Deno.errors.NotADirectory) {
      return null;
    }
    throw err;
  }
}

/**
 * Checks that `dir` is a directory this process can write in, or one it can
 * create (its nearest existing ancestor is a writable directory), without
 * creating it: a probe file is created in the nearest existing directory and
 * removed at once. Throws a {@linkcode UsageError} naming `flag` and the path
 * otherwise (a file, an unwritable directory, a missing permission).
 *
 * @example
 * ```ts
 * import { checkOutputDir } from "@backprop/cli-kit";
 * await checkOutputDir("--out", await Deno.makeTempDir()); // resolves
 * ```
 */
export async function checkOutputDir(flag: string, dir: string): Promise<void> {
  const bad = (why: string): never => {
    throw new UsageError(`${flag}: ${show(dir)} is not allowed; ${why}`);
  };
  let existing = dir;
  try {
    let info = await statOrNull(existing);
    while (info === null) {
      const up = parent(existing);
      if (up === existing) break;
      existing = up;
      info = await statOrNull(existing);
    }
    if (info !== null && !info.isDirectory) {
      bad(
        existing === dir
          ? "it is a file; expected a directory"
          : `${show(existing)} is a file; expected a directory`,
      );
    }
    const probe = await Deno.makeTempFile({ dir: existing, prefix: ".write-probe-" });
    await Deno.remove(probe);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    bad(`cannot write in ${show(existing)}: ${errorMessage(err)}`);
  }
}
