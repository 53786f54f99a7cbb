import { loadDataset, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { trainTfjs } from "@backprop/tfjs";
import { outputsWithinHalf } from "./bench/criterion.ts";
const xor = loadDataset("xor");
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
for (
  const [name, fields, epochs] of [["seed", { preset: "seed" }, 10000], ["default", {
    preset: "default",
    targetLoss: 0,
  }, 2000]] as const
) {
  const c = resolveConfig({ ...fields, epochs, seed: 1 });
  const plain: number[] = [], checked: number[] = [];
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    trainManual(c, xor);
    plain.push(performance.now() - t);
    t = performance.now();
    trainManual(c, xor, {
      onEpoch: (e) => {
        outputsWithinHalf(e.model!(), xor);
      },
    });
    checked.push(performance.now() - t);
  }
  console.log(
    "manual",
    name,
    epochs,
    "plain",
    med(plain).toFixed(1),
    "ms; checked",
    med(checked).toFixed(1),
    "ms",
  );
  const tp: number[] = [], tc: number[] = [];
  const ct = { ...c, epochs: epochs / 5 };
  for (let i = 0; i < 3; i++) {
    let t = performance.now();
    await trainTfjs(ct, xor);
    tp.push(performance.now() - t);
    t = performance.now();
    await trainTfjs(ct, xor, {
      onEpoch: (e) => {
        outputsWithinHalf(e.model!(), xor);
      },
    });
    tc.push(performance.now() - t);
  }
  console.log(
    "tfjs",
    name,
    ct.epochs,
    "plain",
    med(tp).toFixed(1),
    "ms; checked",
    med(tc).toFixed(1),
    "ms",
  );
}
