// Helpers shared by the core modules: the one error format every field check uses.

/** A value as it appears in an error message: numbers and booleans bare, the rest as JSON. */
export function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

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
  throw new Kind(`${field}: ${show(value)} is not allowed; ${allowed}`, {
    cause: { field, value },
  });
}
