/// <reference lib="dom" />
/**
 * Canvas pictures of the page: loss curves, the difference panel, the decision
 * surface and one small surface per hidden unit. Colours: blue/orange
 * (distinguishable with every common colour-vision deficiency), the two loss
 * curves also told apart by a solid and a dashed line.
 *
 * @module
 */

import { type Dataset, type ModelWeights, predictFlat } from "@backprop/core";
import type { Bounds } from "@backprop/plot";

/** Blue: the hand-written engine, and output 1. */
export const BLUE = "#0877bd";
/** Orange: TF.js, and output 0. */
export const ORANGE = "#e8710a";
const GREEN = "#009e73";
// The surface palette: orange (0) through white to blue (1), as @backprop/plot draws it.
const LOW = [245, 147, 34];
const HIGH = [8, 119, 189];

/** A series of the loss chart. */
export interface Series {
  values: ArrayLike<number>;
  length: number;
  color: string;
  dash: number[];
}

// CSS widths of the canvases, read once (reading layout after DOM writes forces a reflow).
let widths = new WeakMap<HTMLCanvasElement, number>();

/** Forgets the canvases' CSS widths, so the next draw measures them again (after a resize). */
export function forgetSizes(): void {
  widths = new WeakMap();
}

/** Fits a canvas's backing store to its CSS size (× devicePixelRatio); returns the 2-D context. */
function context(
  canvas: HTMLCanvasElement,
): { ctx: CanvasRenderingContext2D; w: number; h: number } {
  const ratio = globalThis.devicePixelRatio || 1;
  let w = widths.get(canvas);
  if (w === undefined) {
    w = Math.max(100, Math.round(canvas.clientWidth || canvas.width));
    if (canvas.clientWidth > 0) widths.set(canvas, w);
  }
  const h = Math.round(
    w * (Number(canvas.getAttribute("height")) / Number(canvas.getAttribute("width"))),
  );
  const ctx = canvas.getContext("2d")!;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
    canvas.style.height = `${h}px`;
  }
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return { ctx, w, h };
}

/**
 * The lowest and highest value of each run of 2^k consecutive values of a
 * growing series, with at most `maxBuckets` runs: when the series outgrows
 * them, neighbouring runs merge and k grows by one. Each value is read once,
 * so drawing a long run costs the same every frame.
 *
 * @example
 * ```ts ignore
 * const e = new Envelope(2);
 * e.update([3, 1, 4, 1, 5], 5); // buckets of 4: [1, 4], [5, 5]
 * ```
 */
export class Envelope {
  /** Values per bucket: 2^k. */
  size = 1;
  /** Values read so far. */
  length = 0;
  /** Each bucket's lowest value. */
  min: number[] = [];
  /** Each bucket's highest value. */
  max: number[] = [];
  /** The lowest value above 0, and the highest finite one (for a log axis). */
  lowestPositive = Infinity;
  highest = -Infinity;
  readonly #maxBuckets: number;

  constructor(maxBuckets: number) {
    this.#maxBuckets = maxBuckets;
  }

  /** Reads values[length … n − 1]. */
  update(values: ArrayLike<number>, n: number): void {
    for (let i = this.length; i < n; i++) {
      const v = values[i];
      if (v > 0 && v < this.lowestPositive) this.lowestPositive = v;
      if (v > this.highest && v < Infinity) this.highest = v;
      const b = Math.floor(i / this.size);
      if (b === this.min.length) {
        if (b === this.#maxBuckets) {
          this.#merge();
          i--;
          continue;
        }
        this.min.push(v);
        this.max.push(v);
      } else {
        if (v < this.min[b]) this.min[b] = v;
        if (v > this.max[b]) this.max[b] = v;
      }
    }
    this.length = Math.max(this.length, n);
  }

  #merge(): void {
    const min: number[] = [], max: number[] = [];
    for (let j = 0; j < this.min.length; j += 2) {
      const last = j + 1 < this.min.length ? j + 1 : j;
      min.push(Math.min(this.min[j], this.min[last]));
      max.push(Math.max(this.max[j], this.max[last]));
    }
    this.min = min;
    this.max = max;
    this.size *= 2;
  }
}

const envelopes = new WeakMap<ArrayLike<number>, Envelope>();

function envelopeOf(s: Series): Envelope {
  let e = envelopes.get(s.values);
  if (e === undefined || e.length > s.length) {
    e = new Envelope(1024);
    envelopes.set(s.values, e);
  }
  e.update(s.values, s.length);
  return e;
}

/**
 * A log-scale chart of several series over epochs 1…n: each stretch of epochs
 * draws its lowest and highest value ({@linkcode Envelope}), so long runs stay
 * cheap and spikes stay visible.
 */
export function drawLogChart(canvas: HTMLCanvasElement, series: Series[], empty: string): void {
  const { ctx, w, h } = context(canvas);
  const left = 46, right = 8, top = 6, bottom = 20;
  const n = Math.max(0, ...series.map((s) => s.length));
  const shapes = series.map(envelopeOf);
  const lo = Math.min(...shapes.map((e) => e.lowestPositive));
  const hi = Math.max(...shapes.map((e) => e.highest));
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "#555";
  if (n === 0 || !(hi >= lo)) {
    ctx.fillText(empty, left, h / 2);
    return;
  }
  let d0 = Math.floor(Math.log10(lo)), d1 = Math.ceil(Math.log10(hi));
  if (d1 === d0) d1 = d0 + 1;
  if (d1 - d0 > 12) d0 = d1 - 12;
  const pw = w - left - right, ph = h - top - bottom;
  const y = (v: number) => top + ph * (1 - (Math.log10(Math.max(v, 10 ** d0)) - d0) / (d1 - d0));
  const x = (e: number) => left + (n <= 1 ? pw / 2 : (pw * (e - 1)) / (n - 1));
  ctx.strokeStyle = "#e8e8e8";
  ctx.lineWidth = 1;
  const step = Math.ceil((d1 - d0) / 6);
  for (let d = d0; d <= d1; d += step) {
    ctx.beginPath();
    ctx.moveTo(left, y(10 ** d));
    ctx.lineTo(w - right, y(10 ** d));
    ctx.stroke();
    ctx.fillText(`1e${d}`, 4, y(10 ** d) + 4);
  }
  ctx.fillText("epoch 1", left, h - 5);
  const endLabel = `${n}`;
  ctx.fillText(endLabel, w - right - ctx.measureText(endLabel).width, h - 5);
  series.forEach((s, index) => {
    const e = shapes[index];
    if (s.length === 0) return;
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dash);
    ctx.lineWidth = 1.6;
    ctx.beginPath();
    let started = false;
    for (let b = 0; b < e.min.length; b++) {
      const min = e.min[b], max = e.max[b];
      if (!(max > 0)) continue;
      const px = x(b * e.size + 1);
      if (!started) ctx.moveTo(px, y(max));
      else ctx.lineTo(px, y(max));
      if (min !== max) ctx.lineTo(px, y(min));
      started = true;
    }
    if (s.length === 1) ctx.arc(x(1), y(e.max[0]), 2, 0, 2 * Math.PI);
    ctx.stroke();
    ctx.setLineDash([]);
  });
}

/** The series style of the difference panel and its tolerance. */
export function diffSeries(differences: number[], tolerances: number[]): Series[] {
  return [
    { values: differences, length: differences.length, color: GREEN, dash: [] },
    { values: tolerances, length: tolerances.length, color: "#777", dash: [4, 3] },
  ];
}

/** The data's bounding box with a 15 % margin on each side (as `@backprop/plot`'s default). */
export function dataBounds(data: Dataset): Bounds {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let r = 0; r < data.rows; r++) {
    const a = data.inputs[r * data.inputSize], b = data.inputs[r * data.inputSize + 1];
    xMin = Math.min(xMin, a);
    xMax = Math.max(xMax, a);
    yMin = Math.min(yMin, b);
    yMax = Math.max(yMax, b);
  }
  const mx = 0.15 * ((xMax - xMin) || 1), my = 0.15 * ((yMax - yMin) || 1);
  return { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my };
}

/** The centres of a size × size grid over `bounds`, row 0 at the top: [size², 2]. */
export function gridInputs(bounds: Bounds, size: number): Float64Array {
  const out = new Float64Array(size * size * 2);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const i = (r * size + c) * 2;
      out[i] = bounds.xMin + ((c + 0.5) / size) * (bounds.xMax - bounds.xMin);
      out[i + 1] = bounds.yMax - ((r + 0.5) / size) * (bounds.yMax - bounds.yMin);
    }
  }
  return out;
}

/**
 * Every layer's outputs on the grid: entry l is [rows, units of layer l]. Each
 * layer is core's `predictFlat` of that one layer applied to the previous
 * layer's outputs (the output layer with a shortcut: of the whole network), so
 * the page draws exactly what the model computes, one pass per layer.
 */
export function layerOutputs(
  model: ModelWeights,
  grid: Float64Array,
  rows: number,
): Float64Array[] {
  const out: Float64Array[] = [];
  let x = grid;
  model.layers.forEach((layer, l) => {
    const last = l === model.layers.length - 1;
    x = last && model.shortcut !== undefined ? predictFlat(model, grid, rows) : predictFlat(
      {
        ...model,
        layers: [layer],
        layerSizes: [layer.inputs, layer.units],
        shortcut: undefined,
      },
      x,
      rows,
    );
    out.push(x);
  });
  return out;
}

function paint(
  canvas: HTMLCanvasElement,
  values: Float64Array,
  units: number,
  unit: number,
  size: number,
  lo: number,
  hi: number,
): void {
  if (canvas.width !== size) canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d")!;
  const image = ctx.createImageData(size, size);
  for (let p = 0; p < size * size; p++) {
    const v = values[p * units + unit];
    let t = (v - lo) / (hi - lo);
    t = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
    // t < 0.5: orange towards white; t > 0.5: white towards blue.
    const end = t < 0.5 ? LOW : HIGH;
    const k = Math.abs(t - 0.5) * 2 * 0.85;
    image.data[p * 4] = Math.round(255 + (end[0] - 255) * k);
    image.data[p * 4 + 1] = Math.round(255 + (end[1] - 255) * k);
    image.data[p * 4 + 2] = Math.round(255 + (end[2] - 255) * k);
    image.data[p * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** The range a unit's activation is drawn over. */
function range(activation: string, values: Float64Array): [number, number] {
  if (activation === "tanh") return [-1, 1];
  if (activation === "sigmoid") return [0, 1];
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return hi > lo ? [lo, hi] : [lo - 1, lo + 1];
}

/** The decision surface with the data points on top (orange: class 0, blue: class 1). */
export function drawSurface(
  canvas: HTMLCanvasElement,
  outputs: Float64Array,
  size: number,
  bounds: Bounds,
  data: Dataset,
  outputRange: [number, number],
): void {
  const grid = document.createElement("canvas");
  paint(grid, outputs, data.outputSize, 0, size, outputRange[0], outputRange[1]);
  const { ctx, w, h } = context(canvas);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, 0, 0, w, h);
  const middle = (outputRange[0] + outputRange[1]) / 2;
  const radius = data.rows > 300 ? 2.5 : data.rows > 50 ? 3.5 : 6;
  // One path per class: two fills and two strokes, however many points.
  for (const high of [false, true]) {
    ctx.beginPath();
    for (let r = 0; r < data.rows; r++) {
      if ((data.targets[r * data.outputSize] >= middle) !== high) continue;
      const a = data.inputs[r * data.inputSize], b = data.inputs[r * data.inputSize + 1];
      const px = ((a - bounds.xMin) / (bounds.xMax - bounds.xMin)) * w;
      const py = ((bounds.yMax - b) / (bounds.yMax - bounds.yMin)) * h;
      ctx.moveTo(px + radius, py);
      ctx.arc(px, py, radius, 0, 2 * Math.PI);
    }
    ctx.fillStyle = high ? BLUE : ORANGE;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#1b1b1b";
    ctx.stroke();
  }
}

/** One small canvas per hidden unit, a row of them per hidden layer. */
export function drawUnits(
  container: HTMLElement,
  model: ModelWeights,
  layers: Float64Array[],
  size: number,
): void {
  const hidden = model.layers.slice(0, -1);
  const shape = hidden.map((l) => l.units).join(",");
  if (container.dataset.shape !== shape) {
    container.dataset.shape = shape;
    container.replaceChildren(...hidden.map((layer, l) => {
      const div = document.createElement("div");
      div.className = "layer";
      div.setAttribute("aria-label", `hidden layer ${l + 1}`);
      for (let j = 0; j < Math.min(layer.units, 64); j++) {
        const c = document.createElement("canvas");
        c.title = `layer ${l + 1}, unit ${j + 1} (${layer.activation})`;
        c.setAttribute("role", "img");
        c.setAttribute("aria-label", c.title);
        div.append(c);
      }
      return div;
    }));
  }
  hidden.forEach((layer, l) => {
    const [lo, hi] = range(layer.activation, layers[l]);
    const canvases = container.children[l].children;
    for (let j = 0; j < canvases.length; j++) {
      paint(canvases[j] as HTMLCanvasElement, layers[l], layer.units, j, size, lo, hi);
    }
  });
}
