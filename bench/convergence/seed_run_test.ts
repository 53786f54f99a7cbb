import assert from "node:assert/strict";
import { firstTrue } from "./seed_run.ts";

Deno.test("firstTrue finds the first true of a monotone check from any hint", async () => {
  for (const answer of [0, 1, 2, 37, 99, 100]) {
    for (const hint of [null, 0, 1, 36, 37, 38, 50, 100, 500]) {
      let calls = 0;
      const check = (k: number) => {
        calls++;
        return Promise.resolve(k >= answer);
      };
      assert.equal(await firstTrue(check, 100, hint), answer, `answer ${answer}, hint ${hint}`);
      assert.ok(calls <= 20, `${calls} calls for answer ${answer}, hint ${hint}`);
    }
  }
});

Deno.test("firstTrue needs two checks when the hint is right", async () => {
  let calls = 0;
  const check = (k: number) => {
    calls++;
    return Promise.resolve(k >= 1234);
  };
  assert.equal(await firstTrue(check, 10_000, 1234), 1234);
  assert.equal(calls, 2);
});
