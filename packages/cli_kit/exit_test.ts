import assert from "node:assert/strict";
import { EXIT, exitCodesHelp } from "./exit.ts";

Deno.test("EXIT: the documented codes, all different", () => {
  assert.deepEqual(EXIT, {
    ok: 0,
    internal: 1,
    usage: 2,
    diverged: 3,
    disagree: 4,
    interrupted: 130,
  });
  assert.equal(new Set(Object.values(EXIT)).size, Object.keys(EXIT).length);
});

Deno.test("exitCodesHelp: the chosen codes in EXIT's order", () => {
  assert.equal(
    exitCodesHelp(["usage", "ok", "disagree"]),
    "Exit codes: 0 done, 2 bad input, 4 a check failed.",
  );
});
