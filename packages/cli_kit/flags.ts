/**
 * One way to read a command line, for every command of the project: a table of
 * flags for `node:util`'s `parseArgs`, checked the same way everywhere (an
 * unknown flag with a "did you mean", a switch given a value, a missing value),
 * each mistake a {@linkcode UsageError} on one line.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { formatValue as show } from "@backprop/core";
import { UsageError } from "./usage_error.ts";

/** One flag of a table: a value flag (`string`) or a switch (`boolean`). */
export interface FlagSpec {
  /** `string`: takes a value (`--lr 0.1`, `--lr=0.1`); `boolean`: a switch. */
  readonly type: "string" | "boolean";
  /** A one-letter alias, e.g. `h` for `--help`. */
  readonly short?: string;
}

/** Flags by name, without their dashes. */
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** A flag as given: its name in the table, as typed, and its value (switches: `undefined`). */
export interface GivenFlag {
  /** The name in the table, e.g. `lr` (`help` for `-h`). */
  readonly name: string;
  /** As typed, e.g. `--lr` or `-h`. */
  readonly rawName: string;
  /** The value of a value flag; `undefined` for a switch. */
  readonly value: string | undefined;
}

/** What {@linkcode scanFlags} found. */
export interface ScannedArgs {
  /** The flags in the order given; a flag given twice appears twice (the last wins). */
  readonly flags: GivenFlag[];
  /** Arguments that are not flags, when `positionals` allows them. */
  readonly positionals: string[];
}

/** What {@linkcode scanFlags} does with an argument that is not a flag. */
export interface ScanOptions {
  /**
   * `reject` (the default): a UsageError; `numbers`: keep it, and read an
   * argument such as `-1.5` or `-.5` as a value, not a flag; `keep`: keep it.
   */
  readonly positionals?: "reject" | "keep" | "numbers";
}

/** A decimal number as people type it: `5`, `-1`, `0.05`, `.5`, `1e-3`. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a decimal number, or returns `undefined` for anything else (`abc`, `""`, `0x10`).
 *
 * @example
 * ```ts
 * import { parseNumber } from "@backprop/cli-kit";
 * parseNumber("1e-3"); // 0.001
 * parseNumber("0x10"); // undefined
 * ```
 */
export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** Edit distance between two short strings: insertions, deletions, substitutions and swaps of neighbours. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The known flag closest to a mistyped one, when it is close: at most a third of
 * its letters (at least 1, at most 3) different, or the typed name a prefix of
 * exactly one known flag. `undefined` when nothing is close.
 *
 * @example
 * ```ts
 * import { didYouMean } from "@backprop/cli-kit";
 * didYouMean("learning-rat", ["lr", "learning-rate"]); // "learning-rate"
 * didYouMean("xyz", ["lr", "seed"]); // undefined
 * ```
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = distance(name, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best !== undefined && bestDistance <= limit) return best;
  const prefixed = known.filter((k) => name.length >= 2 && k.startsWith(name));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/**
 * Reads `argv` against `table` with `parseArgs`. Value flags take their value as
 * `--lr 0.1` or `--lr=0.1` (so `--lr -1` reads -1); flags may repeat. Throws a
 * {@linkcode UsageError} naming the flag for an unknown flag (with the closest
 * known one: `--lrr: unknown flag; did you mean --lr? see --help for the flags`),
 * a switch given a value, a value flag without one (none follows, or the next
 * argument starts with `--`), or an argument that is not a flag when
 * `positionals` is `reject`.
 *
 * @example
 * ```ts
 * import { scanFlags } from "@backprop/cli-kit";
 * const table = { lr: { type: "string" }, json: { type: "boolean" } } as const;
 * scanFlags(["--lr=0.1", "--json"], table).flags;
 * // [{ name: "lr", rawName: "--lr", value: "0.1" }, { name: "json", rawName: "--json", value: undefined }]
 * ```
 */
export function scanFlags(
  argv: readonly string[],
  table: FlagTable,
  options: ScanOptions = {},
): ScannedArgs {
  const mode = options.positionals ?? "reject";
  const { tokens } = parseArgs({
    args: [...argv],
    options: table as Record<string, FlagSpec>,
    strict: false, // so that `--lr -1` reads -1; unknown flags are rejected below
    allowPositionals: true,
    tokens: true,
  });
  const shorts = new Set(Object.values(table).map((spec) => spec.short).filter(Boolean));
  const flags: GivenFlag[] = [];
  const positionals: string[] = [];
  let numberAt = -1; // argv index of a negative number parseArgs split into short flags
  for (const token of tokens) {
    if (token.kind === "option-terminator") continue;
    if (token.kind === "positional") {
      if (mode === "reject") {
        throw new UsageError(
          `${show(token.value)}: unexpected argument; every value follows its flag (see --help)`,
        );
      }
      positionals.push(token.value);
      continue;
    }
    const raw = argv[token.index];
    if (
      mode === "numbers" && !token.rawName.startsWith("--") && !shorts.has(token.name) &&
      /^-[\d.]/.test(raw)
    ) {
      if (numberAt !== token.index) positionals.push(raw);
      numberAt = token.index;
      continue;
    }
    const spec = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    if (spec === undefined) {
      const near = didYouMean(token.name, Object.keys(table));
      const hint = near === undefined ? "" : ` did you mean --${near}?`;
      throw new UsageError(`${token.rawName}: unknown flag;${hint} see --help for the flags`);
    }
    if (spec.type === "boolean") {
      if (token.value !== undefined) {
        throw new UsageError(`${token.rawName}: takes no value (got ${show(token.value)})`);
      }
    } else if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) {
      throw new UsageError(`${token.rawName}: missing value; see --help`);
    }
    flags.push({ name: token.name, rawName: token.rawName, value: token.value });
  }
  return { flags, positionals };
}

/**
 * The line `--version` prints: the program's name and its package's version.
 *
 * @example
 * ```ts
 * import { versionText } from "@backprop/cli-kit";
 * versionText("backprop train", { version: "0.1.0" }); // "backprop train 0.1.0"
 * ```
 */
export function versionText(program: string, packageJson: { version: string }): string {
  return `${program} ${packageJson.version}`;
}
