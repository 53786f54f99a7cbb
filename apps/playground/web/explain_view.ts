/// <reference lib="dom" />
/**
 * The step-through panel: the quantities of one backpropagation step
 * (`explainStep`), shown one at a time — forward pass layer by layer, the loss
 * and output error, each layer's δ and gradients, then the update — each as its
 * formula and its actual numbers.
 *
 * @module
 */

import type { ExplainLine, ExplainStep } from "@backprop/manual";

const MAX_ROWS = 8;

/** A number to 5 significant digits. */
export function num(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(5))) : String(v);
}
const MAX_COLS = 8;

/** The lines of a step in order, each with its section's title. */
export function stepLines(step: ExplainStep): { section: string; line: ExplainLine }[] {
  return step.sections.flatMap((s) => s.lines.map((line) => ({ section: s.title, line })));
}

function matrix(value: number[][]): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "matrix";
  const table = document.createElement("table");
  for (const row of value.slice(0, MAX_ROWS)) {
    const tr = document.createElement("tr");
    for (const v of row.slice(0, MAX_COLS)) {
      const td = document.createElement("td");
      td.textContent = num(v);
      tr.append(td);
    }
    if (row.length > MAX_COLS) {
      tr.append(
        Object.assign(document.createElement("td"), { textContent: `… ${row.length} columns` }),
      );
    }
    table.append(tr);
  }
  wrap.append(table);
  if (value.length > MAX_ROWS) {
    const more = document.createElement("p");
    more.className = "small";
    more.textContent = `… ${value.length} rows in all (the first ${MAX_ROWS} shown)`;
    wrap.append(more);
  }
  return wrap;
}

/** Shows line `index` of `step` in `root`. */
export function showLine(root: HTMLElement, step: ExplainStep, index: number): void {
  const lines = stepLines(step);
  const { section, line } = lines[index];
  const h = document.createElement("h3");
  h.className = "small";
  h.textContent = `${section} — batch of ${step.rows.length} of ${step.datasetRows} rows, L = ${
    num(step.loss)
  }`;
  const f = document.createElement("p");
  f.className = "formula";
  f.textContent = line.formula;
  const shape = document.createElement("p");
  shape.className = "small";
  shape.textContent = `${line.name}: ${line.value.length} × ${line.value[0]?.length ?? 0}`;
  const symbols = document.createElement("p");
  symbols.className = "small";
  symbols.textContent = step.symbols.join("; ");
  root.replaceChildren(h, f, shape, matrix(line.value), symbols);
}
