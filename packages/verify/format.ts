/**
 * A {@linkcode VerifyReport} as text: one line per check (PASS/FAIL, value,
 * tolerance, the step), the kinks met, and the verdict.
 *
 * @module
 */

import type { VerifyReport } from "./verify.ts";

/** A number in 2 significant digits: `3.1e-16`, `0.25`, `0`, `NaN`. */
function num(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const abs = Math.abs(x);
  return abs < 1e-3 || abs >= 1e5 ? x.toExponential(1) : String(Number(x.toPrecision(2)));
}

/**
 * The report as text. The first line names the engine and what it was checked
 * against; a failing check says at which step it first went wrong.
 *
 * @example
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { formatReport, manualEngine, verifyEngine } from "@backprop/verify";
 * const config = resolveConfig({ preset: "seed", epochs: 20 });
 * const text = formatReport(await verifyEngine(config, loadDataset("xor"), manualEngine));
 * text.endsWith("checks)"); // true
 * ```
 */
export function formatReport(report: VerifyReport): string {
  const { config } = report;
  const lines = [
    `verify: ${report.engine} against the float64 oracle (jax-js, autodiff)` +
    (report.tfjs === null ? "" : ` and tfjs (${report.tfjs}, float32)`) +
    ", teacher-forced: each compared step starts from the engine's own weights",
    `config: dataset=${config.dataset} hidden=${config.hidden.join(",") || "none"} ` +
    `activation=${config.activation}/${config.outputActivation} loss=${config.loss} ` +
    `optimizer=${config.optimizer} lr=${config.learningRate} batch=${config.batchSize} ` +
    `seed=${config.seed} bias=${config.useBias ? "on" : "off"}` +
    (config.shortcut ? " shortcut=on" : ""),
    `steps: ${report.steps} (${report.epochs} epochs); rows and updates checked at every ` +
    `step, loss and gradients at steps ${report.sampled.join(", ")}`,
    "",
  ];
  const width = Math.max(...report.checks.map((c) => c.name.length));
  for (const c of report.checks) {
    const where = c.pass
      ? `worst at step ${c.worstStep} (${c.steps} steps compared)`
      : `first wrong at step ${c.firstFailure} (${c.failures} of ${c.steps} steps wrong)`;
    lines.push(
      `${c.pass ? "PASS" : "FAIL"}  ${c.name.padEnd(width)}  ${num(c.value)} ` +
        `${c.value <= c.tolerance ? "≤" : ">"} ${num(c.tolerance)}  ${where}` +
        (c.kinks > 0 ? `; ${c.kinks} kink step(s) reported` : ""),
    );
  }
  const reasons = new Map<string, string>();
  for (const c of report.checks) reasons.set(c.against, c.reason);
  lines.push("");
  for (const [against, reason] of reasons) lines.push(`tolerance (${against}): ${reason}`);
  for (const k of report.kinks) {
    lines.push(
      `kink: step ${k.step}, layer ${k.layer} unit ${k.unit} row ${k.row} has |z| ` +
        `${num(k.relative)} of its terms: ${k.against} ${k.checks.join(", ")} ` +
        "differ there (either slope is right), reported, not failed",
    );
  }
  if (report.diverged !== null) {
    lines.push(`diverged: from step ${report.diverged} the numbers are not finite; not compared`);
  }
  const failed = report.checks.filter((c) => !c.pass);
  const grads = report.checks.filter((c) => c.against === "oracle" && c.tensor !== undefined);
  const wrong = grads.filter((c) => !c.pass);
  lines.push("");
  lines.push(
    `grade: ${grads.length - wrong.length} of ${grads.length} gradient tensors right` +
      (wrong.length === 0
        ? ""
        : `; wrong: ${
          wrong.map((c) => `${c.tensor} from step ${c.firstFailure} (error ${num(c.value)})`)
            .join(", ")
        }`),
  );
  lines.push(
    failed.length === 0
      ? `verify: PASS (${report.checks.length} checks)`
      : `verify: FAIL (${failed.length} of ${report.checks.length} checks: ` +
        failed.map((c) => `${c.name} from step ${c.firstFailure}`).join(", ") + ")",
  );
  return lines.join("\n");
}
