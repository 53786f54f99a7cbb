import assert from "node:assert/strict";
import { rateBarsSvg } from "./rate_bars.ts";

Deno.test("rateBarsSvg: one bar per rate, the published band labelled", () => {
  const svg = rateBarsSvg(
    [
      { label: "per sweep", bars: [{ series: "η 0.25", rate: 5, low: 3, high: 8, color: "#000" }] },
      {
        label: "per pattern",
        bars: [{ series: "η 0.25", rate: 2, low: 1, high: 4, color: "#000" }],
      },
    ],
    { title: "local minima", band: { low: 0.2, high: 1, label: "published" } },
  );
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(svg.includes("published"));
  assert.ok(svg.includes('role="img"') && /<desc>[^<]*per sweep: η 0.25 5 % \[3, 8\]/.test(svg));
  assert.ok(svg.includes("per sweep") && svg.includes("per pattern"));
  assert.equal(
    (svg.match(/<rect [^>]*fill="#000"\/>/g) ?? []).length,
    3,
    "two bars and the series' legend square (the band is translucent)",
  );
});
