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
  assert.ok(svg.includes("manual (n=4)") && svg.includes("tfjs (n=1)"));
  const heights = (color: string) =>
    [...svg.matchAll(new RegExp(`<rect [^>]*height="([\\d.]+)" fill="${color}"`, "g"))]
      .map((m) => Number(m[1]));
  // manual: 75 % in one bin and 25 % in another; tfjs 100 % in one (plus the legend squares).
  const manual = heights("#111111").filter((h) => h !== 12).sort((a, b) => a - b);
  assert.equal(manual.length, 2);
  assert.ok(Math.abs(manual[1] / manual[0] - 3) < 0.05, `${manual}`); // 0.1 px rounding
});
