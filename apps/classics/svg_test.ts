import assert from "node:assert/strict";
import { ecdfSvg, linePointsSvg, rateBarsSvg } from "./svg.ts";

// ---------------------------------------------------------------- statistics

Deno.test("charts: self-contained SVG with the published figure marked", () => {
  const ecdf = ecdfSvg([{ label: "a <b>", values: [300, 400, 900], runs: 4, bold: true }], {
    title: "XOR",
    marker: { value: 558, label: "RHW 1986: 558" },
    max: 20000,
  });
  assert.ok(ecdf.startsWith("<svg") && ecdf.endsWith("</svg>"));
  assert.ok(ecdf.includes("RHW 1986: 558"));
  assert.ok(ecdf.includes("a &#60;b&#62;"), "labels are escaped");
  const bars = rateBarsSvg(
    [{ label: "s", bars: [{ series: "η 0.25", rate: 5, low: 3, high: 8, color: "#000" }] }],
    { title: "t", band: { low: 0.2, high: 1, label: "published" } },
  );
  assert.ok(bars.includes("published"));
  const line = linePointsSvg(
    [{ label: "ours", color: "#00f", points: [{ x: 1, y: 500, low: 400, high: 700 }] }],
    [{ label: "Chauvin", color: "#000", a: 280, b: -33, dash: true }],
    { title: "c", xLabel: "H", yLabel: "sweeps", xs: [1, 2], xText: (x) => String(2 ** x) },
  );
  assert.ok(line.includes("Chauvin") && line.includes("stroke-dasharray"));
});

// ---------------------------------------------------------------- end to end
