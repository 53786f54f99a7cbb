// Shared internals of the statistical charts (bars, histogram, ECDF, rate bars, line and
// points): the SVG opening with its title, a plot frame with its scales, ticks and labels, and
// a legend. Every chart takes its font, escaping, palette and tick rules from `_private.ts`.

import { AXIS, escapeXml, FONT, formatCount, formatTick, GRID, INK } from "./_private.ts";

/**
 * The SVG element (`role="img"`), its accessible `<title>` and `<desc>` (what
 * the chart shows, in words, for a reader who cannot see it), a white
 * background and the heading.
 */
export function chartOpen(
  width: number,
  height: number,
  title: string,
  desc: string,
  titleY = 24,
): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${FONT}" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(desc)}</desc>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${width / 2}" y="${titleY}" text-anchor="middle" font-size="15" font-weight="600">${
      escapeXml(title)
    }</text>`,
  ];
}

/** A plot area and its scales: `parts` is the SVG so far, `x`/`y` map data to pixels. */
export interface Frame {
  parts: string[];
  x: (v: number) => number;
  y: (v: number) => number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** What {@linkcode frame} draws: the chart's size and words, its scales and their ticks. */
export interface FrameSpec {
  width: number;
  height: number;
  title: string;
  /** The chart in words, for `<desc>`. */
  desc: string;
  xDomain: [number, number];
  yDomain: [number, number];
  /** A log x axis. */
  log: boolean;
  xTicks: readonly number[];
  yTicks: readonly number[];
  xLabel: string;
  yLabel: string;
  /** An x tick's text (default: a whole count, 20k for 20 000). */
  xText?: (v: number) => string;
  /** A y tick's text (default: the number as written, 0.25). */
  yText?: (v: number) => string;
  /** Space above the plot area (default 44), e.g. for a legend above it. */
  top?: number;
}

/**
 * Opens a chart with a framed plot area: grid lines and labels at `xTicks` and
 * `yTicks`, a log or linear x scale over `xDomain`, a linear y scale over
 * `yDomain`, and the axis labels.
 */
export function frame(spec: FrameSpec): Frame {
  const { width, height, title, xDomain, yDomain, log, xTicks, yTicks, xLabel, yLabel } = spec;
  const xText = spec.xText ?? formatCount;
  const yText = spec.yText ?? formatTick;
  const left = 64, right = width - 24, top = spec.top ?? 44, bottom = height - 52;
  const [x0, x1] = log ? [Math.log10(xDomain[0]), Math.log10(xDomain[1])] : xDomain;
  const x = (v: number) => left + (((log ? Math.log10(v) : v) - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * (bottom - top);
  const parts = chartOpen(width, height, title, spec.desc);
  for (const t of xTicks) {
    const tx = x(t).toFixed(1);
    parts.push(
      `<line x1="${tx}" y1="${top}" x2="${tx}" y2="${bottom}" stroke="${GRID}"/>`,
      `<text x="${tx}" y="${bottom + 16}" text-anchor="middle" fill="${AXIS}">${
        escapeXml(xText(t))
      }</text>`,
    );
  }
  for (const t of yTicks) {
    const ty = y(t).toFixed(1);
    parts.push(
      `<line x1="${left}" y1="${ty}" x2="${right}" y2="${ty}" stroke="${GRID}"/>`,
      `<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" fill="${AXIS}">${
        escapeXml(yText(t))
      }</text>`,
    );
  }
  parts.push(
    `<rect x="${left}" y="${top}" width="${right - left}" height="${
      bottom - top
    }" fill="none" stroke="#999"/>`,
    `<text x="${(left + right) / 2}" y="${height - 14}" text-anchor="middle" fill="#333">${
      escapeXml(xLabel)
    }</text>`,
    `<text transform="translate(16 ${
      (top + bottom) / 2
    }) rotate(-90)" text-anchor="middle" fill="#333">${escapeXml(yLabel)}</text>`,
  );
  return { parts, x, y, left, right, top, bottom };
}

/**
 * A legend in the plot area's top left corner, one entry per line (so that no
 * label runs into the next): a line (dashed with `dash`) or a filled square
 * (`swatch`, for bars) before each label.
 */
export function legend(
  f: Frame,
  items: { label: string; color: string; dash?: boolean; swatch?: boolean }[],
): void {
  items.forEach((item, i) => {
    const y = f.top + 14 + i * 17;
    const x = f.left + 12;
    f.parts.push(
      item.swatch
        ? `<rect x="${x + 5}" y="${y - 10}" width="12" height="12" fill="${item.color}"/>`
        : `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${
          y - 4
        }" stroke="${item.color}" stroke-width="2.5"${
          item.dash ? ' stroke-dasharray="6 4"' : ""
        }/>`,
      `<text x="${x + 28}" y="${y}" fill="${INK}">${escapeXml(item.label)}</text>`,
    );
  });
}
