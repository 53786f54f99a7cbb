/**
 * How a value appears in the error messages of every package,
 * `"<field>: <value> is not allowed; …"`, so that apps word their own errors alike.
 *
 * @module
 */

/**
 * A value as it appears in an error message `"<field>: <value> is not allowed; …"`:
 * numbers and booleans bare, the rest as JSON (`undefined`, and anything JSON
 * cannot write, as `String(value)`).
 *
 * @example
 * ```ts
 * import { formatValue } from "@backprop/core";
 * formatValue(-1); // -1
 * formatValue("abc"); // "abc", quoted
 * formatValue([4, 0]); // [4,0]
 * ```
 */
export function formatValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
