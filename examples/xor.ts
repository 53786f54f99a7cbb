// Train the default network on XOR and print its loss and outputs (Deno).
//   deno run examples/xor.ts
import { loadDataset, predict, resolveConfig } from "@backprop/core";
import { trainManual } from "@backprop/manual";

const config = resolveConfig(); // the default network: 2-8-1 tanh/sigmoid, Adam, bce
const result = trainManual(config, loadDataset("xor"));
const outputs = predict(result.model, [[0, 0], [0, 1], [1, 0], [1, 1]]).map((row) => row[0]);
console.log(JSON.stringify({ epochs: result.epochsRun, loss: result.finalLoss, outputs }));
