/**
 * The page's settings in the URL hash, so that a link reproduces a run bit for
 * bit: every field of the training config, the TF.js backend, and `run=1` to
 * start training as soon as the page opens.
 *
 * @module
 */

import { CONFIG_FIELDS, type ResolvedConfig, type TrainConfig } from "@backprop/core";

/** The TF.js backends the page offers. */
export const PAGE_BACKENDS = ["cpu", "wasm"] as const;

/** A TF.js backend the page offers. */
export type PageBackend = typeof PAGE_BACKENDS[number];

/** Everything the hash holds. */
export interface PageSettings {
  /** The config fields (unchecked: `resolveConfig` checks them). */
  config: TrainConfig;
  /** TF.js's backend. */
  backend: PageBackend;
  /** Whether to start training at once. */
  run: boolean;
}

const NUMBER_FIELDS = new Set<string>([
  "samples",
  "noise",
  "testSplit",
  "learningRate",
  "momentum",
  "beta1",
  "beta2",
  "epsilon",
  "epochs",
  "seed",
  "targetLoss",
  "patience",
  "l2",
]);
const BOOLEAN_FIELDS = new Set<string>(["shuffle", "useBias", "shortcut", "standardize"]);

/**
 * The hash of a resolved config: every field, in `CONFIG_FIELDS` order, then the
 * backend, then `run=1` when asked. Numbers are written with `String`, which
 * round-trips every float64 exactly.
 *
 * @example
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { encodeHash } from "@backprop/playground";
 * encodeHash(resolveConfig(), "cpu", false).startsWith("#preset=default&dataset=xor"); // true
 * ```
 */
export function encodeHash(config: ResolvedConfig, backend: PageBackend, run: boolean): string {
  const params = new URLSearchParams();
  for (const field of CONFIG_FIELDS) {
    const value = config[field];
    params.set(field, Array.isArray(value) ? value.join(",") : String(value));
  }
  params.set("backend", backend);
  if (run) params.set("run", "1");
  return `#${params.toString()}`;
}

/**
 * Reads a hash written by {@linkcode encodeHash} (or by hand). Unknown keys and
 * malformed values throw a `RangeError` naming the key; fields left out are
 * left out of `config` (the preset's value applies).
 *
 * @example
 * ```ts
 * import { decodeHash } from "@backprop/playground";
 * decodeHash("#dataset=spiral&hidden=8,8&run=1").config.hidden; // [8, 8]
 * ```
 */
export function decodeHash(hash: string): PageSettings {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const config: Record<string, unknown> = {};
  let backend: PageBackend = "cpu";
  let run = false;
  for (const [key, text] of params) {
    if (key === "backend") {
      if (!(PAGE_BACKENDS as readonly string[]).includes(text)) {
        bad(key, text, `expected one of ${PAGE_BACKENDS.join(", ")}`);
      }
      backend = text as PageBackend;
    } else if (key === "run") {
      if (text !== "0" && text !== "1") bad(key, text, "expected 0 or 1");
      run = text === "1";
    } else if (!(CONFIG_FIELDS as readonly string[]).includes(key)) {
      bad(key, text, "expected a config field, backend or run");
    } else if (key === "hidden") {
      config.hidden = text === "" ? [] : text.split(",").map((t) => toNumber(key, t));
    } else if (key === "batchSize") {
      config.batchSize = text === "full" ? "full" : toNumber(key, text);
    } else if (NUMBER_FIELDS.has(key)) {
      config[key] = toNumber(key, text);
    } else if (BOOLEAN_FIELDS.has(key)) {
      if (text !== "true" && text !== "false") bad(key, text, "expected true or false");
      config[key] = text === "true";
    } else {
      config[key] = text;
    }
  }
  return { config: config as TrainConfig, backend, run };
}

function toNumber(key: string, text: string): number {
  const value = text.trim() === "" ? NaN : Number(text);
  if (!Number.isFinite(value)) bad(key, text, "expected a number");
  return value;
}

function bad(key: string, text: string, expected: string): never {
  throw new RangeError(`${key}: ${JSON.stringify(text)} is not allowed; ${expected}`, {
    cause: { field: key, value: text },
  });
}
