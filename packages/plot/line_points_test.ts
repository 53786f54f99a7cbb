import assert from "node:assert/strict";
import { linePointsSvg } from "./line_points.ts";

Deno.test("linePointsSvg: points with whiskers and a dashed published line", () => {
  const svg = linePointsSvg(
    [{ label: "ours", color: "#00f", points: [{ x: 1, y: 500, low: 400, high: 700 }] }],
    [{ label: "Chauvin", color: "#000", a: 280, b: -33, dash: true }],
    { title: "c", xLabel: "H", yLabel: "sweeps", xs: [1, 2], xText: (x) => String(2 ** x) },
  );
  assert.ok(svg.startsWith("<svg") && svg.endsWith("</svg>"));
  assert.ok(svg.includes('role="img"') && /<desc>[^<]+<\/desc>/.test(svg));
  assert.ok(svg.includes("Chauvin") && svg.includes("stroke-dasharray"));
  assert.ok(svg.includes(">2<") && svg.includes(">4<"), "x ticks through xText");
});
