// Shared internals of the statistical charts (bars, histogram, ECDF, rate bars, line and
// points): the SVG opening with its title, a plot frame with its scales, ticks and labels, and
// a legend. Every chart takes its font, escaping, palette and tick rules from `_private.ts`.

import { AXIS, escapeXml, FONT, formatCount, formatTick, GRID, INK } from "./_private.ts";

/** The SVG element, its accessible title, a white background and the heading. */
export function chartOpen(width: number, height: number, title: string, titleY = 24): string[] {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
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

/**
 * Opens a chart with a framed plot area: grid lines and labels at `xTicks` and
 * `yTicks`, a log or linear x scale over `xDomain`, a linear y scale over
 * `yDomain`, and the axis labels.
 */
export function frame(
  width: number,
  height: number,
  title: string,
  xDomain: [number, number],
  yDomain: [number, number],
  log: boolean,
  xTicks: number[],
  yTicks: number[],
  xLabel: string,
  yLabel: string,
  xText: (v: number) => string = formatCount,
): Frame {
  const left = 64, right = width - 24, top = 44, bottom = height - 52;
  const [x0, x1] = log ? [Math.log10(xDomain[0]), Math.log10(xDomain[1])] : xDomain;
  const x = (v: number) => left + (((log ? Math.log10(v) : v) - x0) / (x1 - x0)) * (right - left);
  const y = (v: number) => bottom - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * (bottom - top);
  const parts = chartOpen(width, height, title);
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
        formatTick(t)
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

export function legend(f: Frame, items: { label: string; color: string; dash?: boolean }[]): void {
  items.forEach((item, i) => {
    const y = f.top + 14 + i * 17;
    const x = f.left + 12;
    f.parts.push(
      `<line x1="${x}" y1="${y - 4}" x2="${x + 22}" y2="${
        y - 4
      }" stroke="${item.color}" stroke-width="2.5"${item.dash ? ' stroke-dasharray="6 4"' : ""}/>`,
      `<text x="${x + 28}" y="${y}" fill="${INK}">${escapeXml(item.label)}</text>`,
    );
  });
}
