import assert from "node:assert/strict";
import { barChartSvg } from "./bar_chart.ts";

Deno.test("barChartSvg: one bar per finite value, n/a for the others", () => {
  const svg = barChartSvg(
    [
      { label: "manual", value: 2, color: "#111111" },
      { label: "tfjs", value: 200, color: "#222222" },
      { label: "node", value: NaN, note: "not installed" },
    ],
    { title: "µs <per> epoch", unit: "µs", logScale: true },
  );
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(svg.includes("µs &lt;per&gt; epoch"), "the title is escaped");
  assert.ok(svg.includes("not installed"));
  const widths = ["#111111", "#222222"].map((c) =>
    Number(new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*fill="${c}"`).exec(svg)![1])
  );
  // Log axis over the decades 1 … 1000: 2 and 200 are two decades apart, a constant width.
  const decade = (widths[1] - widths[0]) / 2;
  assert.ok(Math.abs(widths[0] - decade * Math.log10(2)) < 0.2, `${widths}`); // 0.1 px rounding ×2
  assert.ok(svg.includes("(log scale)"));
});

Deno.test("barChartSvg: a linear axis starts at 0", () => {
  const svg = barChartSvg([{ label: "a", value: 5, color: "#333333" }], {
    title: "t",
    unit: "runs",
    logScale: false,
  });
  assert.ok(!svg.includes("(log scale)"));
  assert.ok(/<text [^>]*>0<\/text>/.test(svg), "a 0 tick");
});

Deno.test("barChartSvg: linear by default, bar length proportional to the value, round ticks", () => {
  const svg = barChartSvg(
    [
      { label: "a", value: 37, color: "#111111" },
      { label: "b", value: 74, color: "#222222" },
    ],
    { title: "t", unit: "µs per epoch" },
  );
  assert.ok(svg.includes('role="img"') && svg.includes("<desc>"));
  const width = (c: string) =>
    Number(new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*fill="${c}"`).exec(svg)![1]);
  // Twice the value, twice the length (0.1 px rounding on each).
  assert.ok(Math.abs(width("#222222") - 2 * width("#111111")) < 0.3);
  const ticks = [...svg.matchAll(/<text [^>]*text-anchor="middle" fill="#555">([^<]*)<\/text>/g)]
    .map((m) => m[1]);
  assert.deepEqual(ticks, ["0", "20", "40", "60", "80"]);
});
