/**
 * Parsing the `train` command line into config fields and the CLI's own options.
 *
 * @module
 */

import { parseArgs } from "node:util";
import type { TrainConfig } from "@backprop/core";
import { CONFIG_FLAGS, type ConfigFlag } from "./flags.ts";
import { DEFAULT_IMPL, IMPLS } from "./impls.ts";
import { parseBackend } from "./backend.ts";
import { UsageError } from "./usage_error.ts";
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
  /** `--data FILE`: train on a CSV or JSON data file instead of a named dataset. */
  data: string | undefined;
  /** `--targets K`: how many trailing CSV columns are targets (with `--data`). */
  targets: number | undefined;
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

type Option = { type: "string" | "boolean"; short?: string };

const OPTIONS: Record<string, Option> = {
  config: { type: "string" },
  out: { type: "string" },
  impl: { type: "string" },
  backend: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  data: { type: "string" },
  targets: { type: "string" },
  plot: { type: "string" },
  boundary: { type: "string" },
  explain: { type: "boolean" },
  "out-tfjs": { type: "string" },
  "init-model": { type: "string" },
};
/** Config flags by name; `on` is what a switch sets: `--no-bias` false, `--bias` true. */
const BY_NAME = new Map<string, { flag: ConfigFlag; on: boolean }>();
for (const flag of CONFIG_FLAGS) {
  if (flag.kind === "switch") {
    const positive = flag.name.replace(/^no-/, "");
    BY_NAME.set(flag.name, { flag, on: false });
    BY_NAME.set(positive, { flag, on: true });
    OPTIONS[flag.name] = { type: "boolean" };
    OPTIONS[positive] = { type: "boolean" };
  } else {
    BY_NAME.set(flag.name, { flag, on: true });
    OPTIONS[flag.name] = { type: "string" };
  }
}

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
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false, // so that `--lr -1` reads -1; unknown flags are rejected below
    allowPositionals: true,
    tokens: true,
  });
  const args: TrainArgs = {
    config: {},
    configFile: undefined,
    out: undefined,
    json: false,
    impl: DEFAULT_IMPL,
    backend: undefined,
    help: false,
    data: undefined,
    targets: undefined,
    plot: undefined,
    boundary: undefined,
    explain: false,
    outTfjs: undefined,
    initModel: undefined,
  };
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      throw new UsageError(
        `${show(token.value)}: unexpected argument; every value follows its flag (see --help)`,
      );
    }
    const option = OPTIONS[token.name];
    if (option === undefined) {
      throw new UsageError(`${token.rawName}: unknown flag; see --help for the flags`);
    }
    if (option.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError(`${token.rawName}: takes no value (got ${show(token.value)})`);
      }
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      throw new UsageError(`${token.rawName}: missing value; see --help`);
    }
    const value = token.value ?? "";
    switch (token.name) {
      case "config":
        args.configFile = value;
        break;
      case "out":
      case "data":
      case "plot":
      case "boundary":
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
      default: {
        const { flag, on } = BY_NAME.get(token.name)!;
        setField(args.config, flag, flag.kind === "switch" ? on : value);
      }
    }
  }
  return args;
}

function setField(config: TrainConfig, flag: ConfigFlag, value: string | boolean): void {
  const fields = config as Record<string, unknown>;
  if (typeof value === "boolean") {
    fields[flag.field] = value;
    return;
  }
  const malformed = (expected: string): never => {
    throw new UsageError(`--${flag.name}: ${show(value)} is not allowed; expected ${expected}`);
  };
  switch (flag.kind) {
    case "number":
    case "integer":
      fields[flag.field] = parseNumber(value) ??
        malformed(flag.kind === "number" ? "a number" : "an integer");
      break;
    case "batch":
      fields[flag.field] = value === "full" ? value : parseNumber(value) ??
        malformed("an integer or full");
      break;
    case "layers":
      fields[flag.field] = value.trim() === "" || value === "none" ? [] : value.split(",").map(
        (size) => parseNumber(size.trim()) ?? malformed("layer sizes such as 4 or 8,8, or none"),
      );
      break;
    default:
      fields[flag.field] = value;
  }
}
