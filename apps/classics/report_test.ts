import assert from "node:assert/strict";
import { loadDataset } from "@backprop/core";
import { CRITERIA, EXPERIMENTS, PRIMARY_SETTING, runClassics, SETTINGS } from "./experiments.ts";
import { chartOf } from "./charts.ts";
import { headlineRows } from "./headline.ts";
import { classicsMarkdown } from "./report.ts";
import { classicsJson, classicsTerminal } from "./summary.ts";
import { describeMachine } from "@backprop/bench/harness";

// ---------------------------------------------------------------- statistics

Deno.test("runClassics: a tiny run of every experiment on both engines, and its report", async () => {
  const results = await runClassics({
    seeds: 3,
    maxEpochs: 300,
    tfjsSeeds: 1,
    tfjsMaxEpochs: 60,
    workers: 2,
  });
  assert.equal(results.experiments.length, EXPERIMENTS.length);
  const variants = EXPERIMENTS.flatMap((e) => e.variants);
  // Every variant × setting on the hand-written engine, the primary setting on TF.js.
  assert.equal(results.groups.length, variants.length * (SETTINGS.length + 1));
  for (const g of results.groups) {
    assert.equal(g.runs.length, g.engine === "manual" ? 3 : 1);
    g.runs.forEach((r, seed) => {
      assert.equal(r.seed, seed);
      assert.equal(r.engine, g.engine);
      assert.ok(r.epochsRun <= g.maxEpochs);
      assert.equal(r.crossings.length, CRITERIA.length);
    });
  }
  // TF.js seed 0 of the 2-1-1 net follows the hand-written engine: the same sweeps to
  // each criterion it met within its cap (or, float32 permitting, within one sweep).
  const tf = results.groups.find((g) => g.variant === "xor-2-1-1" && g.engine === "tfjs")!;
  const manual = results.groups.find((g) =>
    g.variant === "xor-2-1-1" && g.engine === "manual" && g.setting === PRIMARY_SETTING
  )!;
  const xor = loadDataset("xor");
  tf.runs[0].outputs.forEach((o, i) => {
    if (manual.runs[0].epochsRun === tf.runs[0].epochsRun) {
      assert.ok(Math.abs(o - manual.runs[0].outputs[i]) < 1e-4, `output ${i}`);
    }
    assert.ok(o > 0 && o < 1 && xor.targets.length === 4);
  });

  const rows = headlineRows(results);
  assert.deepEqual(rows.map((r) => r.variant), variants.map((v) => v.id));
  const context = {
    command: "deno task classics --seeds 3",
    machine: describeMachine("test"),
    source: { files: 1, sha256: "0".repeat(64) },
  };
  const md = classicsMarkdown(results, context, ["classics-xor-2-1-1.svg"]);
  for (const figure of ["558", "2 825", "6 587", "280 − 33·log2 H", "twice in hundreds"]) {
    assert.ok(md.includes(figure), `the report quotes ${figure}`);
  }
  assert.ok(md.includes("![XOR on 2-1-1"));
  for (const e of results.experiments) assert.ok(chartOf(results, e)?.startsWith("<svg"), e.id);
  assert.ok(classicsTerminal(results).includes("published"));
  const json = JSON.parse(JSON.stringify(classicsJson(results, context)));
  assert.equal(json.groups.length, results.groups.length);
});
