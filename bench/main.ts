/**
 * `deno task bench`: convergence over many seeds, speed per epoch and to a
 * target, brain.js as an outside reference; a terminal table, latest.json,
 * latest.md and SVG charts in `--out` (default bench/results).
 *
 * @module
 */

import { resolveConfig } from "@backprop/core";
import { TFJS_VERSION } from "@backprop/tfjs";
import { checkOutputDir, EXIT, loadAnyDataset, usageExit, versionText } from "@backprop/cli-kit";
import { HELP, parseBenchArgs } from "./args.ts";
import benchPackage from "./deno.json" with { type: "json" };
import {
  type CaseResult,
  CONVERGENCE_CASES,
  type ConvergenceCase,
  QUICK_CASE_NAMES,
  runConvergence,
} from "./convergence/convergence.ts";
import { criterionFlag } from "./convergence/criterion.ts";
import { type HeapCheck, runHeapChecks } from "./heap/heap.ts";
import { describeMachine, sourceDigest } from "./harness/machine.ts";
import { combinePeaks, measurePeak } from "./speed/peak.ts";
import { combineSimdPeaks, measureSimdPeak, type SimdPeak } from "./speed/simd_peak.ts";
import { measureProfile, type Profile } from "./speed/profile.ts";
import { coreCount } from "./harness/machine.ts";
import type { BenchResults, ProblemResult } from "./report/results.ts";
import { computeTargets } from "./report/targets.ts";
import { markdownReport } from "./report/markdown.ts";
import { terminalReport } from "./report/terminal.ts";
import { writeCharts } from "./report/charts.ts";
import {
  customSpeedProblem,
  type SpeedProblem,
  speedProblems,
  type SpeedRow,
} from "./speed/speed.ts";
import { measureSpeedInProcesses } from "./speed/speed_child.ts";
import { rerender } from "./report/rerender.ts";

/** A status line on stderr: rewritten in place on a terminal, else printed now and then. */
class Progress {
  readonly #tty = Deno.stderr.isTerminal();
  #last = 0;
  #encoder = new TextEncoder();

  /** Shows `text`; `force` prints it even off a terminal. */
  show(text: string, force = false): void {
    if (this.#tty) {
      Deno.stderr.writeSync(this.#encoder.encode(`\r\x1b[K${text}`));
      return;
    }
    const now = performance.now();
    if (force || now - this.#last > 5000) {
      this.#last = now;
      Deno.stderr.writeSync(this.#encoder.encode(text + "\n"));
    }
  }

  /** Clears the line. */
  done(): void {
    if (this.#tty) Deno.stderr.writeSync(this.#encoder.encode("\r\x1b[K"));
  }
}

/**
 * The allocation checks (heap.ts): the hand-fused control, a control that must
 * allocate, XOR full batch and one row at a time, parity:8 with mini-batches;
 * each in child processes, one after another.
 */
function heapChecks(quick: boolean, progress: Progress): Promise<HeapCheck[]> {
  return runHeapChecks(quick, (setup) => progress.show(`speed: heap check, ${setup}`, true));
}

/** The 1, 5 and 15 minute load averages, or null without --allow-sys. */
function loadAverage(): number[] | null {
  try {
    return Deno.loadavg();
  } catch {
    return null;
  }
}

function repoRoot(): string {
  return new URL("..", import.meta.url).pathname.replace(/\/$/, "");
}

async function main(argv: string[]): Promise<number> {
  // `--report FILE.json`: the report of a saved run, re-rendered (report/rerender.ts).
  const rendered = await rerender(argv);
  if (rendered !== null) return rendered;
  let args;
  try {
    args = await parseBenchArgs(argv);
    if (!args.help && !args.version && !args.digest) await checkOutputDir("--out", args.out);
  } catch (error) {
    return usageExit("bench", error);
  }
  if (args.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  if (args.version) {
    console.log(versionText("backprop bench", benchPackage));
    return EXIT.ok;
  }
  const source = await sourceDigest(repoRoot());
  if (args.digest) {
    console.log(`${source.sha256}  (${source.files} files)`);
    return EXIT.ok;
  }
  const progress = new Progress();
  const t0 = performance.now();
  const machine = describeMachine(TFJS_VERSION);
  const workers = args.workers ?? coreCount();

  // ------------------------------------------------------------ speed
  // First, while nothing of ours has loaded the machine yet: timing is the sensitive part.
  let speed: ProblemResult[] | null = null;
  let peak = null;
  let simdPeak: SimdPeak | null = null;
  let heap: HeapCheck[] | null = null;
  let profile: Profile | null = null;
  const ts = performance.now();
  const loadBefore = loadAverage();
  if (args.only !== "convergence") {
    progress.show("speed: measuring the scalar and SIMD peaks", true);
    const peakBefore = args.quick ? measurePeak(3, 50) : measurePeak();
    const simdBefore = args.quick ? measureSimdPeak(3, 50) : measureSimdPeak();
    let problems: SpeedProblem[];
    if (args.custom !== null) {
      const config = resolveConfig(args.custom);
      const target = args.criterion.kind === "loss"
        ? args.criterion.threshold
        : config.targetLoss > 0
        ? config.targetLoss
        : 0.05;
      problems = [customSpeedProblem(config, loadAnyDataset(config.dataset), target)];
    } else {
      problems = speedProblems(args.quick);
    }
    speed = [];
    for (const p of problems) {
      const rows: SpeedRow[] = [];
      let manualEpochs: number | null = null;
      for (const engine of p.engines) {
        if (args.noTfjs && engine.startsWith("tfjs")) {
          rows.push({ problem: p.name, engine, available: false, reason: "--no-tfjs" });
          continue;
        }
        progress.show(`speed: ${p.name} on ${engine}`, true);
        // In a process of its own (speed_child.ts), as a user's run would be; three for
        // the 4-row problems, whose times vary most from one process to the next.
        const row = await measureSpeedInProcesses({
          problem: p.name,
          quick: args.quick,
          engine,
          manualEpochs,
          ...(args.custom === null ? {} : { custom: { config: args.custom, target: p.target } }),
        }, p.data.rows <= 4 && !args.quick ? 3 : 1);
        if (engine === "manual-f64" && row.timeToTarget?.reached) {
          manualEpochs = row.timeToTarget.epochs;
        }
        rows.push(row);
      }
      speed.push({
        name: p.name,
        description: p.description,
        rows: p.data.rows,
        layerSizes: [p.data.inputSize, ...p.config.hidden, p.data.outputSize],
        target: p.target,
        loss: p.config.loss,
        flopsPerEpoch: p.flopsPerEpoch,
        matrixBound: p.matrixBound,
        rowsOfEngines: rows,
      });
    }
    progress.show("speed: measuring the scalar and SIMD peaks again", true);
    const peakAfter = args.quick ? measurePeak(3, 50) : measurePeak();
    peak = combinePeaks(peakBefore, peakAfter);
    simdPeak = combineSimdPeaks(
      simdBefore,
      args.quick ? measureSimdPeak(3, 50) : measureSimdPeak(),
    );
    if (args.custom === null) {
      profile = await measureProfile({
        ...(args.quick ? { rows: [4, 64], reps: 3, ms: 30 } : {}),
        noTfjs: args.noTfjs,
        onEngine: (engine) => progress.show(`speed: profile of ${engine}`, true),
      });
      // After the speed runs, which its child processes would disturb.
      heap = await heapChecks(args.quick, progress);
    }
  }
  const speedSeconds = (performance.now() - ts) / 1000;
  const loadAfter = loadAverage();

  // ------------------------------------------------------------ convergence
  let convergence: CaseResult[] | null = null;
  let parallel: BenchResults["parallel"] = null;
  const tc = performance.now();
  if (args.only !== "speed") {
    let cases: readonly ConvergenceCase[];
    if (args.custom !== null) {
      const config = resolveConfig(args.custom);
      cases = [{
        name: "custom",
        description: `the configuration given on the command line (${
          Object.entries(args.custom).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(", ")
        }; dataset ${config.dataset})`,
        config: args.custom,
      }];
    } else {
      cases = args.quick
        ? CONVERGENCE_CASES.filter((c) => QUICK_CASE_NAMES.includes(c.name))
        : CONVERGENCE_CASES;
    }
    let sumMs = 0;
    const wall0 = performance.now();
    convergence = await runConvergence({
      cases,
      seeds: args.seeds,
      tfjsSeeds: args.tfjsSeeds,
      maxEpochs: args.maxEpochs,
      tfjsMaxEpochs: args.tfjsMaxEpochs,
      criterion: args.criterion,
      workers,
      noTfjs: args.noTfjs,
      onDone: (done, total, r) => {
        sumMs += r.ms;
        progress.show(
          `convergence: ${done}/${total} runs (${r.impl} seed ${r.seed}) on ${workers} workers, ${
            ((performance.now() - wall0) / 1000).toFixed(0)
          } s`,
        );
      },
    });
    const wallMs = performance.now() - wall0;
    parallel = { workers, wallMs, sumOfSeedMs: sumMs, speedup: sumMs / wallMs };
    progress.show(`convergence: done in ${(wallMs / 1000).toFixed(1)} s`, true);
  }
  const convergenceSeconds = (performance.now() - tc) / 1000;
  progress.done();

  // ------------------------------------------------------------ results
  const results: BenchResults = {
    format: "backprop-bench",
    version: 2,
    args: argv,
    quick: args.quick,
    machine,
    source,
    settings: {
      seeds: args.seeds,
      tfjsSeeds: args.tfjsSeeds,
      maxEpochs: Number.isFinite(args.maxEpochs) ? args.maxEpochs : null,
      tfjsMaxEpochs: args.tfjsMaxEpochs,
      criterion: criterionFlag(args.criterion),
      workers,
    },
    seconds: {
      convergence: convergenceSeconds,
      speed: speedSeconds,
      total: (performance.now() - t0) / 1000,
    },
    load: { beforeSpeed: loadBefore, afterSpeed: loadAfter },
    convergence,
    parallel,
    speed,
    peak,
    simdPeak,
    profile,
    heap,
    targets: [],
  };
  results.targets = args.custom === null ? computeTargets(results) : [];

  await Deno.mkdir(args.out, { recursive: true });
  const charts = await writeCharts(results, args.out);
  await Deno.writeTextFile(`${args.out}/latest.md`, markdownReport(results, charts));
  await Deno.writeTextFile(`${args.out}/latest.json`, JSON.stringify(forJson(results), null, 1));
  console.log(terminalReport(results));
  console.log(`\nwrote ${args.out}/latest.md, latest.json and ${charts.length} charts`);
  return EXIT.ok;
}

/** The results with each loss curve thinned to at most 250 points, for the JSON. */
function forJson(results: BenchResults): unknown {
  return {
    ...results,
    convergence: results.convergence?.map((c) => ({
      ...c,
      curves: c.curves.map((k) => {
        const every = Math.max(1, Math.ceil(k.losses.length / 250));
        return {
          ...k,
          every,
          losses: k.losses.filter((_, i) => (i + 1) % every === 0),
        };
      }),
    })) ?? null,
  };
}

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
