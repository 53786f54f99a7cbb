import assert from "node:assert/strict";
import { chartOpen, frame, legend } from "./_chart.ts";

Deno.test("chartOpen: an SVG with an escaped title", () => {
  const parts = chartOpen(100, 50, "a & b", "bars < 3");
  assert.ok(parts[0].startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"'));
  assert.ok(parts[0].includes('role="img"'));
  assert.ok(parts.join("").includes("<title>a &amp; b</title>"));
  assert.ok(parts.join("").includes("<desc>bars &lt; 3</desc>"));
});

Deno.test("frame: linear and log scales map the domain onto the plot area", () => {
  const spec = { width: 400, height: 300, title: "t", desc: "d", xLabel: "x", yLabel: "y" };
  const lin = frame({
    ...spec,
    xDomain: [0, 10],
    yDomain: [0, 100],
    log: false,
    xTicks: [0, 5, 10],
    yTicks: [0, 50, 100],
  });
  assert.equal(lin.x(0), lin.left);
  assert.equal(lin.x(10), lin.right);
  assert.equal(lin.x(5), (lin.left + lin.right) / 2);
  assert.equal(lin.y(0), lin.bottom);
  assert.equal(lin.y(100), lin.top);
  const log = frame({
    ...spec,
    xDomain: [10, 1000],
    yDomain: [0, 1],
    log: true,
    xTicks: [10, 100, 1000],
    yTicks: [0, 1],
    yText: (v) => `${v * 100} %`,
  });
  assert.ok(log.parts.join("").includes(">100 %</text>"), "yText writes the y ticks");
  assert.ok(Math.abs(log.x(100) - (log.left + log.right) / 2) < 1e-9, "a decade is half the way");
  const before = log.parts.length;
  legend(log, [{ label: "<s>", color: "#123456", dash: true }]);
  const added = log.parts.slice(before).join("");
  assert.ok(added.includes("&lt;s&gt;") && added.includes('stroke-dasharray="6 4"'));
});
