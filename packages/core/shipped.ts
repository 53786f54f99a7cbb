/**
 * The real datasets shipped with the project as CSV files (`data/` at the
 * repository root, with their sources and licences): the library parses their
 * text, the program that has the files reads them (the CLI: `cli_kit`).
 *
 * @module
 */

import { parseCsv } from "./data_file.ts";
import type { Dataset } from "./dataset.ts";
import { fail } from "./_private.ts";

/** What one shipped dataset is: its file, label column and shape. */
export interface ShippedDataset {
  /** File name in `data/`. */
  readonly file: string;
  /** The label column, whose text values are the classes. */
  readonly label: string;
  /** Rows, input columns and classes the file must have. */
  readonly rows: number;
  /** See {@linkcode ShippedDataset.rows}. */
  readonly inputs: number;
  /** See {@linkcode ShippedDataset.rows}. */
  readonly classes: number;
}

/** The shipped datasets by name (`--dataset iris`). */
export const SHIPPED_DATASETS: { readonly [name: string]: ShippedDataset } = {
  iris: { file: "iris.csv", label: "species", rows: 150, inputs: 4, classes: 3 },
  wine: { file: "wine.csv", label: "cultivar", rows: 178, inputs: 13, classes: 3 },
  "breast-cancer": {
    file: "breast-cancer.csv",
    label: "diagnosis",
    rows: 569,
    inputs: 30,
    classes: 2,
  },
  digits: { file: "digits.csv", label: "digit", rows: 1797, inputs: 64, classes: 10 },
};

/** The names of {@linkcode SHIPPED_DATASETS}. */
export const SHIPPED_NAMES: readonly string[] = Object.keys(SHIPPED_DATASETS);

/**
 * Parses the text of shipped dataset `name`'s file into a dataset named `name`
 * with one-hot targets and `classes` (sorted), checking its shape; a `RangeError`
 * naming `dataset` for an unknown name or a file of another shape.
 *
 * @example
 * ```ts ignore
 * import { parseShippedDataset } from "@backprop/core";
 * const text = await (await fetch("data/iris.csv")).text();
 * parseShippedDataset("iris", text).classes; // ["setosa", "versicolor", "virginica"]
 * ```
 */
export function parseShippedDataset(name: string, text: string): Dataset {
  const spec = Object.hasOwn(SHIPPED_DATASETS, name) ? SHIPPED_DATASETS[name] : undefined;
  if (spec === undefined) {
    fail(RangeError, "dataset", name, `expected one of ${SHIPPED_NAMES.join(", ")}`);
  }
  const data = parseCsv(text, spec.file, { label: spec.label });
  const shape = [data.rows, data.inputSize, data.outputSize];
  if (shape.join() !== [spec.rows, spec.inputs, spec.classes].join()) {
    fail(
      RangeError,
      "dataset",
      name,
      `${spec.file} has ${
        shape.join(" × ")
      } (rows, inputs, classes), expected ${spec.rows} × ${spec.inputs} × ${spec.classes}`,
    );
  }
  return { ...data, name };
}
