/**
 * JSON text made piece by piece, for values too large for one string (a model
 * of 3 × 4096 hidden units is ~640 MB of JSON; V8's strings stop at ~512 MB).
 *
 * @module
 */

/** Numbers of an array put in one piece. */
const NUMBERS_PER_PIECE = 4096;

/**
 * The pieces of `JSON.stringify(value, null, indent)` (indent 0: no
 * whitespace), in order: joined, they are exactly that text. Handles what
 * `JSON.stringify` does for plain data — objects, arrays, strings, numbers
 * (non-finite ones as `null`), booleans, `null`, and `undefined` fields left
 * out — but not `toJSON` methods or replacers. Long arrays of numbers come in
 * pieces of 4096 numbers.
 *
 * @example
 * ```ts
 * import { jsonPieces } from "./json_pieces.ts";
 * [...jsonPieces({ a: [1, 2], b: "x" }, 2)].join(""); // JSON.stringify({ a: [1, 2], b: "x" }, null, 2)
 * ```
 */
export function* jsonPieces(value: unknown, indent = 0): Generator<string> {
  yield* pieces(value, indent === 0 ? "" : " ".repeat(indent), "");
}

function* pieces(value: unknown, step: string, at: string): Generator<string> {
  if (value === null || typeof value !== "object") {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  const inner = at + step;
  const open = step === "" ? "" : `\n${inner}`;
  const sep = step === "" ? "," : `,\n${inner}`;
  const close = step === "" ? "" : `\n${at}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return yield "[]";
    if (value.every((v) => typeof v === "number")) {
      // Numbers in batches: one string per batch, not per number.
      for (let i = 0; i < value.length; i += NUMBERS_PER_PIECE) {
        const batch = value.slice(i, i + NUMBERS_PER_PIECE).map((v) => JSON.stringify(v));
        yield (i === 0 ? "[" + open : sep) + batch.join(sep);
      }
      return yield close + "]";
    }
    for (let i = 0; i < value.length; i++) {
      yield i === 0 ? "[" + open : sep;
      // JSON.stringify writes undefined and functions in arrays as null.
      const item = value[i];
      yield* item === undefined || typeof item === "function"
        ? ["null"]
        : pieces(item, step, inner);
    }
    return yield close + "]";
  }
  const entries = Object.entries(value).filter(([, v]) =>
    v !== undefined && typeof v !== "function" && typeof v !== "symbol"
  );
  if (entries.length === 0) return yield "{}";
  const colon = step === "" ? ":" : ": ";
  for (let i = 0; i < entries.length; i++) {
    const [key, item] = entries[i];
    yield (i === 0 ? "{" + open : sep) + JSON.stringify(key) + colon;
    yield* pieces(item, step, inner);
  }
  yield close + "}";
}
