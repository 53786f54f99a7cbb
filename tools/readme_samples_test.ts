import assert from "node:assert/strict";
import {
  expectedBody,
  findSamples,
  maskTimings,
  replaceBodies,
  runSample,
} from "./readme_samples.ts";

const MD = [
  "# Title",
  "<!-- sample: deno task train --impl manual -->",
  "```",
  "loss 0.1",
  "time 4.6 ms, 83.41 µs/epoch",
  "```",
  "text",
  "<!-- sample: deno task verify --preset seed -->",
  "",
  "```",
  "$ deno task verify --preset seed",
  "PASS",
  "```",
  "```sh",
  "deno task untouched",
  "```",
  "",
].join("\n");

Deno.test("findSamples: the blocks after a sample marker, with or without a $ line", () => {
  const samples = findSamples(MD);
  assert.deepEqual(samples.map((s) => [s.command, s.body, s.prompt]), [
    ["deno task train --impl manual", "loss 0.1\ntime 4.6 ms, 83.41 µs/epoch\n", false],
    ["deno task verify --preset seed", "$ deno task verify --preset seed\nPASS\n", true],
  ]);
  assert.throws(() => findSamples("<!-- sample: deno task x -->\n```\nopen"), /no closing fence/);
});

Deno.test("expectedBody, maskTimings, replaceBodies: a refresh changes only the bodies", () => {
  const [train, verify] = findSamples(MD);
  const fresh = [
    expectedBody(train, "loss 0.1\ntime 9 ms, 1.5e+3 µs/epoch"),
    expectedBody(verify, "FAIL\n"),
  ];
  assert.equal(fresh[1], "$ deno task verify --preset seed\nFAIL\n");
  // Timings differ between runs and are not compared; anything else is.
  assert.equal(maskTimings(fresh[0]), maskTimings(train.body));
  assert.notEqual(maskTimings(fresh[1]), maskTimings(verify.body));
  const updated = replaceBodies(MD, [train, verify], fresh);
  assert.equal(
    updated,
    MD.replace("4.6 ms, 83.41 µs/epoch", "9 ms, 1.5e+3 µs/epoch").replace("PASS", "FAIL"),
  );
  assert.deepEqual(findSamples(updated).map((s) => s.body), fresh);
});

Deno.test("README: every sample output is what its command prints today", async () => {
  const root = new URL("../", import.meta.url).pathname;
  const readme = await Deno.readTextFile(`${root}README.md`);
  const samples = findSamples(readme);
  assert.ok(samples.length >= 2, "the README has its samples marked");
  for (const sample of samples) {
    const body = expectedBody(sample, await runSample(sample.command, root));
    assert.equal(
      maskTimings(sample.body),
      maskTimings(body),
      `${sample.command}: the README is stale; run \`deno task readme --update\``,
    );
  }
});
