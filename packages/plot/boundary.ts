/**
 * The decision surface of a 2-input model as a self-contained SVG heat map,
 * with the 0.5 contour, the data points and a colour bar — the picture
 * TensorFlow Playground shows.
 *
 * @module
 */

import { type Dataset, type ModelWeights, predictFlat } from "@backprop/core";
import {
  AXIS,
  band,
  bandCentre,
  BLUE,
  checkInt,
  checkOutputRange,
  checkString,
  classes,
  coord,
  diverging,
  escapeXml,
  formatNumber,
  formatTick,
  hex,
  INK,
  linearTicks,
  ORANGE,
  svgOpen,
  textWidth,
} from "./_private.ts";
import { type Bounds, decisionSurface, type SurfaceOptions } from "./surface.ts";

/**
 * Options of {@linkcode boundarySvg}; the grid options come from
 * {@linkcode SurfaceOptions}. Every field is optional.
 *
 * @example Targets of −1 and 1, a coarser palette, no contour
 * ```ts
 * import type { BoundaryOptions } from "@backprop/plot";
 * const options: BoundaryOptions = { outputRange: [-1, 1], levels: 15, contour: false };
 * ```
 */
export interface BoundaryOptions extends SurfaceOptions {
  /**
   * Title at the top, and the SVG's `<title>`.
   * @default {"Decision surface (<dataset name>)"}
   */
  title?: string;
  /**
   * Side of the plot area in pixels, 100 to 2000; rounded so that every grid
   * cell is a whole number of pixels.
   * @default {400}
   */
  size?: number;
  /**
   * The outputs shown as the two ends of the palette: [low, high]. Low is
   * orange, high is blue, the middle is white; outputs beyond are clamped. A
   * point's class is 1 when its target is at or above the middle.
   * @default {[0, 1]}
   */
  outputRange?: readonly [number, number];
  /**
   * Colour steps of the heat map, odd, 3 to 255. Neighbouring cells of the same
   * step share one shape, so fewer steps give a smaller file.
   * @default {31}
   */
  levels?: number;
  /**
   * Draw the contour where the output crosses the middle of `outputRange`.
   * @default {true}
   */
  contour?: boolean;
  /**
   * Names of class 0 and class 1 in the legend.
   * @default {["class 0", "class 1"]}
   */
  classLabels?: readonly [string, string];
  /**
   * Label of the x axis (input 0).
   * @default {"x₁"}
   */
  xLabel?: string;
  /**
   * Label of the y axis (input 1).
   * @default {"x₂"}
   */
  yLabel?: string;
}

const DARK = "#1b1b1b";
const NON_FINITE = "#9a9a9a";

/**
 * Draws a 2-input model's decision surface as a self-contained SVG string: a
 * heat map of its output over the data's box plus a margin (orange = low,
 * white = middle, blue = high, like TensorFlow Playground), the contour at the
 * middle output, the training points as circles with a white rim and the
 * `test` points as diamonds with a dark rim, both filled by class, axis ticks,
 * a colour bar and a legend. The grid is evaluated with one `predictFlat` call.
 *
 * File size: the heat map is vector, not an embedded image. Outputs are
 * quantised to `levels` colours and each row's runs of equal colour become one
 * rectangle, all rectangles of a colour joined into a single `<path>`; cells
 * are whole pixels with `shape-rendering="crispEdges"`, so no seams show. A
 * typical 100 × 100 surface takes 20–80 kB.
 *
 * Throws a RangeError naming `model` if the model does not take 2 inputs,
 * `dataset` (or `options.test`) if the data does not have 2 inputs, or the
 * option at fault.
 *
 * @example A hand-made model whose output rises from left to right
 * ```ts
 * import { datasetFromRows, type ModelWeights } from "@backprop/core";
 * import { boundarySvg } from "@backprop/plot";
 *
 * const model: ModelWeights = {
 *   format: "backprop-model", version: 1, layerSizes: [2, 1], useBias: false,
 *   layers: [{ inputs: 2, units: 1, activation: "sigmoid", weights: [10, 0], biases: [0] }],
 * };
 * const data = datasetFromRows("halves", [[-1, 0], [-0.5, 1], [0.5, -1], [1, 0]], [[0], [0], [1], [1]]);
 * const svg = boundarySvg(model, data, { title: "sigmoid(10·x₁)" });
 * svg.includes("<circle"); // true
 * ```
 */
export function boundarySvg(
  model: ModelWeights,
  dataset: Dataset,
  options: BoundaryOptions = {},
): string {
  const surface = decisionSurface(model, dataset, options);
  const { cols, rows, values, bounds } = surface;
  const output = options.output ?? 0;
  const test = options.test;
  const defaultTitle = dataset.name ? `Decision surface (${dataset.name})` : "Decision surface";
  const title = checkString("options.title", options.title ?? defaultTitle);
  const size = checkInt("options.size", options.size ?? 400, 100, 2000);
  const range = checkOutputRange(options.outputRange);
  const levels = checkInt("options.levels", options.levels ?? 31, 3, 255);
  if (levels % 2 === 0) {
    throw new RangeError(`options.levels: ${levels} is not allowed; expected an odd number`);
  }
  const contour = options.contour ?? true;
  const classLabels = options.classLabels ?? ["class 0", "class 1"];
  checkString("options.classLabels[0]", classLabels[0]);
  checkString("options.classLabels[1]", classLabels[1]);
  const xLabel = checkString("options.xLabel", options.xLabel ?? "x₁");
  const yLabel = checkString("options.yLabel", options.yLabel ?? "x₂");

  const cellW = Math.max(1, Math.round(size / cols));
  const cellH = Math.max(1, Math.round(size / rows));
  const plotW = cellW * cols, plotH = cellH * rows;
  const tickX = linearTicks(
    bounds.xMin,
    bounds.xMax,
    Math.max(2, Math.min(5, Math.floor(plotW / 60))),
  );
  const tickY = linearTicks(
    bounds.yMin,
    bounds.yMax,
    Math.max(2, Math.min(5, Math.floor(plotH / 50))),
  );
  const yTickWidth = Math.max(0, ...tickY.map((v) => textWidth(formatTick(v), 11)));
  const left = Math.ceil(22 + 10 + yTickWidth + 8);
  const top = 46;
  const barX = left + plotW + 22;
  const barLabels = [range[0], (range[0] + range[1]) / 2, range[1]].map(formatTick);
  const barLabelWidth = Math.max(
    textWidth("output", 11),
    ...barLabels.map((t) => textWidth(t, 11) + 20),
  );
  // Wide enough for the colour bar's labels and for the title (bold: ~8 % wider).
  const width = Math.ceil(
    Math.max(barX + 14 + barLabelWidth + 12, left + textWidth(title, 16) * 1.08 + 12),
  );

  // Legend entries, wrapped under the x axis label.
  const legend: { marker: string; text: string }[] = [
    { marker: "circle0", text: classLabels[0] },
    { marker: "circle1", text: classLabels[1] },
  ];
  if (test !== undefined) legend.push({ marker: "diamond", text: "test points" });
  if (contour) legend.push({ marker: "line", text: `output = ${barLabels[1]}` });
  const itemWidths = legend.map((l) => 18 + textWidth(l.text, 12) + 18);
  const legendRows: number[][] = [[]];
  let rowWidth = 0;
  itemWidths.forEach((w, i) => {
    if (rowWidth > 0 && rowWidth + w > width - left - 10) {
      legendRows.push([]);
      rowWidth = 0;
    }
    legendRows[legendRows.length - 1].push(i);
    rowWidth += w;
  });
  const legendTop = top + plotH + 56;
  const height = legendTop + legendRows.length * 20;

  const px = (x: number) => left + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * plotW;
  const py = (y: number) => top + plotH - ((y - bounds.yMin) / (bounds.yMax - bounds.yMin)) * plotH;
  const norm = (v: number) => (v - range[0]) / (range[1] - range[0]);

  const out: string[] = [svgOpen(width, height)];
  out.push(`<title>${escapeXml(title)}</title>`);
  out.push(
    `<desc>${
      escapeXml(describe(model, dataset, test, output, range, bounds, xLabel, yLabel))
    }</desc>`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);

  // Heat map: per colour step, one path of the row runs of that step.
  const runs = new Map<number, string[]>();
  for (let r = 0; r < rows; r++) {
    let c = 0;
    while (c < cols) {
      const b = band(norm(values[r * cols + c]), levels);
      let e = c + 1;
      while (e < cols && band(norm(values[r * cols + e]), levels) === b) e++;
      let list = runs.get(b);
      if (list === undefined) runs.set(b, list = []);
      list.push(
        `M${left + c * cellW},${top + r * cellH}h${(e - c) * cellW}v${cellH}h-${(e - c) * cellW}z`,
      );
      c = e;
    }
  }
  out.push(`<g shape-rendering="crispEdges">`);
  for (const [b, list] of [...runs].sort((p, q) => p[0] - q[0])) {
    const fill = b < 0 ? NON_FINITE : hex(diverging(bandCentre(b, levels)));
    out.push(`<path class="cells" fill="${fill}" d="${list.join("")}"/>`);
  }
  out.push(`</g>`);

  // Contour at the middle output, by marching squares over the cell centres.
  if (contour) {
    const d = marchingSquares(
      values,
      cols,
      rows,
      (range[0] + range[1]) / 2,
      (c) => left + (c + 0.5) * cellW,
      (r) => top + (r + 0.5) * cellH,
    );
    if (d !== "") {
      out.push(
        `<path class="contour" d="${d}" fill="none" stroke="${DARK}" stroke-width="1.5" stroke-opacity="0.8" stroke-linecap="round"/>`,
      );
    }
  }

  // Frame, ticks, tick labels, axis labels.
  out.push(
    `<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="${AXIS}" shape-rendering="crispEdges"/>`,
  );
  const ticks: string[] = [];
  for (const v of tickX) ticks.push(`M${coord(px(v))},${top + plotH}v5`);
  for (const v of tickY) ticks.push(`M${left},${coord(py(v))}h-5`);
  out.push(`<path d="${ticks.join("")}" stroke="${AXIS}" fill="none"/>`);
  out.push(`<g font-size="11" fill="${AXIS}">`);
  for (const v of tickX) {
    out.push(
      `<text x="${coord(px(v))}" y="${top + plotH + 18}" text-anchor="middle">${
        escapeXml(formatTick(v))
      }</text>`,
    );
  }
  for (const v of tickY) {
    out.push(
      `<text x="${left - 8}" y="${coord(py(v) + 4)}" text-anchor="end">${
        escapeXml(formatTick(v))
      }</text>`,
    );
  }
  out.push(`</g>`);
  out.push(
    `<text x="${coord(left + plotW / 2)}" y="${
      top + plotH + 38
    }" font-size="13" text-anchor="middle" fill="${INK}">${escapeXml(xLabel)}</text>`,
  );
  out.push(
    `<text transform="translate(16 ${
      coord(top + plotH / 2)
    }) rotate(-90)" font-size="13" text-anchor="middle" fill="${INK}">${escapeXml(yLabel)}</text>`,
  );

  // Points: training circles (white rim), test diamonds (dark rim), filled by class.
  out.push(...points(dataset, output, range, px, py, "circle"));
  if (test !== undefined) out.push(...points(test, output, range, px, py, "diamond"));

  // Colour bar.
  const steps: string[] = [];
  for (let b = 0; b < levels; b++) {
    const y0 = top + plotH - ((b + 1) / levels) * plotH, h = plotH / levels;
    steps.push(
      `<rect x="${barX}" y="${coord(y0, 2)}" width="14" height="${coord(h + 0.5, 2)}" fill="${
        hex(diverging(bandCentre(b, levels)))
      }"/>`,
    );
  }
  out.push(`<g shape-rendering="crispEdges">${steps.join("")}</g>`);
  out.push(
    `<rect x="${barX}" y="${top}" width="14" height="${plotH}" fill="none" stroke="${AXIS}" shape-rendering="crispEdges"/>`,
  );
  out.push(`<g font-size="11" fill="${AXIS}">`);
  out.push(`<text x="${barX}" y="${top - 8}" fill="${INK}">output</text>`);
  [top + plotH, top + plotH / 2, top].forEach((y, i) => {
    out.push(`<path d="M${barX + 14},${coord(y)}h4" stroke="${AXIS}"/>`);
    out.push(`<text x="${barX + 22}" y="${coord(y + 4)}">${escapeXml(barLabels[i])}</text>`);
  });
  out.push(`</g>`);
  if (contour) {
    out.push(
      `<path d="M${barX - 3},${coord(top + plotH / 2)}h20" stroke="${DARK}" stroke-width="1.5"/>`,
    );
  }

  // Title and legend.
  out.push(
    `<text x="${left}" y="24" font-size="16" font-weight="600" fill="${INK}">${
      escapeXml(title)
    }</text>`,
  );
  out.push(`<g font-size="12" fill="${INK}">`);
  legendRows.forEach((row, r) => {
    let x = left;
    const y = legendTop + r * 20;
    for (const i of row) {
      const item = legend[i];
      const cx = x + 7, cy = y - 4;
      if (item.marker === "circle0" || item.marker === "circle1") {
        const fill = hex(item.marker === "circle0" ? ORANGE : BLUE);
        out.push(
          `<circle cx="${cx}" cy="${cy}" r="5" fill="${fill}" stroke="${DARK}" stroke-width="0.75"/>`,
        );
      } else if (item.marker === "diamond") {
        out.push(
          `<path d="${diamond(cx, cy, 6)}" fill="#bdbdbd" stroke="${DARK}" stroke-width="1.5"/>`,
        );
      } else {
        out.push(`<path d="M${x},${cy}h14" stroke="${DARK}" stroke-width="1.5"/>`);
      }
      out.push(`<text x="${x + 18}" y="${y}">${escapeXml(item.text)}</text>`);
      x += itemWidths[i];
    }
  });
  out.push(`</g>`);
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

function diamond(cx: number, cy: number, r: number): string {
  return `M${coord(cx)},${coord(cy - r)}l${r},${r}l-${r},${r}l-${r},-${r}z`;
}

function points(
  data: Dataset,
  output: number,
  range: readonly [number, number],
  px: (x: number) => number,
  py: (y: number) => number,
  marker: "circle" | "diamond",
): string[] {
  const cls = classes(data, output, range);
  const out: string[] = [];
  for (const k of [0, 1]) {
    const shapes: string[] = [];
    for (let r = 0; r < data.rows; r++) {
      if (cls[r] !== k) continue;
      const x = data.inputs[r * 2], y = data.inputs[r * 2 + 1];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      shapes.push(
        marker === "circle"
          ? `<circle cx="${coord(px(x))}" cy="${coord(py(y))}" r="5"/>`
          : `<path d="${diamond(px(x), py(y), 6)}"/>`,
      );
    }
    if (shapes.length === 0) continue;
    const fill = hex(k === 0 ? ORANGE : BLUE);
    const stroke = marker === "circle" ? "#fff" : DARK;
    out.push(
      `<g class="${
        marker === "circle" ? "train" : "test"
      }-points" fill="${fill}" stroke="${stroke}" stroke-width="1.5">${shapes.join("")}</g>`,
    );
  }
  return out;
}

/**
 * Segments where the grid crosses `level`, as SVG path data; saddles are
 * resolved by the average of the four corners.
 */
function marchingSquares(
  values: Float64Array,
  cols: number,
  rows: number,
  level: number,
  xOf: (c: number) => number,
  yOf: (r: number) => number,
): string {
  const d: string[] = [];
  const cross = (a: number, b: number) => (level - a) / (b - a);
  for (let r = 0; r + 1 < rows; r++) {
    for (let c = 0; c + 1 < cols; c++) {
      const tl = values[r * cols + c], tr = values[r * cols + c + 1];
      const bl = values[(r + 1) * cols + c], br = values[(r + 1) * cols + c + 1];
      if (
        !(Number.isFinite(tl) && Number.isFinite(tr) && Number.isFinite(bl) && Number.isFinite(br))
      ) continue;
      const hTl = tl >= level, hTr = tr >= level, hBl = bl >= level, hBr = br >= level;
      const pts: Record<string, [number, number]> = {};
      if (hTl !== hTr) pts.top = [c + cross(tl, tr), r];
      if (hTr !== hBr) pts.right = [c + 1, r + cross(tr, br)];
      if (hBl !== hBr) pts.bottom = [c + cross(bl, br), r + 1];
      if (hTl !== hBl) pts.left = [c, r + cross(tl, bl)];
      const keys = Object.keys(pts);
      const seg = (a: string, b: string) => {
        const [c0, r0] = pts[a], [c1, r1] = pts[b];
        d.push(`M${coord(xOf(c0))},${coord(yOf(r0))}L${coord(xOf(c1))},${coord(yOf(r1))}`);
      };
      if (keys.length === 2) seg(keys[0], keys[1]);
      else if (keys.length === 4) {
        const centreHigh = (tl + tr + bl + br) / 4 >= level;
        // The two corners whose side differs from the centre's are cut off on their own.
        if (hTl !== centreHigh) {
          seg("top", "left");
          seg("right", "bottom");
        } else {
          seg("top", "right");
          seg("left", "bottom");
        }
      }
    }
  }
  return d.join("");
}

function describe(
  model: ModelWeights,
  dataset: Dataset,
  test: Dataset | undefined,
  output: number,
  range: readonly [number, number],
  b: Bounds,
  xLabel: string,
  yLabel: string,
): string {
  const mid = (range[0] + range[1]) / 2;
  const score = (data: Dataset, name: string) => {
    const predicted = predictFlat(model, data.inputs, data.rows);
    const units = model.layerSizes[model.layerSizes.length - 1];
    const cls = classes(data, output, range);
    let right = 0;
    for (let r = 0; r < data.rows; r++) {
      if ((predicted[r * units + output] >= mid ? 1 : 0) === cls[r]) right++;
    }
    return `${data.rows} ${name} points, ${right} on the correct side.`;
  };
  return `Heat map of the model's output over ${xLabel} from ${formatNumber(b.xMin)} to ${
    formatNumber(b.xMax)
  } and ${yLabel} from ${formatNumber(b.yMin)} to ${formatNumber(b.yMax)}: orange is ${
    formatNumber(range[0])
  }, white ${formatNumber(mid)}, blue ${formatNumber(range[1])}. ` +
    score(dataset, "training") + (test !== undefined ? " " + score(test, "test") : "");
}
