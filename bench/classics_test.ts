import assert from "node:assert/strict";
import { loadDataset, type ModelWeights } from "@backprop/core";
import {
  agreement,
  chauvinLine,
  classicsConfig,
  CRITERIA,
  criterionStats,
  EXPERIMENTS,
  failureKinds,
  type Group,
  PRIMARY_CRITERION,
  PRIMARY_SETTING,
  runClassics,
  SETTINGS,
  thresholdsFor,
} from "./classics.ts";
import { parseClassicsArgs, splitSuite } from "./classics_main.ts";
import {
  chartOf,
  classicsJson,
  classicsMarkdown,
  classicsTerminal,
  headlineRows,
} from "./classics_report.ts";
import type { ClassicsRun } from "./classics_run.ts";
import {
  firstBelow,
  fitLine,
  isRhwMinimum,
  percentileRank,
  plateauEpoch,
  ratePercent,
  rowsIn,
  signature,
} from "./classics_stats.ts";
import { ecdfSvg, linePointsSvg, rateBarsSvg } from "./classics_svg.ts";
import { describeMachine } from "./machine.ts";

// ---------------------------------------------------------------- statistics

Deno.test("percentileRank: mid-rank percentile with ties, and its interval", () => {
  const r = percentileRank(3, [1, 2, 3, 4]);
  assert.deepEqual([r.below, r.ties, r.n], [2, 1, 4]);
  assert.equal(r.percentile, 62.5);
  assert.ok(r.low < 50 && r.high > 75, `${r.low} ${r.high}`);
  assert.equal(percentileRank(0, [1, 2, 3]).percentile, 0);
  assert.equal(percentileRank(0, [1, 2, 3]).low, 0);
  assert.equal(percentileRank(10, [1, 2, 3]).percentile, 100);
  assert.equal(percentileRank(10, [1, 2, 3]).high, 100);
  assert.equal(percentileRank(2, [2, 2]).percentile, 50);
  assert.ok(Number.isNaN(percentileRank(1, []).percentile));
  // 558 among 1 000 runs with 300 faster: the 30th percentile, interval around it.
  const sample = Array.from({ length: 1000 }, (_, i) => (i < 300 ? 400 : 700));
  const p = percentileRank(558, sample);
  assert.equal(p.percentile, 30);
  assert.ok(p.low > 27 && p.low < 30 && p.high > 30 && p.high < 33, `${p.low}–${p.high}`);
});

Deno.test("firstBelow: the first epoch strictly below each threshold, 1-based", () => {
  assert.deepEqual(firstBelow([0.5, 0.3, 0.05, 0.01], [0.1, 0.02, 0.001]), [3, 4, null]);
  assert.deepEqual(firstBelow([0.1, 0.1], [0.1]), [null], "equal is not below");
  assert.deepEqual(firstBelow([], [1]), [null]);
  assert.deepEqual(firstBelow([NaN, 0.5], [1]), [2]);
});

Deno.test("plateauEpoch: where the loss settles within 1 % of its end", () => {
  assert.equal(plateauEpoch([1, 0.6, 0.3, 0.251, 0.25, 0.25]), 4);
  assert.equal(plateauEpoch([0.25, 0.25]), 1);
  assert.equal(plateauEpoch([1, 0.5, 0.25]), 3);
  assert.equal(plateauEpoch([1, 0.2505, 0.2, 0.25], 0.01), 4, "a dip breaks the plateau");
  assert.ok(Number.isNaN(plateauEpoch([])));
  assert.ok(Number.isNaN(plateauEpoch([1, NaN])));
});

Deno.test("signature: right, one half, wrong or in between, per output", () => {
  assert.equal(signature([0.02, 0.5, 0.97, 0.49], [0, 1, 1, 0]), "R½R½");
  assert.equal(signature([0.19, 0.81, 0.7, 0.9], [0, 1, 1, 0]), "RR~W");
  assert.equal(signature([0.61, 0.41, 0.5, NaN], [0, 1, 1, 0]), "W½½W");
  assert.equal(signature([0.67, 0.67, 0.67, 0.1], [1, 1, 1, 0]), "~~~R");
});

Deno.test("isRhwMinimum / rowsIn: two right and two at 0.5, named by XOR input", () => {
  assert.ok(isRhwMinimum("R½R½"));
  assert.ok(isRhwMinimum("½½RR"));
  assert.ok(!isRhwMinimum("RRR½"));
  assert.ok(!isRhwMinimum("R~~~"));
  assert.ok(!isRhwMinimum("R½R½R½"), "only XOR's four patterns");
  assert.deepEqual(rowsIn("R½R½", "½"), ["01", "11"]);
  assert.deepEqual(rowsIn("R½R½", "R"), ["00", "10"]);
  assert.deepEqual(rowsIn("RW½", "W"), ["1"]);
});

Deno.test("fitLine: recovers a line exactly, NaN without two distinct x", () => {
  const xs = [1, 2, 3, 4, 5];
  const f = fitLine(xs, xs.map((x) => 280 - 33 * x));
  assert.ok(Math.abs(f.a - 280) < 1e-9 && Math.abs(f.b + 33) < 1e-9, JSON.stringify(f));
  const noisy = fitLine([1, 1, 2, 2], [9, 11, 19, 21]);
  assert.deepEqual(noisy, { a: 0, b: 10 });
  assert.ok(Number.isNaN(fitLine([2, 2], [1, 3]).a));
});

Deno.test("ratePercent and chauvinLine", () => {
  const r = ratePercent(2, 300);
  assert.ok(Math.abs(r.rate - 0.6667) < 1e-3 && r.low > 0 && r.high < 3, JSON.stringify(r));
  assert.deepEqual(ratePercent(0, 10).low, 0);
  assert.equal(chauvinLine(2), 247);
  assert.equal(chauvinLine(32), 115);
});

// ---------------------------------------------------------------- summaries on made-up runs

function run(
  seed: number,
  crossings: (number | null)[],
  outputs: number[],
  plateau = 1,
): ClassicsRun {
  return {
    engine: "manual",
    seed,
    epochsRun: 100,
    stoppedBecause: crossings[crossings.length - 1] === null ? "epochs" : "target-loss",
    finalLoss: crossings[PRIMARY_CRITERION] === null ? 0.25 : 0.001,
    crossings,
    outputs,
    plateau,
    model: {} as ModelWeights,
    ms: 1,
  };
}

const XOR_TARGETS = [0, 1, 1, 0];
const SOLVED = [0.05, 0.95, 0.95, 0.05];
// Seeds 0–4 solve (sweeps 10, 20, 30, 40, 50 under the primary criterion); 5 and 6 end in
// RHW's minimum (00, 10 right; 01, 11 at 0.5); 7 ends with all four outputs at 0.5.
const GROUP: Group = {
  variant: "xor-2-2-1-lr0.25",
  setting: PRIMARY_SETTING,
  engine: "manual",
  maxEpochs: 100,
  runs: [
    ...[10, 20, 30, 40, 50].map((s, seed) => run(seed, [s - 5, s, s + 5], SOLVED)),
    run(5, [null, null, null], [0.02, 0.5, 0.97, 0.5], 60),
    run(6, [null, null, null], [0.03, 0.49, 0.96, 0.52], 80),
    run(7, [30, null, null], [0.5, 0.5, 0.5, 0.5], 5),
  ],
};

Deno.test("criterionStats: solved, failure rate, sweeps and the published figure's place", () => {
  const st = criterionStats(GROUP, PRIMARY_CRITERION, 25);
  assert.equal(st.n, 8);
  assert.equal(st.solved, 5);
  assert.equal(st.failure.rate, 37.5);
  assert.equal(st.sweeps.median, 30);
  assert.equal(st.rank!.percentile, 40, "25 is faster than 2 of the 5 solved runs");
  // The looser criterion also counts seed 7, which met it before stalling.
  assert.equal(criterionStats(GROUP, 0).solved, 6);
  assert.equal(criterionStats(GROUP, 2).sweeps.median, 35);
  assert.equal(criterionStats(GROUP).rank, null);
});

Deno.test("failureKinds: failed runs grouped by signature, the paper's minimum marked", () => {
  const kinds = failureKinds(GROUP, XOR_TARGETS);
  assert.deepEqual(kinds.map((k) => [k.signature, k.rhw, k.seeds]), [
    ["R½R½", true, [5, 6]],
    ["½½½½", false, [7]],
  ]);
  assert.deepEqual(kinds[0].plateaus, [60, 80]);
  assert.deepEqual(kinds[0].losses, [0.25, 0.25]);
});

Deno.test("agreement: outcomes and sweeps seed by seed under TF.js's cap", () => {
  const tfjs: Group = {
    ...GROUP,
    engine: "tfjs",
    maxEpochs: 45,
    runs: [
      run(0, [5, 10, 15], SOLVED), // same sweeps
      run(1, [15, 22, 25], SOLVED), // 2 sweeps later
      run(2, [null, null, null], SOLVED), // manual solved at 30 ≤ 45: outcomes differ
      run(3, [null, null, null], SOLVED), // manual's 40 ≤ 45: differ
      run(4, [null, null, null], SOLVED), // manual's 50 > 45: both unsolved under the cap
    ],
  };
  const a = agreement(tfjs, GROUP);
  assert.equal(a.seeds, 5);
  assert.equal(a.same, 3);
  assert.deepEqual(a.differing, [2, 3]);
  assert.equal(a.bothSolved, 2);
  assert.equal(a.identical, 1);
  assert.equal(a.maxGap, 2);
  assert.equal(a.medianGap, 1);
  assert.equal(a.tfjs.n, 2);
  assert.equal(a.manual.n, 4);
});

// ---------------------------------------------------------------- configs and flags

Deno.test("classicsConfig: the stated settings, per sweep or per pattern", () => {
  const v = EXPERIMENTS[0].variants[0];
  const sweep = classicsConfig(v, PRIMARY_SETTING, 7, 1000, 4);
  assert.equal(sweep.batchSize, "full");
  assert.equal(sweep.optimizer, "momentum");
  assert.equal(sweep.momentum, 0.9);
  assert.equal(sweep.loss, "sse");
  assert.equal(sweep.activation, "sigmoid");
  assert.equal(sweep.useBias, true);
  assert.equal(sweep.shortcut, true);
  assert.deepEqual(sweep.hidden, [1]);
  assert.equal(sweep.init, "uniform:0.5");
  assert.equal(sweep.learningRate, 0.5);
  assert.equal(sweep.seed, 7);
  assert.equal(sweep.epochs, 1000);
  assert.equal(sweep.targetLoss, Math.min(...thresholdsFor(4)));
  const pattern = classicsConfig(v, SETTINGS[5], 0, 10, 4);
  assert.equal(pattern.batchSize, 1);
  assert.equal(pattern.shuffle, false);
  assert.equal(pattern.init, "uniform:1");
  assert.deepEqual(thresholdsFor(16), CRITERIA.map((c) => c * 16));
});

Deno.test("parseClassicsArgs / splitSuite: flags, defaults and mistakes", () => {
  const d = parseClassicsArgs([]);
  assert.equal(d.options.seeds, 300);
  assert.equal(d.options.tfjsSeeds, undefined);
  assert.equal(d.out, "bench/results");
  const q = parseClassicsArgs(["--quick", "--only=chauvin,xor-2-1-1", "--workers", "0"]);
  assert.deepEqual(
    [q.options.seeds, q.options.maxEpochs, q.options.tfjsSeeds, q.options.workers],
    [8, 2000, 2, 0],
  );
  assert.deepEqual(q.options.only, ["chauvin", "xor-2-1-1"]);
  assert.equal(parseClassicsArgs(["--no-tfjs"]).options.tfjsSeeds, 0);
  assert.throws(() => parseClassicsArgs(["--seeds", "0"]), /--seeds: "0" is not allowed/);
  assert.throws(() => parseClassicsArgs(["--only", "mnist"]), /--only: "mnist"/);
  assert.throws(() => parseClassicsArgs(["--lr", "1"]), /--lr: unknown flag/);
  assert.deepEqual(splitSuite(["--seeds", "9"]), null);
  assert.deepEqual(splitSuite(["--suite", "classics", "--seeds", "9"]), {
    name: "classics",
    rest: ["--seeds", "9"],
  });
  assert.deepEqual(splitSuite(["--out", "x", "--suite=classics"]), {
    name: "classics",
    rest: ["--out", "x"],
  });
});

// ---------------------------------------------------------------- charts

Deno.test("charts: self-contained SVG with the published figure marked", () => {
  const ecdf = ecdfSvg([{ label: "a <b>", values: [300, 400, 900], runs: 4, bold: true }], {
    title: "XOR",
    marker: { value: 558, label: "RHW 1986: 558" },
    max: 20000,
  });
  assert.ok(ecdf.startsWith("<svg") && ecdf.endsWith("</svg>"));
  assert.ok(ecdf.includes("RHW 1986: 558"));
  assert.ok(ecdf.includes("a &#60;b&#62;"), "labels are escaped");
  const bars = rateBarsSvg(
    [{ label: "s", bars: [{ series: "η 0.25", rate: 5, low: 3, high: 8, color: "#000" }] }],
    { title: "t", band: { low: 0.2, high: 1, label: "published" } },
  );
  assert.ok(bars.includes("published"));
  const line = linePointsSvg(
    [{ label: "ours", color: "#00f", points: [{ x: 1, y: 500, low: 400, high: 700 }] }],
    [{ label: "Chauvin", color: "#000", a: 280, b: -33, dash: true }],
    { title: "c", xLabel: "H", yLabel: "sweeps", xs: [1, 2], xText: (x) => String(2 ** x) },
  );
  assert.ok(line.includes("Chauvin") && line.includes("stroke-dasharray"));
});

// ---------------------------------------------------------------- end to end

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
    command: "--suite classics --seeds 3",
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
