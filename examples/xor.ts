import { loadDataset, resolveConfig } from "@backprop/core";
console.log(loadDataset("xor").rows, resolveConfig().hidden);
