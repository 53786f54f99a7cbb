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
      "Each engine on each problem in a child process of its own, after a warm-up: the median " +
        "and range of µs per epoch over the repetitions (how: `bench/README.md`, *Speed*).",
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
        } over ${pk.trials.length} trials, half before and half after the problems above). ` +
          "Shares are of the best trial; a share above 100 % is possible (`bench/README.md`, " +
          "*Scalar peak*).",
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
    `brain.js ${m.brain} (\`npm:brain.js@${m.brain}\`, imported by the bench only) from our ` +
      "starting weights, with our `sse` loss, `sgd`, one row at a time and no shuffling; its " +
      "speed is compared on the same per-row scheme (`xor-per-pattern`). What could and could " +
      "not be matched: `bench/README.md`, *brain.js*.",
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
      "Epochs are the first epoch whose weights meet the criterion, every epoch checked in the " +
        "run itself, by each engine on its own. They are time-to-event figures over **all** " +
        'runs: a run not solved by its cap counts as slower than the cap ("> cap" where a ' +
        "quantile is not reached), and n is the number of runs. Success rates carry 95 % " +
        "Wilson score intervals; final losses exclude diverged runs. The method: " +
        "`bench/README.md`, *Convergence*.",
      "",
      ...(cases.some((c) => c.reference !== null)
        ? [
          "Rows differ in seeds and caps: each TF.js row is followed by the hand-written engine " +
          "on the same seeds under the same cap (*manual on N seeds, ≤ cap*), the row to " +
          "compare it with; the other rows are not comparable with it.",
          "",
        ]
        : []),
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
