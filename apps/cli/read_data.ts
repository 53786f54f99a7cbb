/**
 * Reading a `--data` file from disk: the one place where a data file is read.
 * Core's `parseDataFile` parses the text; this adds the file access and its
 * errors, each a one-line message naming the file.
 *
 * @module
 */

import { DATA_MAX_BYTES, readCappedText, TooLargeError } from "@backprop/cli-kit";
import { type DataFileOptions, type Dataset, parseDataFile } from "@backprop/core";

/**
 * Reads a data file (needs `--allow-read`; at most 100 MiB, a leading UTF-8 byte
 * order mark dropped) and parses
 * it with {@linkcode parseDataFile}. A file that cannot be read throws the same
 * `Deno.errors` class with a one-line message naming it, such as
 * `data.csv: no such file`.
 *
 * @example
 * ```ts ignore
 * import { readDataFile } from "@backprop/cli";
 * const data = await readDataFile("measurements.csv", { targets: 2 });
 * ```
 */
export async function readDataFile(path: string, options: DataFileOptions = {}): Promise<Dataset> {
  let text: string;
  try {
    text = await readCappedText(path, DATA_MAX_BYTES);
  } catch (err) {
    if (err instanceof TooLargeError) {
      throw new RangeError(`${path}: ${err.message}, the most a data file may hold`, {
        cause: err,
      });
    }
    throw readError(path, err);
  }
  return parseDataFile(text, path, options);
}

/** A one-line error naming the file, of the same class as `err` where it can be rebuilt. */
function readError(path: string, err: unknown): Error {
  const detail = (err instanceof Error ? err.message : String(err)).split("\n")[0];
  const errors = Deno.errors;
  const [Kind, message]: [new (message: string, options?: ErrorOptions) => Error, string] =
    err instanceof errors.NotFound
      ? [errors.NotFound, "no such file"]
      : err instanceof errors.IsADirectory
      ? [errors.IsADirectory, "is a directory, not a file"]
      : err instanceof errors.PermissionDenied
      ? [errors.PermissionDenied, `permission denied (${detail})`]
      : err instanceof errors.NotCapable
      ? [errors.NotCapable, "no permission to read it; run with --allow-read"]
      : err instanceof errors.InvalidData
      ? [errors.InvalidData, `cannot read it as text (${detail})`]
      : [Error, `cannot read it (${detail})`];
  return new Kind(`${path}: ${message}`, { cause: err });
}
