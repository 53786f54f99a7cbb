// Test helpers shared by core's tests. Not exported from mod.ts.

import assert from "node:assert/strict";

/** The error `fn` throws; fails the test if it returns. */
export function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof Error);
    return err;
  }
  assert.fail("expected an error");
}

/** The error `fn` throws, checked to be a `Kind` with exactly `message`. */
export function throwsWith(
  fn: () => unknown,
  Kind: typeof RangeError | typeof TypeError,
  message: string,
): Error {
  const err = caught(fn);
  assert.ok(err instanceof Kind, `expected ${Kind.name}, got ${err.constructor.name}`);
  assert.equal(err.message, message);
  return err;
}
