import assert from "node:assert/strict";
import { EXIT } from "./exit.ts";

Deno.test("EXIT: the documented codes, all different", () => {
  assert.deepEqual(EXIT, { ok: 0, internal: 1, usage: 2, diverged: 3, interrupted: 130 });
});
