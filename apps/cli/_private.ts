// Small helpers shared by the CLI's files. Not exported from mod.ts.

export { errorMessage, parseNumber } from "@backprop/cli-kit";

/** Shows a value in an error message the way core does: core's `formatValue`. */
export { formatValue as show } from "@backprop/core";

/** A number in at most four significant digits: `0.01234`, `1.235e-5`, `2000`, `NaN`. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const abs = Math.abs(x);
  if (abs < 1e-3 || abs >= 1e6) return x.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(4)));
}

/** Lays out rows as right-aligned columns separated by two spaces. */
export function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => widths[i] = Math.max(widths[i] ?? 0, cell.length));
  }
  return rows.map((row) => row.map((cell, i) => cell.padStart(widths[i])).join("  ").trimEnd());
}

/** A dataset's name for titles: without a directory or the split's ` (train)` suffix. */
export function datasetLabel(name: string): string {
  return (name.split(/[\\/]/).pop() || name).replace(/ \(train\)$/, "");
}
