/**
 * `deno task predict`: runs a saved model (`deno task train --out FILE`) on
 * inputs given as arguments, or on rows read from stdin, with either
 * implementation: `manual` computes with core's `predictFlat` (float64), `tfjs`
 * with TF.js (float32). Prints one line of comma-separated outputs per input row.
 *
 * @module
 */

import {
  argmax,
  type ModelWeights,
  predictFlat,
  standardizeInputs,
  type Standardizer,
} from "@backprop/core";
import { BACKEND_NAMES, parseBackend, startTfjs } from "./backend.ts";
import { readModelSource } from "./tfjs_model_file.ts";
import { IMPLS } from "./impls.ts";
import {
  errorMessage,
  EXIT,
  exitCodesHelp,
  type FlagTable,
  parseNumber,
  scanFlags,
  UsageError,
  versionText,
} from "@backprop/cli-kit";
import cliPackage from "./deno.json" with { type: "json" };
import { show } from "./_private.ts";

/** What the `predict` command line asked for. */
export interface PredictArgs {
  /** `--model FILE`. */
  model: string | undefined;
  /** `--impl NAME`: `manual` or `tfjs`. */
  impl: string;
  /** `--backend NAME` (tfjs only). */
  backend: string | undefined;
  /** The input values given as arguments (none: read stdin). */
  values: number[];
  /** `--help` / `-h`. */
  help: boolean;
  /** `--version`. */
  version: boolean;
}

const OPTIONS: FlagTable = {
  model: { type: "string" },
  impl: { type: "string" },
  backend: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
};

/**
 * Parses the arguments of `deno task predict`. Every argument that is not a flag
 * or a flag's value is an input value; values may also be separated by commas
 * (`0.5,1`), and negative numbers need no `--` (`-0.5` is a value, not a flag).
 *
 * @example
 * ```ts
 * import { parsePredictArgs } from "./predict.ts";
 * parsePredictArgs(["--model", "m.json", "0", "-1.5"]).values; // [0, -1.5]
 * ```
 */
export function parsePredictArgs(argv: readonly string[]): PredictArgs {
  const args: PredictArgs = {
    model: undefined,
    impl: "manual",
    backend: undefined,
    values: [],
    help: false,
    version: false,
  };
  const { flags, positionals } = scanFlags(argv, OPTIONS, { positionals: "numbers" });
  for (const { name, value = "" } of flags) {
    if (name === "help") args.help = true;
    else if (name === "version") args.version = true;
    else if (name === "model") {
      if (value === "") throw new UsageError(`--model: "" is not allowed; expected a file path`);
      args.model = value;
    } else if (name === "impl") {
      if (!Object.hasOwn(IMPLS, value)) {
        throw new UsageError(
          `--impl: ${show(value)} is not allowed; expected one of ${Object.keys(IMPLS).join(", ")}`,
        );
      }
      args.impl = value;
    } else {
      args.backend = parseBackend(value);
    }
  }
  for (const arg of positionals) {
    for (const part of arg.split(",")) {
      const text = part.trim();
      if (text === "" && arg.includes(",")) continue;
      const x = parseNumber(text);
      if (x === undefined) {
        throw new UsageError(
          `${show(text)} is not a number; the input values are numbers such as 0.5 or -1`,
        );
      }
      args.values.push(x);
    }
  }
  if (args.backend !== undefined && args.impl !== "tfjs") {
    throw new UsageError("--backend: only --impl tfjs has backends");
  }
  return args;
}

/**
 * Reads input rows from text: one row per line, its values separated by commas
 * (or spaces); blank lines and `#` comments are skipped, and a first row that
 * is not all numbers is a header and skipped too. Every row must have `width`
 * values. Throws a {@linkcode UsageError} with `source:line:column` for a value
 * that is not a number and `source:line` for a row of the wrong length.
 *
 * @example
 * ```ts
 * import { parseInputRows } from "./predict.ts";
 * parseInputRows("x1,x2\n0,1\n1,1\n", 2, "stdin"); // { rows: 2, inputs: Float64Array [0, 1, 1, 1] }
 * ```
 */
export function parseInputRows(
  text: string,
  width: number,
  source: string,
): { rows: number; inputs: Float64Array } {
  const values: number[] = [];
  let rows = 0;
  let first = true;
  text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).forEach((raw, i) => {
    const hash = raw.indexOf("#");
    const content = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (content === "") return;
    const cells = content.split(/\s*,\s*|\s+/);
    const line = i + 1;
    const numbers = cells.map(parseNumber);
    if (first) {
      first = false;
      if (numbers.some((x) => x === undefined)) return; // a header
    }
    const bad = numbers.findIndex((x) => x === undefined);
    if (bad !== -1) {
      throw new UsageError(`${source}:${line}:${bad + 1}: ${show(cells[bad])} is not a number`);
    }
    if (cells.length !== width) {
      throw new UsageError(
        `${source}:${line}: ${cells.length} value${cells.length === 1 ? "" : "s"}, ` +
          `expected ${width} (the model takes ${width} input${width === 1 ? "" : "s"})`,
      );
    }
    for (const x of numbers) values.push(x!);
    rows++;
  });
  if (rows === 0) {
    throw new UsageError(
      `${source}: no input rows; give the ${width} input values as arguments, ` +
        `or one row of ${width} comma-separated numbers per line`,
    );
  }
  return { rows, inputs: Float64Array.from(values) };
}

/** The text `deno task predict --help` prints. */
export function predictHelpText(): string {
  return [
    "Usage: deno task predict --model FILE [--impl manual|reference|tfjs] [--backend NAME] [x1 x2 …]",
    "",
    "Runs a model saved by `deno task train --out FILE` on one row of inputs given",
    "as arguments, or, without them, on rows read from stdin (one row per line,",
    "values separated by commas; a first line that is not numbers is a header and",
    "skipped). Prints one line of comma-separated outputs per row; for a model",
    "trained on classes (--label, a shipped dataset), the predicted class name (the",
    "largest output's) first. A model trained with --standardize scales the inputs",
    "by its stored means and deviations first.",
    "",
    "Flags:",
    "  --model FILE     the model file (JSON) to run",
    `  --impl NAME      ${Object.keys(IMPLS).join(", ")}: core's forward pass in float64 ` +
    "(manual, reference) or TF.js's in float32 (default manual)",
    `  --backend NAME   TF.js backend of --impl tfjs: ${BACKEND_NAMES.join(", ")} (default cpu)`,
    "  -h, --help       show this help",
    "  --version        print the version",
    "",
    "Examples:",
    "  deno task train --dataset circle --out circle.json",
    "  deno task predict --model circle.json 0.1 -0.2",
    "  printf 'x1,x2\\n0,0\\n0.9,0.9\\n' | deno task predict --model circle.json --impl tfjs",
    "",
    exitCodesHelp(["ok", "internal", "usage"]),
  ].join("\n");
}

/**
 * The class names and input scaling stored in our model file (absent: `null`),
 * checked against the model's widths; a {@linkcode UsageError} naming the file otherwise.
 */
export function modelExtras(
  file: Record<string, unknown> | null,
  model: ModelWeights,
  path: string,
): { classes: string[] | null; standardizer: Standardizer | null } {
  const sizes = model.layerSizes, k = sizes[sizes.length - 1], n = sizes[0];
  const classes = file?.classes, s = file?.standardize as Standardizer | undefined;
  const strings = (v: unknown, len: number) =>
    Array.isArray(v) && v.length === len && v.every((x) => typeof x === "string");
  const numbers = (v: unknown) =>
    Array.isArray(v) && v.length === n && v.every((x) => typeof x === "number" && x === x);
  if (classes !== undefined && !strings(classes, k)) {
    throw new UsageError(`--model ${path}: classes: expected ${k} class names`);
  }
  if (s !== undefined && !(numbers(s?.mean) && numbers(s?.std))) {
    throw new UsageError(`--model ${path}: standardize: expected mean and std of ${n} numbers`);
  }
  return { classes: (classes as string[] | undefined) ?? null, standardizer: s ?? null };
}

/** A CSV cell (RFC 4180): quoted, with quotes doubled, when it holds a comma, quote or line break. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function readStdin(): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of Deno.stdin.readable) chunks.push(chunk);
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return new TextDecoder().decode(bytes);
}

/** `deno task predict` with `argv`; returns the exit code (see `EXIT` of `@backprop/cli-kit`). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parsePredictArgs(argv);
    if (args.help) {
      console.log(predictHelpText());
      return EXIT.ok;
    }
    if (args.version) {
      console.log(versionText("backprop predict", cliPackage));
      return EXIT.ok;
    }
    if (args.model === undefined) {
      throw new UsageError("--model: missing; give the model file of `deno task train --out FILE`");
    }
    const source = await readModelSource(args.model);
    const model = source.model;
    const { classes, standardizer } = modelExtras(source.file, model, args.model);
    const width = model.layerSizes[0];
    let batch: { rows: number; inputs: Float64Array };
    if (args.values.length > 0) {
      if (args.values.length !== width) {
        throw new UsageError(
          `${args.values.length} input value${args.values.length === 1 ? "" : "s"} given; ` +
            `the model takes ${width} input${width === 1 ? "" : "s"}, so give ${width} values`,
        );
      }
      batch = { rows: 1, inputs: Float64Array.from(args.values) };
    } else {
      if (Deno.stdin.isTerminal()) {
        console.error(
          `reading input rows from stdin: ${width} comma-separated numbers per line; ` +
            "end with Ctrl-D",
        );
      }
      batch = parseInputRows(await readStdin(), width, "stdin");
    }
    if (standardizer !== null) {
      batch = { rows: batch.rows, inputs: standardizeInputs(batch.inputs, standardizer) };
    }
    let outputs: Float64Array;
    if (args.impl === "tfjs") {
      const { tfjs, name } = await startTfjs(args.backend);
      outputs = await tfjs.predictTfjs(model, batch.inputs, batch.rows, name);
    } else {
      outputs = predictFlat(model, batch.inputs, batch.rows);
    }
    const k = model.layerSizes[model.layerSizes.length - 1];
    const lines: string[] = [];
    for (let r = 0; r < batch.rows; r++) {
      const row = Array.from(outputs.subarray(r * k, (r + 1) * k), String);
      const name = classes === null ? [] : [csvCell(classes[argmax(outputs, r * k, k)])];
      lines.push([...name, ...row].join(","));
    }
    console.log(lines.join("\n"));
    return EXIT.ok;
  } catch (err) {
    console.error(`error: ${errorMessage(err)}`);
    return err instanceof UsageError ? EXIT.usage : EXIT.internal;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
