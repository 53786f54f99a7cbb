/**
 * The report's SVG charts, written beside `latest.md`.
 *
 * @module
 */

import { barChartSvg, histogramSvg, lossCurveSvg, PALETTE } from "@backprop/plot";
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
        lossCurveSvg(
          curves.map((k, i) => ({
            label: `${k.impl} (seed ${k.seed}, ≤ ${k.maxEpochs} epochs)`,
            values: k.losses,
            every: k.every ?? 1,
            color: PALETTE[i],
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
          samples.map((e, i) => ({
            label: `${e.impl} ≤ ${e.maxEpochs}`,
            values: e.values,
            color: PALETTE[i],
          })),
          {
            title: `${c.name}: epochs to reach the criterion (successful seeds)`,
            xLabel: "epochs to target",
          },
        ),
      );
    }
  }
  for (const p of results.speed ?? []) {
    await write(
      `speed-${slug(p.name)}.svg`,
      barChartSvg(
        p.rowsOfEngines.map((r, i) => ({
          label: r.engine,
          value: r.usPerEpoch?.median ?? NaN,
          color: PALETTE[i % PALETTE.length],
          note: r.available ? undefined : "absent",
        })),
        {
          title: `${p.name}: time per epoch (median)`,
          unit: "time per epoch",
          format: (us) => duration(us / 1000),
        },
      ),
    );
  }
  return written;
}
