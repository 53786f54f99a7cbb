/**
 * The `--help` text, built from the flag table and the `default` preset so
 * that it always states the real defaults.
 *
 * @module
 */

import { PRESETS } from "@backprop/core";
import { CONFIG_FLAGS, type ConfigFlag } from "./flags.ts";
import { DEFAULT_IMPL, IMPLS } from "./impls.ts";
import { EXIT } from "./exit.ts";

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
    ["--out FILE", "write the trained model (JSON) to FILE"],
    ["--json", "print one JSON object instead of the report"],
    ["-h, --help", "show this help"],
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
    "Trains a small neural network on a built-in dataset, then prints the final",
    "loss, why training stopped, how long it took and the truth table.",
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
    "",
    `Exit codes: ${EXIT.ok} done, ${EXIT.internal} internal error, ${EXIT.usage} bad input, ` +
    `${EXIT.diverged} diverged, ${EXIT.interrupted} interrupted (Ctrl-C).`,
  ].join("\n");
}
