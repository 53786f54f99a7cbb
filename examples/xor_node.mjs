// The same run in Node, from the bundle of examples/backprop.ts:
//   deno bundle -o examples/backprop.mjs examples/backprop.ts && node examples/xor_node.mjs
// (A dynamic import, so that `deno check` does not look for the bundle before it exists.)
const { loadDataset, predict, resolveConfig, trainManual } = await import("./backprop.mjs");

const config = resolveConfig(); // the default network: 2-8-1 tanh/sigmoid, Adam, bce
const result = trainManual(config, loadDataset("xor"));
const outputs = predict(result.model, [[0, 0], [0, 1], [1, 0], [1, 1]]).map((row) => row[0]);
console.log(JSON.stringify({ epochs: result.epochsRun, loss: result.finalLoss, outputs }));
