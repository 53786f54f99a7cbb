import assert from "node:assert/strict";
import { ecdfSvg } from "./ecdf.ts";

Deno.test("ecdfSvg: self-contained SVG, labels escaped, the published figure marked", () => {
  const svg = ecdfSvg([{ label: "a <b>", values: [300, 400, 900], runs: 4, bold: true }], {
    title: "XOR",
    marker: { value: 558, label: "RHW 1986: 558" },
    max: 20000,
  });
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(svg.includes('role="img"') && svg.includes("a &lt;b&gt;, 3 of 4 runs solved"));
  assert.ok(svg.includes("RHW 1986: 558"));
  assert.ok(svg.includes("a &lt;b&gt;"), "labels are escaped");
  assert.ok(!svg.includes("a <b>"));
});

Deno.test("ecdfSvg: the step curve climbs one run at a time to solved / runs", () => {
  const svg = ecdfSvg([{ label: "s", values: [100, 1000], runs: 4, color: "#123456" }], {
    title: "t",
    marker: { value: 500, label: "m" },
    max: 10000,
  });
  const path = /<path d="([^"]+)"[^>]*stroke="#123456"/.exec(svg);
  assert.ok(path, "one path in the series' colour");
  // Two vertical steps (one per solved run), each a quarter of the height: 25 % and 50 %.
  const vs = [...path[1].matchAll(/V([\d.]+)/g)].map((m) => Number(m[1]));
  assert.equal(vs.length, 2);
  assert.ok(vs[0] > vs[1], "the curve rises (SVG y grows downwards)");
});
