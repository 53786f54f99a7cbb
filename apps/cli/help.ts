/**
 * The `--help` text, built from the flag table and the `default` preset so
 * that it always states the real defaults.
 *
 * @module
 */

import { PRESETS } from "@backprop/core";
import { CONFIG_FLAGS, type ConfigFlag } from "@backprop/cli-kit";
import { DEFAULT_IMPL, IMPLS } from "./impls.ts";
import { EXIT } from "@backprop/cli-kit";

function defaultOf(flag: ConfigFlag): string {
  const value = PRESETS.default[flag.field];
  if (flag.kind === "switch") return value ? "on" : "off";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(",");
  return String(value);
}

/**
 * The text `deno task train --help` prints.
 *
 * @example
 * ```ts
 * import { helpText } from "@backprop/cli";
 * helpText().includes("--lr NUM"); // true
 * ```
 */
export function helpText(): string {
  const general: [string, string][] = [
    ["--impl NAME", `implementation: ${Object.keys(IMPLS).join(", ")} (default ${DEFAULT_IMPL})`],
    ["--backend NAME", "TF.js backend of --impl tfjs: cpu, wasm, tensorflow (default cpu)"],
    ["--config FILE", "read config fields from a JSON file; flags win over it"],
    ["--data FILE", "train on your own data: CSV with a header row, or JSON {inputs, targets}"],
    ["--targets K", "with a CSV --data file: the last K columns are targets (default 1)"],
    ["--label NAME", "with a CSV --data file: the column of class names (one-hot classes)"],
    ["--out FILE", "write the trained model (JSON) to FILE; run it with deno task predict"],
    ["--out-tfjs DIR", "also write it for TF.js: DIR/model.json + DIR/weights.bin"],
    ["--init-model FILE", "start from a saved model (ours, or a TF.js model.json or its DIR)"],
    ["--plot FILE", "write the loss curve (train, and test with --test-split) as SVG"],
    ["--boundary FILE", "write the decision surface of a 2-input problem as SVG"],
    ["--network FILE", "write the trained network (units, weights; digits: 8×8 images) as SVG"],
    ["--explain", "print one backpropagation step, every matrix and formula, first"],
    ["--json", "print one JSON object instead of the report"],
    ["-h, --help", "show this help"],
    ["--version", "print the version"],
  ];
  const config: [string, string][] = CONFIG_FLAGS.map((flag) => {
    const name = flag.kind === "switch"
      ? `--[no-]${flag.name.replace(/^no-/, "")}`
      : `--${flag.name} ${flag.arg}`;
    const field = flag.name === flag.field ? "" : `; file: ${flag.field}`;
    return [name, `${flag.help} (default ${defaultOf(flag)}${field})`];
  });
  const width = Math.max(...[...general, ...config].map(([name]) => name.length)) + 2;
  const list = (rows: [string, string][]): string[] =>
    rows.map(([name, text]) => `  ${name.padEnd(width)}${text}`);
  return [
    "Usage: deno task train [flags]",
    "",
    "Trains a small neural network on a built-in or generated dataset, or on your",
    "own data, then prints the final loss, why training stopped, how long it took,",
    "a loss sparkline, a character map of the decision surface (2 inputs) and the",
    "first rows with their outputs. Files are written whole or not at all, and not",
    "for bad input; after a divergence only --plot is written (its curve shows",
    "where the loss took off). Ctrl-C stops after the epoch and still writes them.",
    "",
    "Flags:",
    ...list(general),
    "",
    `Config (defaults are the "default" preset's; a --config file uses the field names):`,
    ...list(config),
    "",
    "Examples:",
    "  deno task train --impl manual",
    "  deno task train --preset seed --lr 1 --out model.json",
    "  deno task train --dataset parity:3 --hidden 8,8 --batch-size 2 --json",
    "  deno task train --dataset circle --noise 0.1 --test-split 0.2 --boundary circle.svg",
    "  deno task train --data points.csv --targets 2 --plot loss.svg --out model.json",
    "  deno task train --dataset iris --test-split 0.2 --output-activation softmax --loss cce",
    "  deno task train --preset seed --explain --epochs 1",
    "",
    `Exit codes: ${EXIT.ok} done, ${EXIT.internal} internal error, ${EXIT.usage} bad input, ` +
    `${EXIT.diverged} diverged, ${EXIT.interrupted} interrupted (Ctrl-C).`,
  ].join("\n");
}
