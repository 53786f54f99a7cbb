/**
 * `--explain`: one backpropagation step as text, every matrix printed under the
 * formula it comes from. The numbers come from `explainStep` of
 * `@backprop/manual`; this file only lays them out.
 *
 * @module
 */

import type { ResolvedConfig } from "@backprop/core";
import type { ExplainStep, Matrix } from "@backprop/manual";
import { columns } from "./_private.ts";

/** Most rows and columns of a matrix printed; the rest are elided with ⋮ and …. */
export const MATRIX_LIMIT = { rows: 8, cols: 8 } as const;

/** A number in 4 significant digits: `0.5`, `-0.2509`, `1.235e-5`, `0`. */
export function formatEntry(x: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const abs = Math.abs(x);
  if (abs < 1e-3 || abs >= 1e5) return x.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(x.toPrecision(4)));
}

/** Positions kept along an axis of `n` entries: all, or the first `limit − 2`, a gap (−1), the last. */
function kept(n: number, limit: number): number[] {
  if (n <= limit) return Array.from({ length: n }, (_, i) => i);
  return [...Array.from({ length: limit - 2 }, (_, i) => i), -1, n - 1];
}

/**
 * A matrix as bracketed lines, entries in 4 significant digits, columns
 * right-aligned; at most {@linkcode MATRIX_LIMIT} rows and columns, the others
 * elided (`⋮` for rows, `…` for columns), always keeping the last.
 *
 * @example
 * ```ts
 * import { formatMatrix } from "./explain.ts";
 * formatMatrix([[0, 1], [1, 0.5]]); // ["⎡0    1⎤", "⎣1  0.5⎦"]
 * ```
 */
export function formatMatrix(m: Matrix): string[] {
  const rows = m.length;
  const cols = m[0]?.length ?? 0;
  const keepRows = kept(rows, MATRIX_LIMIT.rows);
  const keepCols = kept(cols, MATRIX_LIMIT.cols);
  const cells = keepRows.map((r) =>
    keepCols.map((c) => r === -1 ? (c === -1 ? "⋱" : "⋮") : c === -1 ? "…" : formatEntry(m[r][c]))
  );
  const body = columns(cells);
  const width = Math.max(...body.map((line) => line.length));
  return body.map((line, i) => {
    const text = line.padStart(width);
    if (body.length === 1) return `[${text}]`;
    const [open, close] = i === 0 ? ["⎡", "⎤"] : i === body.length - 1 ? ["⎣", "⎦"] : ["⎢", "⎥"];
    return `${open}${text}${close}`;
  });
}

/** `rows 1–4 of 4`, or `12 rows: 3, 17, 5, … of 200` (1-based, in batch order). */
function rowsText(rows: readonly number[], total: number): string {
  const contiguous = rows.every((r, i) => r === rows[0] + i);
  if (contiguous && rows.length > 1) {
    return `rows ${rows[0] + 1}–${rows[rows.length - 1] + 1} of ${total}`;
  }
  if (rows.length === 1) return `row ${rows[0] + 1} of ${total}`;
  const shown = rows.slice(0, 8).map((r) => r + 1).join(", ");
  return `${rows.length} rows: ${shown}${rows.length > 8 ? ", …" : ""} of ${total}`;
}

/**
 * The text `--explain` prints: a heading, the symbols, then each section's
 * formulas with their matrices (a 1×1 value on its formula's line).
 *
 * @example
 * ```ts ignore
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { explainStep } from "@backprop/manual";
 * const config = resolveConfig({ preset: "seed" });
 * console.log(formatExplain(explainStep(config, loadDataset("xor")), config));
 * ```
 */
export function formatExplain(step: ExplainStep, config: ResolvedConfig): string {
  const lines = [
    `explain: one backpropagation step, from the initial weights, on epoch 1's first batch ` +
    `(${rowsText(step.rows, step.datasetRows)})`,
    ...step.symbols.map((s) => `  ${s}`),
  ];
  if (config.dtype === "float32") {
    lines.push("  (shown in float64; the float32 engine rounds each value to ~7 digits)");
  }
  for (const section of step.sections) {
    lines.push("", `${section.title}:`);
    for (const line of section.lines) {
      const { value } = line;
      if (value.length === 1 && value[0].length === 1) {
        lines.push(`  ${line.formula} = ${formatEntry(value[0][0])}`);
        continue;
      }
      const shape = `${value.length}×${value[0]?.length ?? 0}`;
      lines.push(`  ${line.formula}   [${shape}]`);
      for (const row of formatMatrix(value)) lines.push(`      ${row}`);
    }
  }
  return lines.join("\n");
}
