// The default network trained by TensorFlow.js (cpu backend) instead of the
// hand-written engine; prints the same fields as xor.ts.
//   deno run examples/xor_tfjs.ts
// For Node: deno bundle -o xor_tfjs.mjs examples/xor_tfjs.ts && node xor_tfjs.mjs
import { loadDataset, predict, resolveConfig } from "@backprop/core";
import { trainTfjs } from "@backprop/tfjs";

const config = resolveConfig(); // the default network: 2-8-1 tanh/sigmoid, Adam, bce
const result = await trainTfjs(config, loadDataset("xor"), { backend: "cpu" });
const outputs = predict(result.model, [[0, 0], [0, 1], [1, 0], [1, 1]]).map((row) => row[0]);
console.log(JSON.stringify({ epochs: result.epochsRun, loss: result.finalLoss, outputs }));
