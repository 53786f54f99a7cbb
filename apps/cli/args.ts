/**
 * Parsing the `train` command line into config fields and the CLI's own options.
 *
 * @module
 */

import type { TrainConfig } from "@backprop/core";
import {
  CONFIG_OPTIONS,
  type FlagTable,
  scanFlags,
  setConfigFlag,
  UsageError,
} from "@backprop/cli-kit";
import { DEFAULT_IMPL, IMPLS } from "./impls.ts";
import { parseBackend } from "./backend.ts";
import { parseNumber, show } from "./_private.ts";

/** What the command line asked for. */
export interface TrainArgs {
  /** Config fields given as flags, and only those. */
  config: TrainConfig;
  /** `--config FILE`: a JSON file of config fields, or `undefined`. */
  configFile: string | undefined;
  /** `--out FILE`: where to write the trained model, or `undefined`. */
  out: string | undefined;
  /** `--json`: print one JSON object instead of the report. */
  json: boolean;
  /** `--impl NAME`: a key of `IMPLS`. */
  impl: string;
  /** `--backend NAME`: TF.js's backend (see `backend.ts`), or `undefined`. */
  backend: string | undefined;
  /** `--help` / `-h`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
  /** `--data FILE`: train on a CSV or JSON data file instead of a named dataset. */
  data: string | undefined;
  /** `--targets K`: how many trailing CSV columns are targets (with `--data`). */
  targets: number | undefined;
  /** `--label NAME`: the CSV column of class names (with `--data`). */
  label: string | undefined;
  /** `--network FILE`: write a picture of the trained network (SVG). */
  network: string | undefined;
  /** `--plot FILE`: write the loss curve (SVG). */
  plot: string | undefined;
  /** `--boundary FILE`: write the decision surface of a 2-input problem (SVG). */
  boundary: string | undefined;
  /** `--explain`: print the first backpropagation step before training. */
  explain: boolean;
  /** `--out-tfjs DIR`: also write the trained model in TF.js's Layers format there. */
  outTfjs: string | undefined;
  /** `--init-model FILE`: start from this model (ours or TF.js's) instead of fresh weights. */
  initModel: string | undefined;
}

const OPTIONS: FlagTable = {
  config: { type: "string" },
  out: { type: "string" },
  impl: { type: "string" },
  backend: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  data: { type: "string" },
  targets: { type: "string" },
  label: { type: "string" },
  network: { type: "string" },
  plot: { type: "string" },
  boundary: { type: "string" },
  explain: { type: "boolean" },
  "out-tfjs": { type: "string" },
  "init-model": { type: "string" },
  ...CONFIG_OPTIONS,
};

/**
 * Parses the arguments of `deno task train`. Flags may repeat (the last wins) and
 * take their value as `--lr 0.1` or `--lr=0.1`. Numbers are parsed here; their
 * ranges are left to `resolveConfig`. Throws a {@linkcode UsageError} naming the
 * flag for an unknown flag, a missing value or a malformed number.
 *
 * @example
 * ```ts
 * import { parseTrainArgs } from "@backprop/cli";
 * const args = parseTrainArgs(["--hidden", "8,8", "--lr=0.1", "--no-bias", "--json"]);
 * args.config; // { hidden: [8, 8], learningRate: 0.1, useBias: false }
 * args.json; // true
 * ```
 */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const args: TrainArgs = {
    config: {},
    configFile: undefined,
    out: undefined,
    json: false,
    impl: DEFAULT_IMPL,
    backend: undefined,
    help: false,
    version: false,
    data: undefined,
    targets: undefined,
    label: undefined,
    network: undefined,
    plot: undefined,
    boundary: undefined,
    explain: false,
    outTfjs: undefined,
    initModel: undefined,
  };
  for (const token of scanFlags(argv, OPTIONS).flags) {
    const value = token.value ?? "";
    switch (token.name) {
      case "config":
        args.configFile = value;
        break;
      case "out":
      case "data":
      case "plot":
      case "boundary":
      case "network":
        if (value === "") {
          throw new UsageError(`--${token.name}: "" is not allowed; expected a file path`);
        }
        args[token.name] = value;
        break;
      case "out-tfjs":
      case "init-model":
        if (value === "") {
          throw new UsageError(`--${token.name}: "" is not allowed; expected a path`);
        }
        args[token.name === "out-tfjs" ? "outTfjs" : "initModel"] = value;
        break;
      case "targets": {
        const k = parseNumber(value);
        if (k === undefined || !Number.isInteger(k) || k < 1) {
          throw new UsageError(
            `--targets: ${show(value)} is not allowed; expected an integer ≥ 1`,
          );
        }
        args.targets = k;
        break;
      }
      case "label":
        if (value === "") {
          throw new UsageError(`--label: "" is not allowed; expected a CSV column name`);
        }
        args.label = value;
        break;
      case "explain":
        args.explain = true;
        break;
      case "impl":
        if (!Object.hasOwn(IMPLS, value)) {
          throw new UsageError(
            `--impl: ${show(value)} is not allowed; expected one of ${
              Object.keys(IMPLS).join(", ")
            }`,
          );
        }
        args.impl = value;
        break;
      case "backend":
        args.backend = parseBackend(value);
        break;
      case "json":
        args.json = true;
        break;
      case "help":
        args.help = true;
        break;
      case "version":
        args.version = true;
        break;
      default:
        setConfigFlag(args.config, token);
    }
  }
  return args;
}
