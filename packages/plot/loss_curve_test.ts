import assert from "node:assert/strict";
import { lossCurveSvg } from "./loss_curve.ts";
import { assertWellFormedSvg } from "./_testing.ts";

const decay = (n: number, scale = 0.25) =>
  Float64Array.from({ length: n }, (_, i) => scale * Math.exp(-i / (n / 5 + 1)) + 1e-4);

/** The `d` of each series path, in order. */
function seriesPaths(svg: string): string[] {
  return [...svg.matchAll(/<path class="series" d="([^"]*)"/g)].map((m) => m[1]);
}

/** Number of points (M and L commands) in a path. */
const points = (d: string) => (d.match(/[ML]/g) ?? []).length;

Deno.test("lossCurveSvg: a well-formed SVG with one path per series", () => {
  const svg = lossCurveSvg([
    { label: "train", values: decay(200) },
    { label: "test", values: decay(200, 0.3), color: "#d62728" },
    { label: "tfjs", values: Array.from(decay(200)) },
  ]);
  const tags = assertWellFormedSvg(svg);
  assert.equal(tags[0], "svg");
  assert.ok(tags.includes("title") && tags.includes("desc"), "accessible title and desc");
  const paths = seriesPaths(svg);
  assert.equal(paths.length, 3);
  for (const d of paths) assert.equal(points(d), 200);
  assert.ok(svg.includes('stroke="#d62728"'), "the series colour is used");
  assert.ok(svg.includes("log scale"), "log scale by default");
  assert.match(svg, /<title>Loss<\/title>/);
});

Deno.test("lossCurveSvg: labels and title are escaped", () => {
  const svg = lossCurveSvg([{ label: `a<b> & "c"`, values: [1, 0.5] }], { title: "x < y & z" });
  assertWellFormedSvg(svg);
  assert.ok(svg.includes("a&lt;b&gt; &amp; &quot;c&quot;"));
  assert.ok(svg.includes("<title>x &lt; y &amp; z</title>"));
  assert.ok(!svg.includes("a<b>"));
});

Deno.test("lossCurveSvg: thousands of epochs are downsampled, spikes kept", () => {
  const n = 50_000;
  const values = decay(n);
  values[31_234] = 5; // a spike far above the curve
  const svg = lossCurveSvg([{ label: "train", values }], { maxPoints: 800 });
  assertWellFormedSvg(svg);
  const [d] = seriesPaths(svg);
  assert.ok(points(d) <= 800, `${points(d)} points`);
  assert.ok(points(d) >= 700, `${points(d)} points`);
  // The spike is the highest point drawn: its y is the smallest in the path.
  const ys = [...d.matchAll(/[ML][\d.]+,([\d.]+)/g)].map((m) => Number(m[1]));
  const top = Math.min(...ys);
  assert.ok(ys.filter((y) => y === top).length === 1 && top < Math.min(...ys.slice(0, 5)));
  assert.ok(svg.length < 60_000, `${svg.length} bytes`);
});

Deno.test("lossCurveSvg: non-finite values leave gaps, never NaN in the SVG", () => {
  const values = [0.5, 0.4, NaN, 0.3, 0.2, Infinity, -Infinity, 0.1, 0.05];
  const svg = lossCurveSvg([{ label: "train", values }]);
  assertWellFormedSvg(svg); // also asserts no NaN / Infinity text
  const [d] = seriesPaths(svg);
  assert.equal((d.match(/M/g) ?? []).length, 3, "three runs");
  assert.equal(points(d), 6);
  assert.match(svg, /3 values not drawn/);
});

Deno.test("lossCurveSvg: a diverged run says so in the legend", () => {
  const svg = lossCurveSvg([{ label: "train", values: [0.3, 0.8, 4, NaN] }]);
  assertWellFormedSvg(svg);
  assert.match(svg, /train — diverged at epoch 4/);
});

Deno.test("lossCurveSvg: values near the ends of the doubles still draw", () => {
  const huge = [0.3, 1e10, 1e200, 1.7e308, Infinity];
  for (const logScale of [true, false]) {
    const svg = lossCurveSvg([{ label: "blow-up", values: huge }], { logScale });
    assertWellFormedSvg(svg);
    assert.equal(points(seriesPaths(svg)[0]), 4);
  }
  const tiny = lossCurveSvg([{ label: "tiny", values: [1, 1e-300, 5e-324] }]);
  assertWellFormedSvg(tiny);
  assert.equal(points(seriesPaths(tiny)[0]), 3);
});

Deno.test("lossCurveSvg: a single epoch is a dot, equal values a flat line", () => {
  const one = lossCurveSvg([{ label: "only", values: [0.25] }]);
  assertWellFormedSvg(one);
  assert.equal(seriesPaths(one)[0], "");
  assert.equal((one.match(/<circle /g) ?? []).length, 1);
  const flat = lossCurveSvg([{ label: "flat", values: new Float64Array(100).fill(0.125) }]);
  assertWellFormedSvg(flat);
  const ys = new Set([...seriesPaths(flat)[0].matchAll(/,([\d.]+)/g)].map((m) => m[1]));
  assert.equal(ys.size, 1, "one y for all points");
  const zero = lossCurveSvg([{ label: "zero", values: [0, 0, 0] }], { logScale: false });
  assertWellFormedSvg(zero);
});

Deno.test("lossCurveSvg: log scale falls back to linear without positive values", () => {
  const svg = lossCurveSvg([{ label: "r", values: [0, -1, -2] }]);
  assertWellFormedSvg(svg);
  assert.ok(!svg.includes("log scale"));
  assert.equal(points(seriesPaths(svg)[0]), 3);
  const log = lossCurveSvg([{ label: "r", values: [0, 1, 0.1] }]);
  assert.equal(points(seriesPaths(log)[0]), 2, "on a log axis 0 is not drawn");
});

Deno.test("lossCurveSvg: every spaces the points; all-NaN draws empty axes", () => {
  const svg = lossCurveSvg([
    { label: "train", values: decay(100) },
    { label: "test", values: decay(10), every: 10 },
  ]);
  const [train, test] = seriesPaths(svg);
  const lastX = (d: string) => Number(d.match(/([\d.]+),[\d.]+$/)![1]);
  assert.equal(lastX(train), lastX(test), "both end at epoch 100");
  const none = lossCurveSvg([{ label: "x", values: [NaN, NaN] }]);
  assertWellFormedSvg(none);
  assert.match(none, /no finite values/);
});

Deno.test("lossCurveSvg: the legend wraps rather than overflowing", () => {
  const series = Array.from({ length: 8 }, (_, i) => ({
    label: `a rather long series label ${i}`,
    values: decay(20, 0.1 * (i + 1)),
  }));
  const svg = lossCurveSvg(series, { width: 400 });
  assertWellFormedSvg(svg);
  const xs = [...svg.matchAll(/<text x="([\d.]+)" y="[\d.]+">a rather/g)].map((m) => Number(m[1]));
  assert.equal(xs.length, 8);
  assert.ok(Math.max(...xs) < 400 - 150, "every legend entry starts well inside the picture");
});

Deno.test("lossCurveSvg: a long title is shrunk, then cut, but kept whole in <title>", () => {
  const title = "A very long title that would not fit into a small chart at all, really not";
  const svg = lossCurveSvg([{ label: "a", values: [1, 0.5] }], { title, width: 300 });
  assertWellFormedSvg(svg);
  assert.ok(svg.includes(`<title>${title}</title>`));
  const shown = svg.match(/font-size="(\d+)" font-weight="600"[^>]*>([^<]*)</)!;
  assert.equal(shown[1], "11");
  assert.ok(shown[2].endsWith("…") && shown[2].length < title.length);
});

Deno.test("lossCurveSvg: bad arguments throw", () => {
  assert.throws(() => lossCurveSvg([]), RangeError);
  assert.throws(() => lossCurveSvg([{ label: "a", values: [1] }], { width: 10 }), RangeError);
  assert.throws(() => lossCurveSvg([{ label: "a", values: [1] }], { maxPoints: 2.5 }), RangeError);
  assert.throws(
    () => lossCurveSvg([{ label: "a", values: [1], color: `red"/><script>` }]),
    TypeError,
  );
  // deno-lint-ignore no-explicit-any
  assert.throws(() => lossCurveSvg([{ label: 3 as any, values: [1] }]), TypeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => lossCurveSvg([{ label: "a", values: 3 as any }]), TypeError);
});
