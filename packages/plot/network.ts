/**
 * A picture of a trained network: its units in columns, one per layer, joined by
 * lines whose width grows with |w| and whose colour is w's sign (blue positive,
 * orange negative, as the surfaces colour outputs). Optionally, the first
 * layer's weights as small images, one per hidden unit (digits: 8×8 pixels).
 *
 * @module
 */

import type { ModelWeights } from "@backprop/core";
import { BLUE, coord, diverging, escapeXml, hex, INK, ORANGE, svgOpen } from "./_private.ts";

/** Options of {@linkcode networkSvg}; every field is optional. */
export interface NetworkOptions {
  /**
   * The title above the picture.
   * @default {"network"}
   */
  title?: string;
  /**
   * Names of the inputs, shown left of them (default x1, x2, …).
   * @default {undefined}
   */
  inputNames?: readonly string[];
  /**
   * Names of the outputs (class names), shown right of them (default o1, o2, …).
   * @default {undefined}
   */
  outputNames?: readonly string[];
  /**
   * [rows, columns] of an input image (digits: [8, 8]): also draw each first-layer
   * unit's weights as such an image, its pixels coloured by sign and size.
   * @default {undefined}
   */
  inputImage?: readonly [number, number];
}

const COLUMN = 200, TOP = 60, HEIGHT = 520, PAD = 110;

/**
 * The SVG of `model`'s units and weights, layers labelled with their size and
 * activation. Line width is 0.25 + 3.5·|w| / max|w| px over every weight of the
 * picture; the shortcut W_s, if any, is dashed.
 *
 * @example
 * ```ts
 * import { initModel, resolveConfig } from "@backprop/core";
 * import { networkSvg } from "@backprop/plot";
 * const svg = networkSvg(initModel(resolveConfig(), 2, 1), { title: "2-8-1" });
 * svg.startsWith("<svg"); // true
 * ```
 */
export function networkSvg(model: ModelWeights, options: NetworkOptions = {}): string {
  const sizes = model.layerSizes;
  const image = options.inputImage;
  if (image !== undefined && image[0] * image[1] !== sizes[0]) {
    throw new RangeError(
      `inputImage: ${image.join("×")} is not allowed; the model has ${sizes[0]} inputs`,
      { cause: { field: "inputImage", value: image } },
    );
  }
  const tiles = image === undefined ? null : sizes[1];
  const perRow = tiles === null ? 0 : Math.min(tiles, 16);
  const tile = 44, gap = 8;
  const imageHeight = tiles === null ? 0 : Math.ceil(tiles / perRow) * (tile + gap + 12) + 30;
  const width = Math.max(PAD * 2 + COLUMN * (sizes.length - 1), perRow * (tile + gap) + 40);
  const height = TOP + HEIGHT + 64 + imageHeight;
  const x = (l: number) => (width - COLUMN * (sizes.length - 1)) / 2 + l * COLUMN;
  const y = (l: number, i: number) =>
    TOP + 20 + (sizes[l] === 1 ? HEIGHT / 2 : (i * HEIGHT) / (sizes[l] - 1));
  const radius = (l: number) => Math.max(1.5, Math.min(9, HEIGHT / sizes[l] / 2.6));
  let max = 0;
  for (const layer of model.layers) for (const w of layer.weights) max = Math.max(max, Math.abs(w));
  for (const w of model.shortcut ?? []) max = Math.max(max, Math.abs(w));
  const line = (x1: number, y1: number, x2: number, y2: number, w: number, dash: boolean) =>
    `<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${coord(y2)}" stroke="${
      hex(w >= 0 ? BLUE : ORANGE)
    }" stroke-width="${coord(0.25 + (3.5 * Math.abs(w)) / (max || 1), 2)}" stroke-opacity="0.7"${
      dash ? ' stroke-dasharray="4 3"' : ""
    }/>`;
  const parts = [
    svgOpen(width, height),
    `<title>${escapeXml(options.title ?? "network")}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${
      width / 2
    }" y="24" text-anchor="middle" font-size="15" font-weight="600" fill="${INK}">${
      escapeXml(options.title ?? "network")
    }</text>`,
  ];
  // Weights first, units on top. W_l[i][j] joins unit i of column l to unit j of column l + 1.
  model.layers.forEach((layer, l) => {
    for (let i = 0; i < layer.inputs; i++) {
      for (let j = 0; j < layer.units; j++) {
        parts.push(
          line(x(l), y(l, i), x(l + 1), y(l + 1, j), layer.weights[i * layer.units + j], false),
        );
      }
    }
  });
  const last = sizes.length - 1;
  model.shortcut?.forEach((w, e) => {
    const i = Math.floor(e / sizes[last]), j = e % sizes[last];
    parts.push(line(x(0), y(0, i), x(last), y(last, j), w, true));
  });
  sizes.forEach((units, l) => {
    const r = radius(l);
    for (let i = 0; i < units; i++) {
      parts.push(
        `<circle cx="${coord(x(l))}" cy="${coord(y(l, i))}" r="${
          coord(r)
        }" fill="#fff" stroke="${INK}"/>`,
      );
    }
    const activation = l === 0 ? "" : `, ${model.layers[l - 1].activation}`;
    const name = l === 0 ? "input" : l === last ? "output" : `hidden ${l}`;
    parts.push(
      `<text x="${coord(x(l))}" y="${
        TOP + HEIGHT + 48
      }" text-anchor="middle" font-size="12" fill="${INK}">${
        escapeXml(`${name} (${units}${activation})`)
      }</text>`,
    );
  });
  const labels = (
    l: number,
    names: readonly string[] | undefined,
    prefix: string,
    side: number,
  ) => {
    if (sizes[l] > 40) return; // too dense to read
    for (let i = 0; i < sizes[l]; i++) {
      const text = names?.[i] ?? `${prefix}${i + 1}`;
      parts.push(
        `<text x="${coord(x(l) + side * (radius(l) + 6))}" y="${coord(y(l, i) + 4)}" text-anchor="${
          side < 0 ? "end" : "start"
        }" font-size="11" fill="${INK}">${escapeXml(text)}</text>`,
      );
    }
  };
  labels(0, options.inputNames, "x", -1);
  labels(last, options.outputNames, "o", 1);
  if (image !== undefined && tiles !== null) {
    // Unit j's weights W1[:, j] as an image, pixel (r, c) = input r·columns + c.
    const [rows, cols] = image, first = model.layers[0];
    let m = 0;
    for (const w of first.weights) m = Math.max(m, Math.abs(w));
    const top = TOP + HEIGHT + 80;
    parts.push(
      `<text x="20" y="${
        top - 10
      }" font-size="12" fill="${INK}">first-layer weights of each hidden unit as ${rows}×${cols} images (blue +, orange −, white 0)</text>`,
    );
    const px = tile / Math.max(rows, cols);
    for (let j = 0; j < tiles; j++) {
      const ox = 20 + (j % perRow) * (tile + gap),
        oy = top + Math.floor(j / perRow) * (tile + gap + 12);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const w = first.weights[(r * cols + c) * first.units + j];
          parts.push(
            `<rect x="${coord(ox + c * px)}" y="${coord(oy + r * px)}" width="${
              coord(px)
            }" height="${coord(px)}" fill="${hex(diverging(0.5 + w / (2 * (m || 1)), 1))}"/>`,
          );
        }
      }
      parts.push(
        `<text x="${coord(ox + tile / 2)}" y="${
          coord(oy + tile + 10)
        }" text-anchor="middle" font-size="9" fill="${INK}">${j + 1}</text>`,
      );
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}
