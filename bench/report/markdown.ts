/**
 * The Markdown report (`latest.md`); the method it follows is in
 * `bench/README.md`.
 *
 * @module
 */

import { markdownTable } from "../harness/markdown_table.ts";
import type { Criterion } from "../convergence/criterion.ts";
import { describeCriterion } from "../convergence/criterion.ts";
import { type BenchResults, duration, num, pct, slug } from "./results.ts";
import { showMeasured } from "./targets.ts";
import {
  agreementTable,
  convergenceTable,
  dtypeSection,
  heapSection,
  profileSection,
  speedTable,
} from "./sections.ts";

/** The Markdown report. `charts` are the SVG file names written beside it. */
export function markdownReport(results: BenchResults, charts: readonly string[]): string {
  const m = results.machine;
  const s = results.settings;
  const out: string[] = [];
  const has = (name: string) => charts.includes(name);
  out.push(
    `# backprop benchmark${results.quick ? " (quick)" : ""}`,
    "",
    `Made by \`deno task bench${
      results.args.length ? " " + results.args.join(" ") : ""
    }\` on ${m.date}, in ${results.seconds.total.toFixed(0)} s ` +
      `(convergence ${results.seconds.convergence.toFixed(0)} s, speed ${
        results.seconds.speed.toFixed(0)
      } s).`,
    "",
    markdownTable(["", ""], [
      ["CPU", `${m.cpu}, ${m.cores} logical cores`],
      ["OS", `${m.os}, kernel ${m.osRelease}`],
      ["Deno / V8 / TypeScript", `${m.deno} / ${m.v8} / ${m.typescript}`],
      ["TF.js / brain.js", `${m.tfjs} / ${m.brain}`],
      [
        "heap check",
        results.heap?.length
          ? `child processes: \`deno run --v8-flags=${results.heap[0].v8Flags.join(",")}\``
          : "not run",
      ],
      ["load average (1 / 5 / 15 min)", loadLine(results)],
      [
        "source digest",
        `\`${results.source.sha256.slice(0, 16)}…\` over ${results.source.files} files ` +
        "(`deno task bench --digest` prints the current one; equal digests mean this report " +
        "came from that code)",
      ],
    ]),
    "",
  );

  out.push("## Targets", "");
  out.push(
    "Measured, not asserted: each line says whether the number met the bar and by how much.",
    "",
  );
  out.push(
    markdownTable(
      ["target", "wanted", "measured", "status", "margin"],
      results.targets.map((t) => [
        t.name,
        t.wanted,
        showMeasured(t),
        t.status === "met" ? "met" : t.status === "MISSED" ? "**MISSED**" : "not measured",
        t.margin,
      ]),
    ),
    "",
  );

  if (results.speed) {
    out.push("## Speed", "");
    out.push(
      "Each engine is timed on each problem in a child process of its own (`speed_child.ts`), " +
        "one after another, as a user's run would be: in a shared process, code V8 compiled " +
        "for one engine or dtype slows another down. Each starts with a warm-up " +
        "(growing runs until one lasts a quarter of the warm-up budget), then several timed " +
        "repetitions of a fixed number of epochs with early stopping off; a repetition's time " +
        "is the wall-clock time of the whole `train` call (set-up included) divided by its " +
        "epochs. The table gives the median and the range over the repetitions. *Time to " +
        "target* is a separate run with the problem's target loss as its stopping rule. TF.js " +
        "computes in float32; `manual-f32` is the hand-written engine with float32 buffers. " +
        "Throughput counts 6 · rows · Σ fan-in · fan-out flops per epoch (forward and backward " +
        "matrix products only).",
      "",
    );
    for (const p of results.speed) {
      out.push(
        `### ${p.name}`,
        "",
        `${p.description}. Layers ${p.layerSizes.join("-")}, ${p.rows} rows, ` +
          `${num(p.flopsPerEpoch / 1e6)} MFLOP per epoch; target ${p.loss} < ${p.target}.`,
        "",
        speedTable(p),
        "",
      );
      const several = p.rowsOfEngines.filter((r) => (r.processMedians?.length ?? 0) > 1);
      if (several.length > 0) {
        out.push(
          `Each engine here was timed in ${several[0].processMedians!.length} processes, one ` +
            "after another; the row is the process with the middle median. The medians of all " +
            `of them, in µs per epoch: ${
              several.map((r) => `${r.engine} ${r.processMedians!.map((m) => num(m)).join(", ")}`)
                .join("; ")
            }.`,
          "",
        );
      }
      const chart = `speed-${slug(p.name)}.svg`;
      if (has(chart)) out.push(`![${p.name} speed](${chart})`, "");
    }
    if (results.peak) {
      const pk = results.peak;
      out.push(
        "### Scalar peak and matrix-bound throughput",
        "",
        `A 4-accumulator float64 dot product over 1 024 elements runs at ${
          num(pk.best)
        } GFLOP/s at best (median ${num(pk.summary.median)}, range ${num(pk.summary.min)} – ${
          num(pk.summary.max)
        } over ${pk.trials.length} trials, half before and half after the problems above): ` +
          "the scalar rate V8 reaches on a plain reduction (no SIMD in JavaScript). Shares are " +
          "of the best trial. A dot product loads two numbers per multiply-add; a " +
          "register-blocked matrix product reuses each load for several accumulators, so it " +
          "can beat this figure: a share above 100 % means the kernel is past what this " +
          "reference measures, not that the arithmetic is wrong.",
        "",
      );
      const rows = (results.speed ?? []).filter((p) => p.matrixBound).flatMap((p) =>
        p.rowsOfEngines.filter((r) => r.available).map((r) => [
          p.name,
          r.engine,
          `${num(r.gflops ?? NaN)}`,
          pct((r.gflops ?? NaN) / pk.best),
        ])
      );
      out.push(markdownTable(["problem", "engine", "GFLOP/s", "share of peak"], rows), "");
    }
  }

  if (results.profile) out.push(...profileSection(results, results.profile));
  if (results.speed) out.push(...dtypeSection(results.speed));
  if (results.heap) out.push(...heapSection(results.heap));

  out.push(
    "## Outside reference: brain.js",
    "",
    `brain.js ${m.brain} (\`npm:brain.js@${m.brain}\`, imported by the bench only). What was ` +
      "matched, from its `dist/neural-network.js`:",
    "",
    "- **Same start**: its weights and biases are loaded with `fromJSON` from our " +
      "`initModel` (so the same seed gives the same starting point, rounded to float32); " +
      "its own initialisation, `Math.random()·0.4 − 0.2`, is unseeded. The `per-pattern` " +
      "configuration draws from U(−0.2, 0.2) like brain.js does.",
    "- **Same update**: brain.js trains one row at a time in the data's order and computes " +
      "δ = (y − o)·o(1 − o), the gradient of ½(y − o)², then `w += lr·δ·x + momentum·change`. " +
      "That is our `sse` loss with `sgd`, `batchSize 1`, no shuffling. It rejects momentum 0, " +
      "so it gets `Number.MIN_VALUE` (5e−324), whose product with any change underflows to 0.",
    "- **Same learning rate** (0.5) and iterations = epochs; `errorThresh` is set from our " +
      "target loss (brain.js's error is the mean squared error, ½ · rows · error = our `sse`).",
    "- **Not matched**: brain.js always has biases and one activation for every layer " +
      "(sigmoid here), so it only runs the configurations that have them; it stores weights " +
      "and activations in `Float32Array`s (arithmetic in float64, storage rounded to float32); " +
      "it cannot do full-batch or mini-batch updates; and it computes its error inside each " +
      "training pass, which is why its speed is measured with `train()` and no callback while " +
      "its loss history (convergence bench) comes from a per-iteration callback.",
    "",
    "Because brain.js's scheme is per row, its speed is compared with the hand-written engine " +
      "on the same per-row scheme (`xor-per-pattern`, same number of weight updates per " +
      "epoch); the full-batch ratio is shown too, for information.",
    "",
  );

  if (results.convergence) {
    const cases = results.convergence;
    out.push(
      "## Convergence",
      "",
      `Criterion: **${
        describeCriterion(parseShown(s.criterion))
      }** (\`--criterion ${s.criterion}\`). ` +
        `Seeds 0 … ${s.seeds - 1} for the hand-written engine and brain.js; ` +
        `**TF.js is capped**: seeds 0 … ${s.tfjsSeeds - 1} and at most ${s.tfjsMaxEpochs} epochs ` +
        "per run, because one TF.js step costs about as much as a few hundred of the " +
        "hand-written engine's. The agreement table compares TF.js with the hand-written " +
        "engine run under the same caps. " +
        (s.maxEpochs === null ? "" : `Every run is capped at ${s.maxEpochs} epochs. `) +
        "Runs use each configuration's own epochs and stopping rule otherwise.",
      "",
      "With the `outputs` criterion a run succeeds when its final weights put every output " +
        "within 0.5 of its target; its *epochs to target* is then the first epoch whose " +
        "weights did, found by re-training the same seed for fewer epochs (training is " +
        "deterministic) and bisecting, starting from the other engine's answer. With " +
        "`loss:X` a run succeeds when an epoch's loss falls below X (it then stops), and " +
        "epochs to target is that epoch. Intervals are 95 % Wilson score intervals; " +
        "final losses exclude diverged runs.",
      "",
    );
    if (results.parallel) {
      const pl = results.parallel;
      out.push(
        `The seeds ran on ${pl.workers} Web Workers: ${duration(pl.wallMs)} of wall-clock ` +
          `time for ${duration(pl.sumOfSeedMs)} of per-seed work (×${
            num(pl.speedup)
          }). A test checks that the pool gives bit-identical results to running the seeds one ` +
          "by one.",
        "",
      );
    }
    out.push(convergenceTable(cases), "", "### Do the engines agree seed by seed?", "");
    out.push(
      "Same seed, same starting weights: does each engine succeed or fail on the same seeds?",
      "",
      agreementTable(cases),
      "",
      "### Configurations",
      "",
    );
    for (const c of cases) {
      out.push(`#### ${c.name}`, "", c.description + ".", "");
      if (c.skipped.length) {
        out.push(
          c.skipped.map((k) => `- ${k.impl} not run: ${k.reason}`).join("\n"),
          "",
        );
      }
      for (const kind of ["loss", "epochs"]) {
        const chart = `conv-${slug(c.name)}-${kind}.svg`;
        if (has(chart)) out.push(`![${c.name} ${kind}](${chart})`, "");
      }
    }
  }
  out.push(
    "---",
    "",
    `Raw numbers, every seed included: [latest.json](latest.json). Criterion flag: \`${s.criterion}\`.`,
    "",
  );
  return out.join("\n");
}

export function loadLine(results: BenchResults): string {
  const show = (
    l: number[] | null,
  ) => (l === null ? "unknown" : l.map((x) => x.toFixed(2)).join(" / "));
  const after = results.load.afterSpeed;
  // Our own speed runs keep one core busy; more than that was someone else.
  const busy = after !== null && after[0] > 1.5;
  return `${show(after)} at the end of the speed runs (at their start: ${
    show(results.load.beforeSpeed)
  }; the speed runs come first, the convergence runs after them)` +
    (busy
      ? ". **Other processes shared the CPU during the speed runs: their times are pessimistic.**"
      : "; the speed runs ran one at a time on an otherwise idle machine.");
}

export function parseShown(flag: string): Criterion {
  if (flag === "outputs") return { kind: "outputs" };
  return { kind: "loss", threshold: Number(flag.slice(5)) };
}
