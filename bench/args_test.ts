import assert from "node:assert/strict";
import { UsageError } from "@backprop/cli-kit";
import { DEFAULT_OUT, parseBenchArgs } from "./args.ts";

Deno.test("parseBenchArgs: defaults, and --quick's smaller ones", async () => {
  const full = await parseBenchArgs([]);
  assert.equal(full.seeds, 100);
  assert.equal(full.tfjsSeeds, 20);
  assert.equal(full.tfjsMaxEpochs, 2000);
  assert.equal(full.maxEpochs, Infinity);
  assert.deepEqual(full.criterion, { kind: "outputs" });
  assert.equal(full.out, DEFAULT_OUT);
  assert.equal(full.custom, null);
  const quick = await parseBenchArgs(["--quick", "--out=/tmp/x"]);
  assert.deepEqual([quick.quick, quick.seeds, quick.tfjsSeeds, quick.out], [true, 8, 3, "/tmp/x"]);
});

Deno.test("parseBenchArgs: bench flags in both spellings, train flags narrow", async () => {
  const args = await parseBenchArgs([
    "--seeds",
    "10",
    "--criterion=loss:0.05",
    "--max-epochs",
    "500",
    "--hidden",
    "4,4",
    "--lr=0.1",
    "--dataset",
    "parity:3",
  ]);
  assert.equal(args.seeds, 10);
  assert.equal(args.tfjsSeeds, 10);
  assert.equal(args.maxEpochs, 500);
  assert.deepEqual(args.criterion, { kind: "loss", threshold: 0.05 });
  assert.deepEqual(args.custom, { hidden: [4, 4], learningRate: 0.1, dataset: "parity:3" });
});

Deno.test("parseBenchArgs: mistakes name their flag", async () => {
  const cases: [string[], RegExp][] = [
    [["--seeds", "0"], /^--seeds: "0" is not allowed/],
    [["--seeds"], /^--seeds: missing value/],
    [["--seeds", "--quick"], /^--seeds: missing value/],
    [["--criterion", "best"], /^--criterion:/],
    [["--only", "both"], /^--only:/],
    [["--quick=1"], /^--quick: takes no value/],
    [["--lr", "x"], /--lr/],
    [["--bogus"], /--bogus: unknown flag/],
    [["--sedds", "3"], /^--sedds: unknown flag; did you mean --seeds\?/],
    [["--lr", "-1"], /^--lr: -1 is not allowed; expected a number > 0$/],
    [["--preset", "seed", "--hidden", "0"], /^--hidden: /],
    [["--json"], /^--json: is a train flag/],
    [["--suite", "verify"], /^--suite: .*deno task verify:sweep/],
    [["--suite", "classics"], /^--suite: .*deno task classics/],
  ];
  for (const [argv, pattern] of cases) {
    await assert.rejects(parseBenchArgs(argv), (e: Error) => {
      assert.ok(e instanceof UsageError, `${argv}: ${e}`);
      assert.match(e.message, pattern);
      return true;
    });
  }
});
