/**
 * The bench's terminal summary: convergence, speed and targets, each line at
 * most {@linkcode TERMINAL_WIDTH} columns, in plain words.
 *
 * @module
 */

import { withReference } from "../convergence/convergence.ts";
import { type BenchResults, duration, num } from "./results.ts";
import { showMeasured } from "./targets.ts";
import { epochText, type TimeToEvent } from "../harness/survival.ts";

/** The widest line the summary prints. */
export const TERMINAL_WIDTH = 100;

function width(text: string): number {
  return [...text].length;
}

/** Rows as aligned columns: the first two left-aligned, the others right-aligned. */
function columns(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => width(r[i] ?? ""))));
  return rows.map((r) =>
    r.map((cell, i) => {
      const pad = " ".repeat(widths[i] - width(cell));
      return i < 2 ? cell + pad : pad + cell;
    }).join("  ").trimEnd()
  );
}

/**
 * `text` broken at spaces into lines of at most `max` columns, every line after
 * the first starting with `indent`.
 */
export function wrap(text: string, max: number = TERMINAL_WIDTH, indent = "    "): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (width(next) > max && line.trim() !== "") {
      lines.push(line);
      line = indent + word;
    } else {
      line = next;
    }
  }
  lines.push(line);
  return lines;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(0)} %`;
}

function epochs(t: TimeToEvent): string {
  const q = (x: number | null) => (x === null ? `>${epochText(t.cap)}` : epochText(x));
  return `${q(t.median)} [${q(t.p10)}, ${q(t.p90)}]`;
}

/** The machine's load during the speed runs, in words, or null when unknown. */
export function loadWords(results: BenchResults): string | null {
  const seen = [results.load.beforeSpeed, results.load.afterSpeed].filter((l) => l !== null);
  if (seen.length === 0) return null;
  const peak = Math.max(...seen.map((l) => l![0]));
  return `the machine's load average (1 min) reached ${
    peak.toFixed(2)
  } on ${results.machine.cores} cores during the speed runs`;
}

function convergenceLines(results: BenchResults): string[] {
  const cases = results.convergence!;
  const s = results.settings;
  const out = wrap(
    `Convergence: does training solve each task, and after how many epochs? Success: ${
      s.criterion === "outputs"
        ? "every output within 0.5 of its target"
        : `the loss falls below ${s.criterion.slice(5)}`
    }. Epochs: median [10th, 90th percentile] over all runs, ">N" for runs not solved within ` +
      "their cap of N epochs.",
    TERMINAL_WIDTH,
    "",
  );
  const rows = [["task", "engine", "runs", "max epochs", "solved", "95 % interval", "epochs"]];
  for (const c of cases) {
    for (const e of withReference(c)) {
      rows.push([
        c.name,
        e === c.reference ? "manual, same runs" : e.impl,
        `${e.runs}`,
        `${e.maxEpochs}`,
        `${e.successes}`,
        `${percent(e.rate.low)}–${percent(e.rate.high)}`,
        epochs(e.times.first),
      ]);
    }
  }
  out.push(...columns(rows));
  if (cases.some((c) => c.reference !== null)) {
    out.push(
      ...wrap(
        '"manual, same runs": the hand-written engine on the seeds and under the cap of the ' +
          "TF.js row above it, the row to compare TF.js with.",
        TERMINAL_WIDTH,
        "",
      ),
    );
  }
  const agreements = cases.flatMap((c) =>
    c.agreement.map((a) =>
      `${c.name}, manual and ${a.impl}: same outcome on ${a.same} of ${a.seeds} seeds` +
      (a.differing.length ? ` (not on ${a.differing.slice(0, 6).join(", ")})` : "")
    )
  );
  out.push("", "Do the engines solve the same seeds?", ...agreements.flatMap((l) => wrap(l)));
  return out;
}

function speedLines(results: BenchResults): string[] {
  const out = ["Speed: time per epoch (median over repetitions, with their range)"];
  const rows = [["problem", "engine", "per epoch", "range", "to target", "GFLOP/s"]];
  for (const p of results.speed!) {
    for (const r of p.rowsOfEngines) {
      if (!r.available) {
        rows.push([p.name, r.engine, "not available", "", "", ""]);
        continue;
      }
      const u = r.usPerEpoch!;
      const t = r.timeToTarget;
      rows.push([
        p.name,
        r.engine,
        duration(u.median / 1000),
        `${duration(u.min / 1000)}–${duration(u.max / 1000)}`,
        t ? `${t.estimated ? "about " : ""}${duration(t.ms.median)}` : "–",
        num(r.gflops ?? NaN),
      ]);
    }
  }
  out.push(...columns(rows));
  if (results.peak) {
    out.push(
      `one core's measured peak for this kind of arithmetic: ${num(results.peak.best)} GFLOP/s`,
    );
  }
  return out;
}

function targetLines(results: BenchResults): string[] {
  const out = ["Targets (measured, not asserted)"];
  const load = loadWords(results);
  for (const t of results.targets) {
    const missed = t.status === "MISSED"
      ? `, while ${load ?? "the machine's load was not known"}`
      : "";
    out.push(
      ...wrap(`${t.status}: ${t.name}: wanted ${t.wanted}, measured ${showMeasured(t)}${missed}`),
    );
  }
  return out;
}

/**
 * The terminal summary of a run: convergence, speed and targets, every line at
 * most {@linkcode TERMINAL_WIDTH} columns.
 */
export function terminalReport(results: BenchResults): string {
  const parts: string[][] = [];
  if (results.convergence) parts.push(convergenceLines(results));
  if (results.speed) parts.push(speedLines(results));
  if (results.targets.length) parts.push(targetLines(results));
  return parts.map((p) => p.join("\n")).join("\n\n");
}
