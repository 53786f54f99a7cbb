/**
 * The terminal summary of a bench run: convergence, speed and targets tables.
 *
 * @module
 */

import { type BenchResults, duration, num, pct } from "./results.ts";
import { showMeasured } from "./targets.ts";

// ---------------------------------------------------------------- terminal

export function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? "")].length)));
  return rows.map((r) =>
    r.map((cell, i) => {
      const pad = widths[i] - [...cell].length;
      return i === 0 || i === 1 ? cell + " ".repeat(pad) : " ".repeat(pad) + cell;
    }).join("  ")
  ).join("\n");
}

/** The terminal summary: convergence, speed and targets tables. */
export function terminalReport(results: BenchResults): string {
  const out: string[] = [];
  if (results.convergence) {
    out.push(`Convergence (criterion ${results.settings.criterion})`);
    const rows = [["config", "engine", "solved", "95 % CI", "epochs med [p10,p90]", "final loss"]];
    for (const c of results.convergence) {
      for (const e of c.engines) {
        rows.push([
          c.name,
          `${e.impl}${e.impl === "tfjs-cpu" ? ` ≤${e.maxEpochs}` : ""}`,
          `${e.successes}/${e.runs}`,
          `${pct(e.rate.low)}–${pct(e.rate.high)}`,
          `${num(e.epochsToTarget.median)} [${num(e.epochsToTarget.p10)},${
            num(e.epochsToTarget.p90)
          }]`,
          num(e.finalLoss.median),
        ]);
      }
      for (const a of c.agreement) {
        rows.push([
          "",
          `agree w/ ${a.impl}`,
          `${a.same}/${a.seeds}`,
          "",
          a.differing.length ? `differ: ${a.differing.slice(0, 6).join(",")}` : "",
          "",
        ]);
      }
    }
    out.push(columns(rows), "");
  }
  if (results.speed) {
    out.push("Speed (µs per epoch, median of repetitions)");
    const rows = [["problem", "engine", "µs/epoch", "range", "to target", "GFLOP/s"]];
    for (const p of results.speed) {
      for (const r of p.rowsOfEngines) {
        if (!r.available) {
          rows.push([p.name, r.engine, "absent", "", "", ""]);
          continue;
        }
        const t = r.timeToTarget;
        rows.push([
          p.name,
          r.engine,
          num(r.usPerEpoch!.median),
          `${num(r.usPerEpoch!.min)}–${num(r.usPerEpoch!.max)}`,
          t ? `${t.estimated ? "≈" : ""}${duration(t.ms.median)}` : "–",
          num(r.gflops ?? NaN),
        ]);
      }
    }
    out.push(columns(rows));
    if (results.peak) out.push(`scalar peak (4-acc dot): ${num(results.peak.best)} GFLOP/s`);
    out.push("");
  }
  if (results.targets.length) {
    out.push("Targets");
    out.push(
      columns([
        ["status", "target", "wanted", "measured"],
        ...results.targets.map((t) => [
          t.status,
          t.name,
          t.wanted,
          showMeasured(t),
        ]),
      ]),
    );
  }
  return out.join("\n");
}
