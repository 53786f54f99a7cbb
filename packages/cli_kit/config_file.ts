/**
 * Reading config fields from a JSON file (`--config FILE`).
 *
 * @module
 */

import { CONFIG_FIELDS, formatValue as show, type TrainConfig } from "@backprop/core";
import { CONFIG_FLAGS } from "./config_flags.ts";
import { CONFIG_MAX_BYTES, readCappedText, TooLargeError } from "./input_file.ts";
import { errorMessage, UsageError } from "./usage_error.ts";

/**
 * Reads a JSON object of {@linkcode TrainConfig} fields (at most 1 MiB; a UTF-8
 * byte order mark is allowed) (e.g.
 * `{"preset": "seed", "learningRate": 1}`). Throws a {@linkcode UsageError} naming
 * the file when it cannot be read, is not a JSON object or has an unknown field.
 * The values are left for `resolveConfig` to check.
 *
 * @example
 * ```ts
 * import { readConfigFile } from "@backprop/cli-kit";
 * const path = await Deno.makeTempFile({ suffix: ".json" });
 * await Deno.writeTextFile(path, '{"hidden": [8], "learningRate": 0.1}');
 * await readConfigFile(path); // { hidden: [8], learningRate: 0.1 }
 * ```
 */
export async function readConfigFile(path: string): Promise<TrainConfig> {
  let text: string;
  try {
    text = await readCappedText(path, CONFIG_MAX_BYTES);
  } catch (err) {
    const reason = err instanceof TooLargeError
      ? `${err.message}, the most a config file may hold`
      : errorMessage(err);
    throw new UsageError(`--config: cannot read ${show(path)}: ${reason}`);
  }
  const label = `--config ${path}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${label}: not valid JSON: ${errorMessage(err)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new UsageError(
      `${label}: ${show(value)} is not allowed; expected a JSON object of config fields`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!(CONFIG_FIELDS as readonly string[]).includes(key)) {
      const flag = CONFIG_FLAGS.find((f) => f.name === key || f.name === `no-${key}`);
      const hint = flag === undefined ? "" : ` (did you mean ${flag.field}?)`;
      throw new UsageError(
        `${label}: ${show(key)} is not a config field${hint}; allowed: ${CONFIG_FIELDS.join(", ")}`,
      );
    }
  }
  return value as TrainConfig;
}
