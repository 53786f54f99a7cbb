/**
 * Reading a model from disk, in either format: `--model`/`--init-model` read
 * this project's model files and TF.js Layers models (a `model.json`, or the
 * directory holding one, whoever wrote it; core's `fromLayersModel`). Writing
 * one for TF.js (`--out-tfjs`) is `writeTfjsModel` in `model_file.ts`.
 *
 * @module
 */

import { dirname, join } from "node:path";
import {
  fromLayersModel,
  isLayersModelJson,
  layersWeightPaths,
  type ModelWeights,
  validateModel,
} from "@backprop/core";
import { MODEL_MAX_BYTES, readCappedText, TooLargeError, UsageError } from "@backprop/cli-kit";
import { errorMessage, show } from "./_private.ts";

/** A model read from disk: its weights, and whatever else our own format carries. */
export interface ModelSource {
  /** The weights. */
  model: ModelWeights;
  /** The parsed JSON of the file (our format: with `config`, `training`, `state`), or `null` for TF.js's. */
  file: Record<string, unknown> | null;
  /** The file actually read (`DIR/model.json` for a directory). */
  path: string;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch {
    return false;
  }
}

/**
 * Reads a model: this project's JSON (`--out`), a TF.js `model.json` (with its
 * weight files beside it), or a directory holding a `model.json`. Anything
 * wrong is a {@linkcode UsageError} of one line naming `flag` and the file, e.g.
 * `--model m/model.json: layer conv2d_1 (Conv2D) is not supported; only Dense
 * layers are read`.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { readModelSource, writeTfjsModel } from "@backprop/cli";
 * const dir = await Deno.makeTempDir();
 * await writeTfjsModel(dir, initModel(resolveConfig(), 2, 1));
 * (await readModelSource(dir)).model.layerSizes; // [2, 8, 1]
 * ```
 */
export async function readModelSource(path: string, flag = "--model"): Promise<ModelSource> {
  const file = await isDirectory(path) ? join(path, "model.json") : path;
  let text: string;
  try {
    text = await readCappedText(file, MODEL_MAX_BYTES);
  } catch (err) {
    const reason = err instanceof Deno.errors.NotFound
      ? "no such file"
      : err instanceof TooLargeError
      ? `${err.message}, the most a model file may hold`
      : errorMessage(err);
    throw new UsageError(`${flag}: cannot read ${show(file)}: ${reason}`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${flag} ${file}: not valid JSON: ${errorMessage(err)}`, { cause: err });
  }
  try {
    if (!isLayersModelJson(value)) {
      return { model: validateModel(value), file: value as Record<string, unknown>, path: file };
    }
    const parts: Uint8Array[] = [];
    for (const weights of layersWeightPaths(value)) {
      const at = join(dirname(file), weights);
      try {
        parts.push(await Deno.readFile(at));
      } catch (err) {
        const reason = err instanceof Deno.errors.NotFound ? "no such file" : errorMessage(err);
        throw new UsageError(`${flag} ${file}: cannot read its weights ${show(at)}: ${reason}`);
      }
    }
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      bytes.set(part, offset);
      offset += part.length;
    }
    return { model: fromLayersModel(value, bytes), file: null, path: file };
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const message = errorMessage(err).replace(/^model\.json: /, "");
    throw new UsageError(`${flag} ${file}: ${message}`, { cause: err });
  }
}

/**
 * Checks a `--out-tfjs DIR` before any work: DIR is an existing directory, or
 * does not exist and its parent does. A {@linkcode UsageError} otherwise.
 */
export async function checkTfjsOut(dir: string): Promise<void> {
  let stat: Deno.FileInfo | null = null;
  try {
    stat = await Deno.stat(dir);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (stat !== null && !stat.isDirectory) {
    throw new UsageError(
      `--out-tfjs: ${show(dir)} is not allowed; it is a file, expected a directory`,
    );
  }
  if (stat === null && !await isDirectory(dirname(dir))) {
    throw new UsageError(
      `--out-tfjs: ${show(dir)} is not allowed; directory ${dirname(dir)} does not exist`,
    );
  }
}
