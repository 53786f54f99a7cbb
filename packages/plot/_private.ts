// Shared internals of the plots: escaping, number formatting, ticks, colours, argument checks.

import type { Dataset, ModelWeights } from "@backprop/core";

/** The font stack of every SVG: system fonts only, nothing is fetched. */
export const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif";

/**
 * The colours of series, in order, for every chart: colour-blind-safe (after
 * Okabe & Ito), starting with the decision surface's blue and orange.
 */
export const PALETTE: readonly string[] = [
  "#0877bd",
  "#f58a07",
  "#009e73",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#666666",
];

/** Text colour, axis colour and grid colour shared by the SVG plots. */
export const INK = "#222";
export const AXIS = "#555";
export const GRID = "#e4e4e4";

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${ESCAPES[c]};`);
}

const ESCAPES: Record<string, string> = {
  "&": "amp",
  "<": "lt",
  ">": "gt",
  '"': "quot",
  "'": "apos",
};

/** A coordinate with at most `digits` decimals, never `-0`, never `NaN`. */
export function coord(value: number, digits = 1): string {
  if (!Number.isFinite(value)) throw new RangeError(`internal: coordinate ${value}`);
  const f = 10 ** digits;
  const r = Math.round(value * f) / f;
  return String(r === 0 ? 0 : r);
}

/** Typographic minus for labels. */
function minus(text: string): string {
  return text.replace(/^-/, "\u2212").replace(/e-/, "e\u2212");
}

/**
 * A tick label: plain decimals between 1e-4 and 1e6, else `1.5e−7`; float noise
 * such as 0.30000000000000004 is removed.
 */
export function formatTick(value: number): string {
  if (value === 0) return "0";
  const clean = Number(value.toPrecision(12));
  const a = Math.abs(clean);
  const text = a >= 1e-4 && a < 1e6 ? String(clean) : clean.toExponential().replace("e+", "e");
  return minus(text);
}

/** A whole count for an axis: 950, 5000, 20k, 1.5M. */
export function formatCount(value: number): string {
  const a = Math.abs(value);
  if (a >= 1e9) return formatTick(value / 1e9) + "G";
  if (a >= 1e6) return formatTick(value / 1e6) + "M";
  if (a >= 1e4) return formatTick(value / 1e3) + "k";
  return formatTick(value);
}

/** A value for reading (legend, descriptions): 4 significant digits. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  if (value === 0) return "0";
  const a = Math.abs(value);
  const text = a >= 1e-3 && a < 1e5
    ? String(Number(value.toPrecision(4)))
    : Number(value.toPrecision(3)).toExponential().replace("e+", "e");
  return minus(text);
}

/** Step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/**
 * Evenly spaced round ticks inside [min, max] (min < max), about `count`
 * intervals; with `integer`, only whole numbers. Always finite; never more than
 * a few dozen.
 */
export function linearTicks(min: number, max: number, count = 5, integer = false): number[] {
  let step = niceStep(max - min, count);
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  const ticks: number[] = [];
  if (!Number.isFinite(step) || !(last - first <= 50)) return ticks;
  for (let i = first; i <= last; i++) {
    const v = Number((i * step).toPrecision(12));
    if (Number.isFinite(v)) ticks.push(v);
  }
  return ticks;
}

/** 10^k as written (1e-3, not 0.0010000000000000002); 0 or ∞ outside the doubles. */
function power(m: number, k: number): number {
  return Number(`${m}e${k}`);
}

/**
 * Ticks for a log axis over [10^lo, 10^hi] (lo < hi, both finite, in log10
 * units): the powers of ten inside (every 2nd, 5th, 10th… when there are many),
 * else 1-2-5 multiples, else round linear ticks when the range is narrower than
 * a factor of 2. Every tick is finite and positive.
 */
export function logTicks(lo: number, hi: number): number[] {
  const inside = (v: number) =>
    v > 0 && Number.isFinite(v) && Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9;
  // Powers of ten whose exponent is a multiple of a round stride (1, 2, 5, 10, 20, …).
  const stride = hi - lo > 7 ? Math.max(1, niceStep(hi - lo, 5)) : 1;
  const decades: number[] = [];
  for (let k = Math.ceil(lo / stride) * stride; k <= hi + 1e-9; k += stride) {
    const v = power(1, k);
    if (inside(v)) decades.push(v);
  }
  if (decades.length >= 3) return decades;
  const multiples: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (const m of [1, 2, 5]) {
      const v = power(m, k);
      if (inside(v)) multiples.push(v);
    }
  }
  if (multiples.length >= 3) return multiples;
  return linearTicks(10 ** lo, 10 ** hi, 4).filter(inside);
}

/** The powers of ten times 2..9 inside [10^lo, 10^hi], for faint minor grid lines. */
export function logMinorTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (let m = 2; m <= 9; m++) {
      const v = power(m, k);
      const e = Math.log10(v);
      if (v > 0 && Number.isFinite(v) && e > lo && e < hi) out.push(v);
    }
  }
  return out;
}

/** Approximate rendered width of `text` at `fontSize` px in a sans-serif font. */
export function textWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    w += /[ilj.,:;'!|()[\]]/.test(ch) ? 0.3 : /[A-Z]|[mw@%]/.test(ch) ? 0.78 : 0.58;
  }
  return w * fontSize;
}

/** An RGB colour with channels 0..255. */
export type Rgb = readonly [number, number, number];

/** Class 0 / low output: Playground's orange. */
export const ORANGE: Rgb = [245, 147, 34];
/** Class 1 / high output: Playground's blue. */
export const BLUE: Rgb = [8, 119, 189];
const WHITE: Rgb = [255, 255, 255];

/** `#rrggbb` of a colour. */
export function hex(c: Rgb): string {
  return "#" + c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

/**
 * The diverging surface palette at t ∈ [0, 1]: orange at 0, white at 0.5, blue at 1,
 * reaching `strength` of the full colour at the ends (so full-colour points stand out).
 */
export function diverging(t: number, strength = 0.7): Rgb {
  const u = Math.min(1, Math.max(0, t));
  return u < 0.5
    ? mix(WHITE, ORANGE, (0.5 - u) * 2 * strength)
    : mix(WHITE, BLUE, (u - 0.5) * 2 * strength);
}

/**
 * Quantises t ∈ [0, 1] to the nearest of `levels` evenly spaced values
 * 0, 1/(levels − 1), …, 1 and returns its index (with `levels` odd, one of them
 * is exactly 0.5). Non-finite t gives −1.
 */
export function band(t: number, levels: number): number {
  if (!Number.isFinite(t)) return -1;
  const u = Math.min(1, Math.max(0, t));
  return Math.round(u * (levels - 1));
}

/** The value in [0, 1] of band `index` out of `levels`. */
export function bandCentre(index: number, levels: number): number {
  return levels === 1 ? 0.5 : index / (levels - 1);
}

/** Throws a RangeError unless `value` is an integer in [min, max]. */
export function checkInt(name: string, value: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name}: ${String(value)} is not allowed; expected an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** Throws a RangeError unless `value` is a finite number in [min, max]. */
export function checkNumber(name: string, value: number, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(
      `${name}: ${String(value)} is not allowed; expected a number from ${min} to ${max}`,
    );
  }
  return value;
}

/** Throws a TypeError unless `value` is a string. */
export function checkString(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw new TypeError(`${name}: ${String(value)} is not allowed; expected a string`);
  }
  return value;
}

/**
 * Throws a TypeError unless `value` looks like a CSS colour (`#hex`, a name, or
 * `rgb(…)`/`hsl(…)`), so that no markup can be smuggled into an attribute.
 */
export function checkColor(name: string, value: unknown): string {
  if (
    typeof value !== "string" ||
    !/^(#[0-9a-fA-F]{3,8}|[a-zA-Z]+|(rgb|hsl)a?\([0-9.,%\s]+\))$/.test(value)
  ) {
    throw new TypeError(
      `${name}: ${JSON.stringify(value)} is not allowed; expected a CSS colour like "#1f77b4"`,
    );
  }
  return value;
}

/** The opening of every SVG document produced here. */
export function svgOpen(width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT)}">`;
}

/**
 * Checks a model and its datasets for a 2-D picture; returns the output index.
 * Throws a RangeError naming `model`, `dataset`, `options.test` or `options.output`.
 */
export function checkPlane(
  fn: string,
  model: ModelWeights,
  dataset: Dataset,
  test: Dataset | undefined,
  output: number,
): number {
  const inputs = model?.layerSizes?.[0];
  if (inputs !== 2) {
    throw new RangeError(
      `model: takes ${
        String(inputs)
      } inputs; ${fn} draws the input plane, so it needs a 2-input model`,
    );
  }
  if (dataset?.inputSize !== 2) {
    throw new RangeError(
      `dataset: has ${String(dataset?.inputSize)} inputs; ${fn} needs a 2-input dataset`,
    );
  }
  if (test !== undefined && test.inputSize !== 2) {
    throw new RangeError(
      `options.test: has ${String(test.inputSize)} inputs; ${fn} needs a 2-input dataset`,
    );
  }
  const units = model.layerSizes[model.layerSizes.length - 1];
  return checkInt("options.output", output, 0, units - 1);
}

/**
 * The 0/1 class of every row of a dataset: its target in column `output` at or
 * above the middle of `outputRange`.
 */
export function classes(
  dataset: Dataset,
  output: number,
  outputRange: readonly [number, number],
): Uint8Array {
  const mid = (outputRange[0] + outputRange[1]) / 2;
  const k = dataset.outputSize;
  const col = Math.min(output, k - 1);
  const out = new Uint8Array(dataset.rows);
  for (let r = 0; r < dataset.rows; r++) out[r] = dataset.targets[r * k + col] >= mid ? 1 : 0;
  return out;
}

/** Resolves and checks `outputRange` (low output, high output). */
export function checkOutputRange(
  range: readonly [number, number] | undefined,
): readonly [number, number] {
  const r = range ?? [0, 1];
  if (
    !Array.isArray(r) || r.length !== 2 || !Number.isFinite(r[0]) || !Number.isFinite(r[1]) ||
    !(r[0] < r[1])
  ) {
    throw new RangeError(
      `options.outputRange: ${
        JSON.stringify(r)
      } is not allowed; expected [low, high] with low < high`,
    );
  }
  return [r[0], r[1]];
}

/**
 * Chooses at most `maxPoints` indices of `values` to draw, as runs of indices
 * with no invalid value between consecutive ones (each run is one polyline).
 * Short inputs keep every valid index. Longer ones are cut into buckets of
 * consecutive indices; each bucket keeps the index of its lowest and of its
 * highest valid value, so spikes survive; the first and last valid index are
 * always kept.
 */
export function downsample(
  values: ArrayLike<number>,
  maxPoints: number,
  valid: (v: number) => boolean,
): number[][] {
  const n = values.length;
  // bad[i]: invalid values among indices 0..i−1.
  const bad = new Uint32Array(n + 1);
  let firstValid = -1, lastValid = -1;
  for (let i = 0; i < n; i++) {
    const ok = valid(values[i]);
    bad[i + 1] = bad[i] + (ok ? 0 : 1);
    if (ok) {
      if (firstValid < 0) firstValid = i;
      lastValid = i;
    }
  }
  let picked: number[];
  if (n <= maxPoints) {
    picked = [];
    for (let i = 0; i < n; i++) if (valid(values[i])) picked.push(i);
  } else {
    const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2));
    picked = firstValid >= 0 ? [firstValid] : [];
    for (let b = 0; b < buckets; b++) {
      const start = Math.floor((b * n) / buckets);
      const end = Math.floor(((b + 1) * n) / buckets);
      let iMin = -1, iMax = -1;
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (!valid(v)) continue;
        if (iMin < 0 || v < values[iMin]) iMin = i;
        if (iMax < 0 || v > values[iMax]) iMax = i;
      }
      if (iMin < 0) continue;
      const a = Math.min(iMin, iMax), c = Math.max(iMin, iMax);
      if (a !== firstValid && a !== lastValid) picked.push(a);
      if (c !== a && c !== firstValid && c !== lastValid) picked.push(c);
    }
    if (lastValid >= 0 && lastValid !== firstValid) picked.push(lastValid);
  }
  const runs: number[][] = [];
  let run: number[] = [];
  for (const k of picked) {
    const prev = run[run.length - 1];
    if (run.length > 0 && bad[k] - bad[prev + 1] > 0) {
      runs.push(run);
      run = [];
    }
    run.push(k);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
