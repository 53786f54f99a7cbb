import assert from "node:assert/strict";
import { progressLine } from "./progress.ts";

Deno.test("progressLine: redraws at most once per interval, then clears", () => {
  let time = 0;
  const written: string[] = [];
  const progress = progressLine((text) => written.push(text), 2000, () => time);
  for (let epoch = 1; epoch <= 1000; epoch++) {
    time = epoch * 0.5; // 2000 epochs per second, 500 ms in all
    progress.onEpoch({ epoch, loss: 1 / epoch });
  }
  assert.equal(written.length, 5); // at 100, 200, 300, 400 and 500 ms
  assert.equal(written[0], "\repoch 200/2000  loss 0.005  2000 epochs/s\x1b[K");
  progress.clear();
  assert.equal(written.at(-1), "\r\x1b[K");
  progress.clear();
  assert.equal(written.length, 6);
});

Deno.test("progressLine: a run faster than the interval draws and clears nothing", () => {
  const written: string[] = [];
  const progress = progressLine((text) => written.push(text), 10, () => 0);
  for (let epoch = 1; epoch <= 10; epoch++) progress.onEpoch({ epoch, loss: 0.1 });
  progress.clear();
  assert.deepEqual(written, []);
});
