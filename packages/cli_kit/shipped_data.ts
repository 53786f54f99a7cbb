/**
 * The shipped datasets' files (`data/` at the repository root), read from disk
 * for the commands; the parsing is core's.
 *
 * @module
 */

import { type GeneratorOptions, loadNamedDataset } from "@backprop/core";
import type { Dataset } from "@backprop/core";

/** The directory of the shipped CSV files: `data/` at the repository root. */
export const DATA_DIR: URL = new URL("../../data/", import.meta.url);

/**
 * The text of shipped file `file` (`iris.csv`…), read synchronously from `data/`.
 *
 * @example
 * ```ts
 * import { readShippedFile } from "@backprop/cli-kit";
 * readShippedFile("iris.csv").split("\n")[0]; // "sepal_length,sepal_width,petal_length,petal_width,species"
 * ```
 */
export function readShippedFile(file: string): string {
  return Deno.readTextFileSync(new URL(file, DATA_DIR));
}

/**
 * Core's `loadNamedDataset` with the shipped files read from `data/`: every
 * name `--dataset` accepts.
 *
 * @example
 * ```ts
 * import { loadAnyDataset } from "@backprop/cli-kit";
 * loadAnyDataset("iris").classes; // ["setosa", "versicolor", "virginica"]
 * ```
 */
export function loadAnyDataset(name: string, options: GeneratorOptions = {}): Dataset {
  return loadNamedDataset(name, { ...options, readShipped: readShippedFile });
}
