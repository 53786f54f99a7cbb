import assert from "node:assert/strict";
import { histogramSvg, niceCeil } from "./histogram.ts";

Deno.test("niceCeil: the next 1, 2, 2.5 or 5 × 10^k", () => {
  assert.equal(niceCeil(3), 5);
  assert.equal(niceCeil(2.1), 2.5);
  assert.equal(niceCeil(1000), 1000);
  assert.equal(niceCeil(1001), 2000);
  assert.equal(niceCeil(0), 1);
});

Deno.test("histogramSvg: shares per bin, a legend with n, side by side", () => {
  const svg = histogramSvg(
    [
      { label: "manual", values: [1, 1, 1, 9], color: "#111111" },
      { label: "tfjs", values: [5], color: "#222222" },
    ],
    { title: "epochs", xLabel: "epochs to converge", bins: 10 },
  );
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(svg.includes("manual (n = 4)") && svg.includes("tfjs (n = 1)"));
  const heights = (color: string) =>
    [...svg.matchAll(new RegExp(`<rect [^>]*height="([\\d.]+)" fill="${color}"`, "g"))]
      .map((m) => Number(m[1]));
  // manual: 75 % in one bin and 25 % in another; tfjs 100 % in one (plus the legend squares).
  const manual = heights("#111111").filter((h) => h !== 12).sort((a, b) => a - b);
  assert.equal(manual.length, 2);
  assert.ok(Math.abs(manual[1] / manual[0] - 3) < 0.05, `${manual}`); // 0.1 px rounding
});

Deno.test("histogramSvg: round ticks written to their precision, one legend line per series", () => {
  const svg = histogramSvg(
    [
      { label: "manual (≤ 5000)", values: [3, 5, 8, 13, 21, 34, 55, 89, 90, 91, 92, 93] },
      { label: "tfjs-cpu (≤ 2000)", values: [4, 40, 60, 61] },
    ],
    { title: "epochs", xLabel: "epochs", bins: 20 },
  );
  assert.ok(svg.includes('role="img"') && /<desc>Histogram of epochs[^<]*n = 12/.test(svg));
  const texts = [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  // Whole epochs on x: 0, 20, … 100, never "20.0"; y in whole or half per cent steps.
  for (const t of ["0", "20", "40", "60", "80", "100"]) assert.ok(texts.includes(t), t);
  assert.ok(!texts.some((t) => /^\d+\.0$/.test(t)), texts.join("|"));
  const percents = texts.filter((t) => t.endsWith(" %")).map((t) => Number(t.slice(0, -2)));
  assert.ok(percents.length >= 3);
  const step = percents[1] - percents[0];
  assert.ok([1, 2, 5, 10, 20].includes(step), `${percents}`);
  // The two legend entries on two lines.
  const ys = ["manual (≤ 5000) (n = 12)", "tfjs-cpu (≤ 2000) (n = 4)"].map((label) =>
    Number(
      new RegExp(`<text [^>]*y="([\\d.]+)"[^>]*>${label.replace(/[()]/g, "\\$&")}`).exec(svg)![1],
    )
  );
  assert.ok(ys[1] - ys[0] >= 14, `${ys}`);
});
