/**
 * `deno task verify`: checks the hand-written engine, or your own backward pass
 * (`--impl FILE`), step by step against the float64 autodiff oracle and TF.js,
 * with `@backprop/verify`; this file only parses flags, loads the module and
 * prints. Takes the `train` flags plus `--backend`, `--no-tfjs`, `--impl FILE`.
 *
 * @module
 */

import { type Dataset, initModel, type ResolvedConfig, type TrainResult } from "@backprop/core";
import { trainManual } from "@backprop/manual";
import { lossCurveSvg } from "@backprop/plot";
import {
  checkGradients,
  type Engine,
  formatReport,
  gradientsEngine,
  type GradientsFn,
  manualEngine,
  referenceEngine,
  verifyEngine,
  type VerifyReport,
} from "@backprop/verify";
import { parseTrainArgs } from "./args.ts";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend } from "./backend.ts";
import { writeFileAtomic } from "./model_file.ts";
import { planRun } from "./plan.ts";
import { EXIT, exitCodesHelp, UsageError, versionText } from "@backprop/cli-kit";
import cliPackage from "./deno.json" with { type: "json" };
import { errorMessage, formatNumber } from "./_private.ts";

/**
 * Exit codes of `deno task verify`, in one place, from the shared table
 * (`EXIT` of `@backprop/cli-kit`): `pass` every check passed, `fail` a check
 * failed (`disagree`), `usage` bad input (a bad `--impl` module too), `internal`
 * an error of verify itself.
 */
export const VERIFY_EXIT: {
  readonly pass: typeof EXIT.ok;
  readonly fail: typeof EXIT.disagree;
  readonly usage: typeof EXIT.usage;
  readonly internal: typeof EXIT.internal;
} = { pass: EXIT.ok, fail: EXIT.disagree, usage: EXIT.usage, internal: EXIT.internal };

/** The whole-trajectory comparison, reported but not judged: both engines trained apart. */
export interface Trajectory {
  /** Epochs both ran. */
  epochs: number;
  /** max |Δ loss| over those epochs, manual (float64) vs TF.js. */
  lossDiff: number;
  /** Final losses. */
  manualLoss: number;
  /** See `manualLoss`. */
  tfjsLoss: number;
}

/** The text `deno task verify --help` prints. */
export function verifyHelpText(): string {
  return [
    "Usage: deno task verify [train flags] [--impl FILE|manual|reference]",
    "                        [--backend cpu|wasm|tensorflow]",
    "                        [--no-tfjs] [--json] [--plot FILE]",
    "",
    "Trains the config step by step and checks every step, teacher-forced: the batch",
    "rows against the shared schedule and each update against the optimizer's formula",
    "at every step; at step 1, steps 2, 3, 5, 10, 20, 30, 50, 100, … and the last, the",
    "loss and every gradient tensor against a float64 autodiff oracle (jax-js) started",
    "from the engine's own weights (relative 1e-10) and against TF.js (float32).",
    "A relu unit within rounding of its kink at a compared step is reported, not failed.",
    "",
    "--impl FILE checks your own backward pass instead of the hand-written engine: a",
    "module exporting `gradients(model, batch, config)` (see examples/verify/), or a",
    "whole `engine`. --impl reference checks the reference engine, --impl manual (the",
    "default) the fast one.",
    "--no-tfjs skips TF.js. Without --impl, both engines are also trained apart and the",
    "whole loss curves compared (a report line; --plot FILE draws them).",
    "Takes every flag of `deno task train` except --out, --out-tfjs, --init-model,",
    "--boundary and --explain; --dtype is ignored (the engines are checked in float64).",
    "",
    exitCodesHelp(["ok", "internal", "usage", "disagree"]) + " A bad --impl module is bad input.",
  ].join("\n");
}

/** Removes `--impl FILE` / `--impl=FILE` and `--no-tfjs` from argv. */
function ownFlags(argv: readonly string[]): { rest: string[]; impl?: string; noTfjs: boolean } {
  const rest: string[] = [];
  let impl: string | undefined;
  let noTfjs = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--impl") {
      impl = argv[++i];
      if (impl === undefined) throw new UsageError("--impl: expected a module file");
    } else if (a.startsWith("--impl=")) impl = a.slice("--impl=".length);
    else if (a === "--no-tfjs") noTfjs = true;
    else rest.push(a);
  }
  return impl === undefined ? { rest, noTfjs } : { rest, impl, noTfjs };
}

/**
 * Loads a module to check: it exports `gradients` (a {@linkcode GradientsFn}: the
 * backward pass alone; batches and updates are verify's) or `engine` (a whole
 * {@linkcode Engine}). Every problem, then or while training (it throws, returns
 * the wrong shapes or NaN), is a `UsageError` naming the module.
 */
export async function loadImpl(file: string, base: string): Promise<Engine> {
  const url = new URL(file, base).href;
  let mod: Record<string, unknown>;
  try {
    mod = await import(url);
  } catch (err) {
    throw new UsageError(`--impl ${file}: cannot be loaded: ${errorMessage(err)}`);
  }
  const whole = mod.engine as Engine | undefined;
  if (typeof whole?.start === "function") return guarded(file, whole);
  const fn = mod.gradients;
  if (typeof fn !== "function") {
    throw new UsageError(
      `--impl ${file}: exports no \`gradients\` function (nor an \`engine\`); expected ` +
        "export function gradients(model, batch, config) (see examples/verify/)",
    );
  }
  let step = 0;
  const checked: GradientsFn = (model, batch, config) => {
    step++;
    let g;
    try {
      g = (fn as GradientsFn)(model, batch, config);
    } catch (err) {
      throw new UsageError(`--impl ${file}: gradients threw at step ${step}: ${errorMessage(err)}`);
    }
    try {
      checkGradients(g, model);
    } catch (err) {
      throw new UsageError(`--impl ${file}: at step ${step}, ${errorMessage(err)}`);
    }
    return g;
  };
  return gradientsEngine(file, checked);
}

/** `engine` with anything it throws turned into a `UsageError` naming the module. */
function guarded(file: string, engine: Engine): Engine {
  const wrap = <T>(what: string, f: () => T): T => {
    try {
      return f();
    } catch (err) {
      throw new UsageError(`--impl ${file}: ${what} threw: ${errorMessage(err)}`);
    }
  };
  return {
    name: engine.name ?? file,
    start(config, data, model) {
      const run = wrap("engine.start", () => engine.start(config, data, model));
      return {
        model: () => wrap("model()", () => run.model()),
        step: () => wrap("step()", () => run.step()),
      };
    },
  };
}

/** Both engines trained apart from the same weights: the old whole-curve comparison. */
async function trajectory(
  config: ResolvedConfig,
  data: Dataset,
  backend: string,
): Promise<{ line: Trajectory; manual: TrainResult; tfjs: TrainResult }> {
  const { trainTfjs } = await import("@backprop/tfjs");
  const initialModel = initModel(config, data.inputSize, data.outputSize);
  const manual = trainManual({ ...config, dtype: "float64" }, data, { initialModel });
  const tfjs = await trainTfjs(config, data, { initialModel, backend: backend as "cpu" });
  const epochs = Math.min(manual.epochsRun, tfjs.epochsRun);
  let lossDiff = 0;
  for (let e = 0; e < epochs; e++) {
    lossDiff = Math.max(lossDiff, Math.abs(manual.lossHistory[e] - tfjs.lossHistory[e]));
  }
  return {
    line: { epochs, lossDiff, manualLoss: manual.finalLoss, tfjsLoss: tfjs.finalLoss },
    manual,
    tfjs,
  };
}

/** `deno task verify` with `argv`; returns the exit code (see {@linkcode VERIFY_EXIT}). */
export async function main(
  argv: readonly string[],
  cwd = `file://${Deno.cwd()}/`,
): Promise<number> {
  try {
    const own = ownFlags(argv);
    const args = parseTrainArgs(own.rest);
    if (args.help) {
      console.log(verifyHelpText());
      return VERIFY_EXIT.pass;
    }
    if (args.version) {
      console.log(versionText("backprop verify", cliPackage));
      return VERIFY_EXIT.pass;
    }
    if (args.out !== undefined) throw new UsageError("--out: verify writes no model");
    if (args.config.patience !== undefined && args.config.patience > 0) {
      throw new UsageError(
        "--patience: not with verify, which compares every step of a run of fixed length",
      );
    }
    if (args.network !== undefined) throw new UsageError("--network: verify draws no network");
    if (args.outTfjs !== undefined) throw new UsageError("--out-tfjs: verify writes no model");
    if (args.initModel !== undefined) {
      throw new UsageError("--init-model: verify starts both engines from fresh weights");
    }
    if (args.boundary !== undefined) {
      throw new UsageError("--boundary: verify draws no decision surface; use train --boundary");
    }
    if (args.explain) {
      throw new UsageError("--explain: verify explains nothing; use train --explain");
    }
    const { config, dataset, json, plot } = await planRun(args);
    const backend = own.noTfjs ? null : parseBackend(args.backend ?? BACKEND_NAMES[0]);
    if (backend !== null) await loadTfjsTrainer(backend as "cpu"); // a missing tfjs-node is bad input
    if (plot !== undefined && (backend === null || (own.impl ?? "manual") !== "manual")) {
      throw new UsageError(
        "--plot: needs TF.js and the hand-written engine (no --impl, no --no-tfjs)",
      );
    }
    const engine = own.impl === undefined || own.impl === "manual"
      ? manualEngine
      : own.impl === "reference"
      ? referenceEngine()
      : await loadImpl(own.impl, cwd);
    const report: VerifyReport = await verifyEngine(config, dataset, engine, { tfjs: backend });
    const traj = backend !== null && engine === manualEngine
      ? await trajectory(config, dataset, backend)
      : null;
    if (plot !== undefined && traj !== null) {
      await writeFileAtomic(
        plot,
        lossCurveSvg([
          { label: "manual (float64)", values: traj.manual.lossHistory },
          { label: `tfjs (${backend}, float32)`, values: traj.tfjs.lossHistory },
        ], { title: `verify: ${config.loss} loss on ${dataset.name}, both engines` }),
      );
    }
    if (json) {
      console.log(JSON.stringify({ ...report, trajectory: traj?.line ?? null }));
    } else {
      const text = formatReport(report).split("\n");
      if (traj !== null) {
        const t = traj.line;
        text.splice(
          text.length - 2,
          0,
          `trajectory (reported, not judged): trained apart for ${t.epochs} epochs, manual and ` +
            `tfjs losses differ by at most ${formatNumber(t.lossDiff)} (final ` +
            `${formatNumber(t.manualLoss)} vs ${formatNumber(t.tfjsLoss)})`,
        );
      }
      console.log(text.join("\n"));
      if (plot !== undefined) console.log(`loss curves saved to ${plot}`);
    }
    return report.pass ? VERIFY_EXIT.pass : VERIFY_EXIT.fail;
  } catch (err) {
    console.error(`error: ${errorMessage(err)}`);
    return err instanceof UsageError ? VERIFY_EXIT.usage : VERIFY_EXIT.internal;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
