import assert from "node:assert/strict";
import { lossAgreementSvg, lossGaps } from "./loss_agreement.ts";

Deno.test("lossGaps: |a − b| at the epochs both series have", () => {
  const gaps = lossGaps({ values: [0.5, 0.4, 0.3, 0.2, 0.1, 0.05], every: 2 }, {
    values: [0.45, 0.3, 0.25, 0.2],
    every: 3,
  });
  // Common epochs: 6 and 12 (lcm 6); a at epoch 6 is 0.3, at 12 is 0.05; b 0.3 and 0.2.
  assert.equal(gaps.every, 6);
  assert.equal(gaps.values.length, 2);
  assert.ok(Math.abs(gaps.values[0] - 0) < 1e-15 && Math.abs(gaps.values[1] - 0.15) < 1e-15);
  assert.deepEqual(lossGaps({ values: [1, 2] }, { values: [1, 2.5, 9] }).values, [0, 0.5]);
});

Deno.test("lossAgreementSvg: the curves, and under them the difference on a log scale", () => {
  const manual = Array.from({ length: 100 }, (_, i) => 0.25 * Math.exp(-i / 30));
  const tfjs = manual.map((v, i) => v + 1e-7 * (1 + i / 100));
  const svg = lossAgreementSvg(
    [
      { label: "manual (seed 0)", name: "manual", values: manual, color: "#0877bd" },
      { label: "tfjs-cpu (seed 0)", name: "tfjs-cpu", values: tfjs, color: "#f58a07" },
    ],
    { title: "XOR: loss" },
  );
  assert.ok(svg.startsWith("<svg") && svg.includes('role="img"'));
  assert.ok(svg.includes("<title>XOR: loss</title>"));
  const desc = /<desc>([^<]*)<\/desc>/.exec(svg)![1];
  // Largest gap 1e-7 · (1 + 99/100) = 1.99e-7, at the last epoch.
  assert.match(desc, /\|manual − tfjs-cpu\| at most 1\.99e−7/);
  // Two charts nested one above the other.
  assert.equal([...svg.matchAll(/<svg /g)].length, 3);
  assert.ok(svg.includes('<svg x="0" y="420" '));
  // One series alone: just its curve.
  assert.ok(!lossAgreementSvg([{ label: "a", values: manual }]).includes("how far apart"));
});

Deno.test("lossAgreementSvg: the two plot areas share their left edge", () => {
  const values = Array.from({ length: 50 }, (_, i) => 0.3 / (i + 1));
  const svg = lossAgreementSvg([
    { label: "a", values },
    { label: "b", values: values.map((v) => v * (1 + 1e-9)) },
  ]);
  // Each chart's axis path starts at its plot area's left edge: M<left>,<top>V…
  const lefts = [...svg.matchAll(/<path d="M([\d.]+),[\d.]+V/g)].map((m) => Number(m[1]));
  assert.equal(lefts.length, 2);
  assert.equal(lefts[0], lefts[1]);
});
