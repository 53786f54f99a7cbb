/**
 * `deno task verify`: trains the same config with the hand-written engine
 * (float64) and with TF.js (float32) from identical weights, and checks, each
 * against a stated tolerance: the loss curves, the number of epochs, the first
 * step's gradients, the final weights and outputs, and the hand-written
 * gradients against finite differences. Exit code 0 when every check passes,
 * 1 when one fails, 2 for bad input. Takes the `train` flags plus `--backend`.
 *
 * The tolerances come from `@backprop/tfjs`'s `parity.ts`: fixed floors for
 * float32 rounding, widened by this run's own sensitivity to float32 (the
 * hand-written engine trained once more in float32) and, for Adam, by TF.js's
 * float32 β2ᵗ.
 *
 * `--plot FILE` writes both engines' loss curves in one SVG (test curves too,
 * with `--test-split`).
 *
 * @module
 */

import {
  BatchSchedule,
  type Dataset,
  initModel,
  type ModelWeights,
  predictFlat,
  type ResolvedConfig,
  type TrainResult,
} from "@backprop/core";
import {
  computeGradients,
  gradientCheck,
  type GradientCheckResult,
  trainManual,
} from "@backprop/manual";
import type { Backend } from "@backprop/tfjs";
import { lossCurveSvg, type LossSeries } from "@backprop/plot";
import { parseTrainArgs } from "./args.ts";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend } from "./backend.ts";
import { writeFileAtomic } from "./model_file.ts";
import { planRun } from "./plan.ts";
import { EXIT, UsageError, versionText } from "@backprop/cli-kit";
import cliPackage from "./deno.json" with { type: "json" };
import { datasetLabel, errorMessage, formatNumber } from "./_private.ts";

/** One comparison and its verdict. */
export interface VerifyCheck {
  /** What is compared, e.g. `loss curve`, `gradient W1`. */
  name: string;
  /** The measured difference (or error). */
  value: number;
  /** The largest value that passes. */
  tolerance: number;
  /** value ≤ tolerance. */
  pass: boolean;
  /** Where or how it was measured, e.g. `at epoch 21`. */
  detail: string;
  /** Why the tolerance is what it is. */
  reason: string;
}

/** The loss of both engines at one epoch. */
export interface LossPoint {
  /** 1-based epoch. */
  epoch: number;
  /** Hand-written engine, float64. */
  manual: number;
  /** TF.js, float32. */
  tfjs: number;
  /** |manual − tfjs|. */
  diff: number;
  /** The tolerance at that epoch. */
  tolerance: number;
}

/** A run's summary in the report. */
export interface EngineRun {
  /** Epochs completed. */
  epochsRun: number;
  /** Why it stopped. */
  stoppedBecause: string;
  /** Loss of the last epoch. */
  finalLoss: number;
  /** Microseconds per epoch. */
  usPerEpoch: number;
}

/** Everything `verify` found. */
export interface VerifyReport {
  /** The config both engines trained with (dtype: see `manual`). */
  config: ResolvedConfig;
  /** TF.js's backend. */
  backend: Backend;
  /** The hand-written engine's run, in float64. */
  manual: EngineRun;
  /** The TF.js run. */
  tfjs: EngineRun;
  /** How much float32 rounding alone moves this run: hand-written float64 vs float32. */
  sensitivity: { loss: number; weights: number; outputs: number };
  /** Loss of both engines at epochs 1, 10, 100, …, and the last. */
  losses: LossPoint[];
  /** Every check, in the order printed. */
  checks: VerifyCheck[];
  /** Whether every check passed. */
  pass: boolean;
}

/** The finite-difference check passes below this relative error (see `gradientCheck`). */
const GRADIENT_CHECK_TOLERANCE = 1e-6;
/** A relu-family unit closer than this to z = 0 makes finite differences meaningless there. */
const KINK_MARGIN = 1e-4;
/** How far every hidden weight and bias is moved to get away from a kink. */
const KINK_NUDGE = 1e-3;

/**
 * Trains `config` on `data` with both engines from the same initial weights and
 * compares them. TF.js runs on `backend`.
 *
 * @example
 * ```ts ignore
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * const report = await verifyEngines(resolveConfig({ preset: "seed" }), loadDataset("xor"), "cpu");
 * report.pass; // true
 * ```
 */
export async function verifyEngines(
  config: ResolvedConfig,
  data: Dataset,
  backend: Backend,
): Promise<VerifyReport> {
  return (await verifyRuns(config, data, backend)).report;
}

/** The report of {@linkcode verifyEngines} and the two runs it compared (float64 manual, TF.js). */
async function verifyRuns(
  config: ResolvedConfig,
  data: Dataset,
  backend: Backend,
  test?: Dataset,
): Promise<{ report: VerifyReport; manual: TrainResult; tfjs: TrainResult }> {
  const tfjs = await import("@backprop/tfjs");
  const f64: ResolvedConfig = { ...config, dtype: "float64" };
  const f32: ResolvedConfig = { ...config, dtype: "float32" };
  const start = initModel(f64, data.inputSize, data.outputSize);
  const initialModel = start;

  const m64 = trainManual(f64, data, { initialModel, testData: test });
  const m32 = trainManual(f32, data, { initialModel });
  const tf = await tfjs.trainTfjs(config, data, { initialModel, backend, testData: test });

  const checks: VerifyCheck[] = [];
  // Loss curves, epoch by epoch, over the epochs both ran.
  const sensitivity = extend(
    tfjs.runningMaxDifference(m64.lossHistory, m32.lossHistory),
    Math.max(m64.epochsRun, tf.epochsRun),
  );
  const firstLoss = m64.lossHistory[0];
  const toleranceAt = (e: number) => tfjs.lossTolerance(config, sensitivity[e], firstLoss);
  const common = Math.min(m64.epochsRun, tf.epochsRun);
  let worst = { e: 0, diff: 0, ratio: -1 };
  for (let e = 0; e < common; e++) {
    const diff = lossDiff(m64.lossHistory[e], tf.lossHistory[e]);
    const ratio = diff / toleranceAt(e);
    if (ratio > worst.ratio) worst = { e, diff, ratio };
  }
  const adam = tfjs.adamStepBias(config);
  checks.push({
    name: "loss curve",
    value: worst.diff,
    tolerance: toleranceAt(worst.e),
    pass: worst.ratio <= 1,
    detail: `max |Δ| relative to its tolerance is at epoch ${worst.e + 1} of ${common}`,
    reason: `1e-5 for float32 rounding + 10 × this run's float32 sensitivity up to that epoch ` +
      `(${formatNumber(sensitivity[worst.e])})` +
      (adam > 0 ? ` + 10 × δ·L₁ for TF.js's float32 β2ᵗ (δ = ${formatNumber(adam)})` : ""),
  });
  checks.push(epochsCheck(config, m64, tf, toleranceAt));

  // The first update's gradients: no training yet, so nothing is amplified.
  const gm = computeGradients(f64, data, start);
  const gt = await tfjs.computeGradientsTfjs(config, data, { model: start, backend });
  const schedule = new BatchSchedule(config, data.rows);
  checks.push({
    name: "loss (first batch)",
    value: Math.abs(gm.loss - gt.loss),
    tolerance: tfjs.PARITY_FLOORS.loss,
    pass: Math.abs(gm.loss - gt.loss) <= tfjs.PARITY_FLOORS.loss,
    detail: `epoch 1's first batch, ${schedule.size(0)} rows`,
    reason: "one float32 forward pass",
  });
  // Every trained tensor: W1, b1, W2, b2, …, and Ws for the direct input-to-output weights.
  type Pair = [string, Float64Array, Float64Array];
  const tensors: Pair[] = gm.layers.flatMap((layer, l): Pair[] => [
    [`W${l + 1}`, layer.weights, gt.layers[l].weights],
    ...(config.useBias ? [[`b${l + 1}`, layer.biases, gt.layers[l].biases] as Pair] : []),
  ]);
  if (gm.shortcut !== undefined) {
    tensors.push(["Ws", gm.shortcut, gt.shortcut ?? new Float64Array(gm.shortcut.length)]);
  }
  const maxGradient = Math.max(...tensors.map(([, a]) => maxAbs(a)));
  const gradientTolerance = tfjs.gradientTolerance(maxGradient);
  for (const [name, a, b] of tensors) {
    const diff = maxAbsDiff(a, b);
    checks.push({
      name: `gradient ${name}`,
      value: diff,
      tolerance: gradientTolerance,
      pass: diff <= gradientTolerance,
      detail: `max |Δ∂L/∂${name}| at step 1, max |g| ${formatNumber(maxAbs(a))}`,
      reason: `1e-6 + 1e-5 × max|g| (${
        formatNumber(maxGradient)
      }): float32 sums, nothing amplified`,
    });
  }

  // End of training: weights and outputs after the same number of updates.
  const [end64, end32, endTf] = common === m64.epochsRun && common === tf.epochsRun &&
      common === m32.epochsRun
    ? [m64, m32, tf]
    : await sameLength(config, data, start, common, backend);
  const updates = common * schedule.batches;
  const weightSensitivity = maxRelativeDiff(weightsOf(end64.model), weightsOf(end32.model));
  const weightDiff = maxRelativeDiff(weightsOf(end64.model), weightsOf(endTf.model));
  const weightTolerance = tfjs.weightTolerance(config, weightSensitivity, updates);
  checks.push({
    name: "weights (end)",
    value: weightDiff,
    tolerance: weightTolerance,
    pass: weightDiff <= weightTolerance,
    detail: `max |Δw| / max(1, |w|) after ${common} epochs`,
    reason: `relative, as float32 resolves a weight to 6e-8 of its size and weights grow: ` +
      `1e-4 for float32 update rounding + 10 × this run's float32 sensitivity ` +
      `(${formatNumber(weightSensitivity)})` +
      (adam > 0 ? ` + 10 × δ·η·t for TF.js's float32 β2ᵗ` : ""),
  });
  const out64 = predictFlat(end64.model, data.inputs, data.rows);
  const out32 = predictFlat(end32.model, data.inputs, data.rows);
  const outTf = await tfjs.predictTfjs(endTf.model, data.inputs, data.rows, backend);
  const outputSensitivity = maxAbsDiff(out64, out32);
  const outputDiff = maxAbsDiff(out64, outTf);
  const outputTolerance = tfjs.outputTolerance(outputSensitivity);
  checks.push({
    name: "outputs (end)",
    value: outputDiff,
    tolerance: outputTolerance,
    pass: outputDiff <= outputTolerance,
    detail: `max |Δo| over ${data.rows} rows (TF.js's own forward pass)`,
    reason: `1e-5 for float32 rounding + 10 × this run's float32 sensitivity ` +
      `(${formatNumber(outputSensitivity)})`,
  });

  checks.push(finiteDifferenceCheck(f64, data, start));

  const report: VerifyReport = {
    config,
    backend,
    manual: summary(m64),
    tfjs: summary(tf),
    sensitivity: {
      loss: sensitivity[Math.max(0, common - 1)] ?? 0,
      weights: weightSensitivity,
      outputs: outputSensitivity,
    },
    losses: chosenEpochs(m64.epochsRun, tf.epochsRun).map((epoch) => {
      const manual = m64.lossHistory[epoch - 1] ?? NaN;
      const t = tf.lossHistory[epoch - 1] ?? NaN;
      return {
        epoch,
        manual,
        tfjs: t,
        diff: lossDiff(manual, t),
        tolerance: toleranceAt(epoch - 1),
      };
    }),
    checks,
    pass: checks.every((c) => c.pass),
  };
  return { report, manual: m64, tfjs: tf };
}

/**
 * The `--plot` picture of `verify`: both engines' loss curves overlaid (and their
 * test curves, with a test set), so any parting is visible.
 */
function verifyPlot(
  config: ResolvedConfig,
  data: Dataset,
  manual: TrainResult,
  tf: TrainResult,
  backend: Backend,
): string {
  const series: LossSeries[] = [
    { label: "manual (float64)", values: manual.lossHistory },
    { label: `tfjs (${backend}, float32)`, values: tf.lossHistory },
  ];
  if (manual.testLossHistory) {
    series.push({ label: "manual test", values: manual.testLossHistory });
  }
  if (tf.testLossHistory) series.push({ label: "tfjs test", values: tf.testLossHistory });
  return lossCurveSvg(series, {
    title: `verify: ${config.loss} loss on ${datasetLabel(data.name)}, both engines`,
  });
}

/** Trains all three again for exactly `epochs` epochs, without early stopping. */
async function sameLength(
  config: ResolvedConfig,
  data: Dataset,
  initialModel: ModelWeights,
  epochs: number,
  backend: Backend,
): Promise<[TrainResult, TrainResult, TrainResult]> {
  const { trainTfjs } = await import("@backprop/tfjs");
  const fixed: ResolvedConfig = { ...config, epochs: Math.max(1, epochs), targetLoss: 0 };
  return [
    trainManual({ ...fixed, dtype: "float64" }, data, { initialModel }),
    trainManual({ ...fixed, dtype: "float32" }, data, { initialModel }),
    await trainTfjs(fixed, data, { initialModel, backend }),
  ];
}

/**
 * Whether both engines ran as many epochs. A different count passes only when
 * both stopped at the target loss (or ran out of epochs) and, at the first epoch
 * where they disagree, the loss that missed the target was within the loss
 * tolerance of it: float32 rounding can put a loss on either side of the line.
 */
function epochsCheck(
  config: ResolvedConfig,
  m: TrainResult,
  t: TrainResult,
  toleranceAt: (e: number) => number,
): VerifyCheck {
  const detail = `manual ${m.epochsRun} (${m.stoppedBecause}), tfjs ${t.epochsRun} ` +
    `(${t.stoppedBecause})`;
  const reason = "the same stop rules on losses that agree within the loss tolerance";
  if (m.epochsRun === t.epochsRun && m.stoppedBecause === t.stoppedBecause) {
    return { name: "epochs run", value: 0, tolerance: 0, pass: true, detail, reason };
  }
  const k = Math.min(m.epochsRun, t.epochsRun) - 1;
  const stops = new Set([m.stoppedBecause, t.stoppedBecause]);
  const borderline = [...stops].every((s) => s === "target-loss" || s === "epochs") &&
    Math.abs((m.epochsRun > k + 1 ? m : t).lossHistory[k] - config.targetLoss) <= toleranceAt(k);
  return {
    name: "epochs run",
    value: Math.abs(m.epochsRun - t.epochsRun),
    tolerance: 0,
    pass: borderline,
    detail: detail + (borderline ? "; the target was crossed within the loss tolerance" : ""),
    reason,
  };
}

/**
 * The hand-written engine's gradients against central differences, at the
 * initial weights; if a relu-family unit sits within {@linkcode KINK_MARGIN} of
 * z = 0 there (it does for zero biases and an all-zero input row), at those
 * weights with every hidden weight and bias moved by {@linkcode KINK_NUDGE},
 * since no difference quotient means anything at a kink.
 */
function finiteDifferenceCheck(
  config: ResolvedConfig,
  data: Dataset,
  start: ModelWeights,
): VerifyCheck {
  const kink = kinkDistance(config, data, start);
  const nudged = kink < KINK_MARGIN;
  const model = nudged ? nudge(start) : start;
  const result: GradientCheckResult = gradientCheck(config, data, { model });
  const where = nudged
    ? `at the initial weights + ${KINK_NUDGE} (a relu unit was ${formatNumber(kink)} from its kink)`
    : "at the initial weights";
  return {
    name: "gradient check",
    value: result.relativeError,
    tolerance: GRADIENT_CHECK_TOLERANCE,
    pass: result.relativeError <= GRADIENT_CHECK_TOLERANCE,
    detail: `hand-written vs central differences (h = ${formatNumber(result.step)}), ` +
      `${result.parameters} parameters, ${where}`,
    reason: "relative error ‖a − n‖ / (‖a‖ + ‖n‖); h = 1e-5 leaves ~1e-10 of truncation and " +
      "rounding error, a wrong derivative gives > 1e-3",
  };
}

/**
 * Smallest |z| of a relu or leaky-relu unit over the first batch at `model`,
 * counting only pre-activations that depend on a parameter (a bias, or a
 * non-zero input); Infinity for other activations.
 */
function kinkDistance(config: ResolvedConfig, data: Dataset, model: ModelWeights): number {
  if (config.activation !== "relu" && config.activation !== "leaky-relu") return Infinity;
  const schedule = new BatchSchedule(config, data.rows);
  schedule.nextEpoch();
  let min = Infinity;
  for (let r = 0; r < schedule.size(0); r++) {
    const row = schedule.order[r];
    let x = Array.from(data.inputs.subarray(row * data.inputSize, (row + 1) * data.inputSize));
    for (const layer of model.layers.slice(0, -1)) {
      const live = model.useBias || x.some((v) => v !== 0);
      const z = Array.from({ length: layer.units }, (_, j) => {
        let s = layer.biases[j];
        for (let i = 0; i < layer.inputs; i++) s += x[i] * layer.weights[i * layer.units + j];
        return s;
      });
      if (live) { for (const v of z) min = Math.min(min, Math.abs(v)); }
      x = z.map((v) => v > 0 ? v : layer.activation === "relu" ? 0 : 0.01 * v);
    }
  }
  return min;
}

function nudge(model: ModelWeights): ModelWeights {
  const last = model.layers.length - 1;
  return {
    ...model,
    layers: model.layers.map((layer, l) =>
      l === last ? layer : {
        ...layer,
        weights: layer.weights.map((w) => w + KINK_NUDGE),
        biases: model.useBias ? layer.biases.map((b) => b + KINK_NUDGE) : layer.biases,
      }
    ),
  };
}

/** Epochs 1, 10, 100, … up to the longer run, and each run's last. */
function chosenEpochs(a: number, b: number): number[] {
  const epochs = new Set<number>();
  for (let e = 1; e <= Math.max(a, b); e *= 10) epochs.add(e);
  epochs.add(a);
  epochs.add(b);
  return [...epochs].filter((e) => e >= 1).sort((x, y) => x - y);
}

/** |a − b|, 0 when both are the same non-finite value (both diverged alike). */
function lossDiff(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  const d = Math.abs(a - b);
  return Number.isNaN(d) ? Infinity : d;
}

function extend(values: Float64Array, length: number): Float64Array {
  const out = new Float64Array(Math.max(length, values.length));
  out.set(values);
  out.fill(values.length === 0 ? 0 : values[values.length - 1], values.length);
  return out;
}

function weightsOf(model: ModelWeights): number[] {
  return [...model.layers.flatMap((l) => [...l.weights, ...l.biases]), ...(model.shortcut ?? [])];
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, lossDiff(a[i], b[i]));
  return max;
}

function maxRelativeDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    max = Math.max(max, lossDiff(a[i], b[i]) / Math.max(1, Math.abs(a[i])));
  }
  return max;
}

function summary(result: TrainResult): EngineRun {
  return {
    epochsRun: result.epochsRun,
    stoppedBecause: result.stoppedBecause,
    finalLoss: result.finalLoss,
    usPerEpoch: result.timing.usPerEpoch,
  };
}

/** A number with enough digits to see where two losses part: 12 significant digits. */
function long(x: number): string {
  return Number.isFinite(x) ? x.toPrecision(12) : String(x);
}

/**
 * The report as text: the losses side by side, then one line per check with
 * PASS or FAIL, its value, its tolerance and the tolerance's reason.
 */
export function formatVerify(report: VerifyReport): string {
  const { config, manual, tfjs } = report;
  const lines = [
    `verify: manual (float64) vs tfjs (${report.backend}, float32), from the same initial weights`,
    `config: dataset=${config.dataset} hidden=${config.hidden.join(",") || "none"} ` +
    `activation=${config.activation}/${config.outputActivation} loss=${config.loss} ` +
    `optimizer=${config.optimizer} lr=${config.learningRate} epochs=${config.epochs} ` +
    `batch=${config.batchSize} seed=${config.seed} bias=${config.useBias ? "on" : "off"}` +
    (config.shortcut ? " shortcut=on" : ""),
    `manual: ${manual.epochsRun} epochs (${manual.stoppedBecause}), ` +
    `${formatNumber(manual.usPerEpoch)} µs/epoch; tfjs: ${tfjs.epochsRun} epochs ` +
    `(${tfjs.stoppedBecause}), ${formatNumber(tfjs.usPerEpoch)} µs/epoch`,
    `float32 sensitivity (manual float64 vs float32): loss ${
      formatNumber(report.sensitivity.loss)
    }, weights ${formatNumber(report.sensitivity.weights)}, outputs ${
      formatNumber(report.sensitivity.outputs)
    }`,
    "",
    `${"epoch".padStart(8)}  ${"manual loss".padEnd(18)}  ${"tfjs loss".padEnd(18)}  ` +
    `${"|Δ|".padEnd(10)}  tolerance`,
    ...report.losses.map((p) => {
      const ran = p.epoch <= manual.epochsRun && p.epoch <= tfjs.epochsRun;
      const cell = (x: number, runs: number) =>
        (p.epoch <= runs ? long(x) : "(stopped)").padEnd(18);
      return `${String(p.epoch).padStart(8)}  ${cell(p.manual, manual.epochsRun)}  ` +
        `${cell(p.tfjs, tfjs.epochsRun)}  ${(ran ? formatNumber(p.diff) : "").padEnd(10)}  ` +
        (ran ? formatNumber(p.tolerance) : "");
    }),
    "",
  ];
  const width = Math.max(...report.checks.map((c) => c.name.length));
  let lastReason = "";
  for (const c of report.checks) {
    lines.push(
      `${c.pass ? "PASS" : "FAIL"}  ${c.name.padEnd(width)}  ${formatNumber(c.value)} ` +
        `${c.pass ? "≤" : ">"} ${formatNumber(c.tolerance)}  ${c.detail}`,
    );
    // The gradient lines share one reason: state it once.
    if (c.reason !== lastReason) lines.push(`      ${"".padEnd(width)}  tolerance: ${c.reason}`);
    lastReason = c.reason;
  }
  const failed = report.checks.filter((c) => !c.pass);
  lines.push("");
  lines.push(
    failed.length === 0
      ? `verify: PASS (${report.checks.length} checks)`
      : `verify: FAIL (${failed.length} of ${report.checks.length} checks: ${
        failed.map((c) => c.name).join(", ")
      })`,
  );
  if (
    failed.length > 0 && failed.every((c) => c.name === "loss curve" || c.name.endsWith("(end)"))
  ) {
    lines.push(
      "note: the first-step gradients and the gradient check pass, so the derivatives agree. " +
        "A difference that appears only later in training can come from float32 rounding " +
        "flipping a relu unit at z ≈ 0, from Adam turning float32 noise in a near-zero " +
        "gradient into a full step (m̂/(√v̂ + ε) ≈ ±1 whatever |g|), or from a chaotic run; " +
        "try a smaller --lr, --activation tanh or --optimizer sgd to tell",
    );
  }
  return lines.join("\n");
}

/** The text `deno task verify --help` prints. */
export function verifyHelpText(): string {
  return [
    "Usage: deno task verify [train flags] [--backend cpu|wasm|tensorflow] [--json]",
    "",
    "Trains the config with the hand-written engine (float64) and with TF.js",
    "(float32) from the same initial weights, and checks that they agree: the loss",
    "at every epoch, the epochs run, the first step's gradients, the final weights",
    "and outputs, and the hand-written gradients against finite differences. Each",
    "line says PASS or FAIL, the tolerance and why. The tolerances widen with this",
    "run's own sensitivity to float32 (the hand-written engine run in float32 too).",
    "",
    "Takes every flag of `deno task train` (see `deno task train --help`) except",
    "--impl, --out, --boundary and --explain; --dtype is ignored (the reference is",
    "always float64). With --test-split both engines train on the same training rows.",
    "--plot FILE writes both engines' loss curves overlaid (SVG), pass or fail.",
    "",
    `Exit codes: ${EXIT.ok} all checks pass, ${EXIT.internal} internal error, ` +
    `${EXIT.usage} bad input, ${EXIT.disagree} a check failed.`,
  ].join("\n");
}

/** `deno task verify` with `argv`; returns the exit code (see `EXIT` of `@backprop/cli-kit`). */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const args = parseTrainArgs(argv);
    if (args.help) {
      console.log(verifyHelpText());
      return EXIT.ok;
    }
    if (args.version) {
      console.log(versionText("backprop verify", cliPackage));
      return EXIT.ok;
    }
    if (argv.some((a) => a === "--impl" || a.startsWith("--impl="))) {
      throw new UsageError("--impl: verify always compares manual and tfjs; use --backend");
    }
    if (args.out !== undefined) throw new UsageError("--out: verify writes no model");
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
    const { config, dataset, test, json, plot } = await planRun(args);
    const backend = parseBackend(args.backend ?? BACKEND_NAMES[0]) as Backend;
    await loadTfjsTrainer(backend); // a missing tfjs-node is bad input, reported before training
    const runs = await verifyRuns(config, dataset, backend, test ?? undefined);
    const { report } = runs;
    if (plot !== undefined) {
      await writeFileAtomic(plot, verifyPlot(config, dataset, runs.manual, runs.tfjs, backend));
    }
    console.log(json ? JSON.stringify(report) : formatVerify(report));
    if (plot !== undefined && !json) console.log(`loss curves saved to ${plot}`);
    return report.pass ? EXIT.ok : EXIT.disagree;
  } catch (err) {
    console.error(`error: ${errorMessage(err)}`);
    return err instanceof UsageError ? EXIT.usage : EXIT.internal;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
