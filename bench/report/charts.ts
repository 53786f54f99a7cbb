/**
 * The report's SVG charts, written beside `latest.md`.
 *
 * @module
 */

import { barChartSvg, engineColor, histogramSvg, lossAgreementSvg } from "@backprop/plot";
import { type BenchResults, duration, slug } from "./results.ts";

// ---------------------------------------------------------------- charts

/** Writes every chart into `dir` and returns their file names by purpose. */
export async function writeCharts(results: BenchResults, dir: string): Promise<string[]> {
  const written: string[] = [];
  const write = async (name: string, svg: string) => {
    await Deno.writeTextFile(`${dir}/${name}`, svg);
    written.push(name);
  };
  for (const c of results.convergence ?? []) {
    const curves = c.curves.filter((k) => k.losses.length > 0);
    if (curves.length > 0) {
      await write(
        `conv-${slug(c.name)}-loss.svg`,
        lossAgreementSvg(
          curves.map((k) => ({
            label: `${k.impl} (seed ${k.seed}, ≤ ${k.maxEpochs} epochs)`,
            name: k.impl,
            values: k.losses,
            every: k.every ?? 1,
            color: engineColor(k.impl),
          })),
          { title: `${c.name}: loss of seed ${curves[0].seed}, engines overlaid` },
        ),
      );
    }
    const samples = c.epochs.filter((e) => e.values.length > 0);
    if (samples.length > 0) {
      await write(
        `conv-${slug(c.name)}-epochs.svg`,
        histogramSvg(
          samples.map((e) => ({
            label: `${e.impl}, ≤ ${e.maxEpochs} epochs`,
            values: e.values,
            color: engineColor(e.impl),
          })),
          {
            title: `${c.name}: first epoch meeting the criterion (solved runs)`,
            xLabel: "first epoch meeting the criterion",
          },
        ),
      );
    }
  }
  for (const p of results.speed ?? []) {
    const bars = p.rowsOfEngines.map((r) => ({
      label: r.engine,
      value: r.usPerEpoch?.median ?? NaN,
      color: engineColor(r.engine),
      note: r.available ? undefined : "absent",
    }));
    // One unit for the whole axis, chosen by the longest bar: µs, ms or s.
    const longest = Math.max(0, ...bars.map((b) => b.value).filter(Number.isFinite));
    const [scale, unit] = longest >= 1e6 ? [1e6, "s"] : longest >= 1e3 ? [1e3, "ms"] : [1, "µs"];
    await write(
      `speed-${slug(p.name)}.svg`,
      barChartSvg(bars, {
        title: `${p.name}: time per epoch (median; shorter is faster)`,
        unit: `time per epoch (${unit})`,
        format: (us) => duration(us / 1000),
        // Round ticks in µs stay round in ms or s (a power of ten apart).
        tickText: (us) => String(Number((us / scale).toPrecision(12))),
      }),
    );
  }
  return written;
}
