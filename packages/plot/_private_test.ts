import assert from "node:assert/strict";
import {
  band,
  bandCentre,
  checkColor,
  coord,
  diverging,
  downsample,
  escapeXml,
  formatCount,
  formatNumber,
  formatTick,
  linearTicks,
  logMinorTicks,
  logTicks,
} from "./_private.ts";

Deno.test("escapeXml escapes the five XML specials", () => {
  assert.equal(escapeXml(`a<b & "c" 'd'>`), "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;");
});

Deno.test("coord rounds and never writes -0 or NaN", () => {
  assert.equal(coord(1.26), "1.3");
  assert.equal(coord(-0.01), "0");
  assert.equal(coord(12.345, 2), "12.35");
  assert.throws(() => coord(NaN), RangeError);
});

Deno.test("formatTick removes float noise and uses exponents for extremes", () => {
  assert.equal(formatTick(0.1 + 0.2), "0.3");
  assert.equal(formatTick(2000), "2000");
  assert.equal(formatTick(1e-5), "1e\u22125");
  assert.equal(formatTick(-0.5), "\u22120.5");
  assert.equal(formatTick(0), "0");
  assert.equal(formatTick(1e7), "1e7");
});

Deno.test("formatCount abbreviates large counts", () => {
  assert.deepEqual([950, 5000, 20000, 150000, 1.5e6, 1e8].map(formatCount), [
    "950",
    "5000",
    "20k",
    "150k",
    "1.5M",
    "100M",
  ]);
});

Deno.test("formatNumber shows 4 significant digits", () => {
  assert.equal(formatNumber(0.0123456), "0.01235");
  assert.equal(formatNumber(0.000123456), "1.23e\u22124");
  assert.equal(formatNumber(NaN), "NaN");
  assert.equal(formatNumber(Infinity), "∞");
});

Deno.test("linearTicks gives round steps inside the range", () => {
  assert.deepEqual(linearTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(-0.15, 1.15, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(linearTicks(0, 10000, 5), [0, 2000, 4000, 6000, 8000, 10000]);
  assert.deepEqual(linearTicks(0, 2, 8, true), [0, 1, 2]);
});

Deno.test("logTicks: decades, then 1-2-5, then linear", () => {
  const l = Math.log10;
  assert.deepEqual(logTicks(l(0.0005), l(0.3)), [0.001, 0.01, 0.1]);
  assert.deepEqual(logTicks(l(0.015), l(0.3)), [0.02, 0.05, 0.1, 0.2]);
  const narrow = logTicks(l(0.2), l(0.3));
  assert.ok(narrow.length >= 2 && narrow.every((v) => v >= 0.2 && v <= 0.3), String(narrow));
  const wide = logTicks(-20, 0);
  assert.ok(wide.length <= 7 && wide.includes(1e-20), String(wide));
});

Deno.test("ticks stay finite at the ends of the doubles", () => {
  for (const ticks of [logTicks(-2, 308.5), logTicks(-325, -300), logMinorTicks(307, 308.6)]) {
    assert.ok(ticks.length > 0 && ticks.every((v) => v > 0 && Number.isFinite(v)), String(ticks));
  }
  assert.deepEqual(linearTicks(0, Number.MAX_VALUE, 5).every(Number.isFinite), true);
  assert.deepEqual(linearTicks(0, Infinity, 5), []);
});

Deno.test("downsample keeps short series whole and splits at invalid values", () => {
  const finite = (v: number) => Number.isFinite(v);
  assert.deepEqual(downsample([1, 2, 3], 10, finite), [[0, 1, 2]]);
  assert.deepEqual(downsample([1, NaN, 3, 4, Infinity], 10, finite), [[0], [2, 3]]);
  assert.deepEqual(downsample([], 10, finite), []);
});

Deno.test("downsample bounds the points and keeps spikes, ends and gaps", () => {
  const n = 100_000;
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = 1 / (1 + i);
  v[54_321] = 50; // a spike
  v[70_000] = NaN; // a gap
  const runs = downsample(v, 1000, Number.isFinite);
  const all = runs.flat();
  assert.ok(all.length <= 1000, `${all.length} points`);
  assert.ok(all.includes(54_321), "the spike is kept");
  assert.equal(all[0], 0);
  assert.equal(all[all.length - 1], n - 1);
  assert.equal(runs.length, 2, "the NaN splits the curve");
  assert.ok(runs[0][runs[0].length - 1] < 70_000 && runs[1][0] > 70_000);
  for (let i = 1; i < all.length; i++) assert.ok(all[i] > all[i - 1], "indices increase");
});

Deno.test("band and diverging: 0.5 is white, ends are orange and blue", () => {
  assert.equal(band(0.5, 31), 15);
  assert.equal(bandCentre(15, 31), 0.5);
  assert.equal(band(-3, 31), 0);
  assert.equal(band(7, 31), 30);
  assert.equal(band(NaN, 31), -1);
  assert.deepEqual(diverging(0.5), [255, 255, 255]);
  const [r0, , b0] = diverging(0);
  const [r1, , b1] = diverging(1);
  assert.ok(r0 > b0 && b1 > r1);
});

Deno.test("checkColor accepts CSS colours and rejects markup", () => {
  assert.equal(checkColor("c", "#1f77b4"), "#1f77b4");
  assert.equal(checkColor("c", "rgb(1, 2, 3)"), "rgb(1, 2, 3)");
  assert.equal(checkColor("c", "teal"), "teal");
  assert.throws(() => checkColor("c", `red" onload="x`), TypeError);
  assert.throws(() => checkColor("c", 3), TypeError);
});

Deno.test("logTicks: many decades step by a round number of decades", () => {
  assert.deepEqual(logTicks(-12.5, 302), [1, 1e50, 1e100, 1e150, 1e200, 1e250, 1e300]);
  assert.deepEqual(logTicks(-9.2, 0.1), [1e-8, 1e-6, 1e-4, 1e-2, 1]);
});
