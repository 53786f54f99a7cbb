// Helpers shared by the core modules: the one error format every field check uses.

import { formatValue } from "./format_value.ts";

/**
 * Throws `"<field>: <value> is not allowed; <allowed>"` as `Kind`, with
 * `cause: { field, value }` so a CLI can name its own flag instead of the field.
 */
export function fail(
  Kind: typeof RangeError | typeof TypeError,
  field: string,
  value: unknown,
  allowed: string,
): never {
  throw new Kind(`${field}: ${formatValue(value)} is not allowed; ${allowed}`, {
    cause: { field, value },
  });
}
