/// <reference lib="dom" />
/**
 * The network as a diagram: a column of nodes per layer, every weight a line
 * whose width grows with |w| and whose colour is its sign. Each line can be
 * hovered, or reached from the keyboard (Tab to the diagram, then the arrow
 * keys, Home and End); the page then shows that weight's details.
 *
 * @module
 */

import type { ModelWeights } from "@backprop/core";
import { BLUE, ORANGE } from "./draw.ts";

const SVG = "http://www.w3.org/2000/svg";
/** Diagrams with more weights than this are not drawn (too dense to read). */
export const MAX_DRAWN_WEIGHTS = 1200;

/** Which weight: W{layer+1}[i, j] (row i: input, column j: unit). */
export interface WeightRef {
  layer: number;
  i: number;
  j: number;
}

/** Builds (when the shape changed) and updates the diagram of `model`. */
export class Diagram {
  readonly #root: HTMLElement;
  readonly #onSelect: (ref: WeightRef) => void;
  #shape = "";
  #lines: SVGLineElement[][] = [];

  constructor(root: HTMLElement, onSelect: (ref: WeightRef) => void) {
    this.#root = root;
    this.#onSelect = onSelect;
  }

  /** Draws `model`'s weights. */
  update(model: ModelWeights): void {
    const shape = model.layerSizes.join("-");
    if (shape !== this.#shape) this.#build(model, shape);
    if (this.#lines.length === 0) return;
    let max = 0;
    for (const layer of model.layers) {
      for (const w of layer.weights) max = Math.max(max, Math.abs(w));
    }
    model.layers.forEach((layer, l) => {
      const lines = this.#lines[l];
      for (let k = 0; k < lines.length; k++) {
        const w = layer.weights[k];
        const line = lines[k];
        line.setAttribute("stroke", w >= 0 ? BLUE : ORANGE);
        line.setAttribute("stroke-width", (0.4 + (5 * Math.abs(w)) / (max || 1)).toFixed(2));
      }
    });
  }

  #build(model: ModelWeights, shape: string): void {
    this.#shape = shape;
    this.#lines = [];
    const total = model.layers.reduce((s, l) => s + l.weights.length, 0);
    if (total > MAX_DRAWN_WEIGHTS) {
      const p = document.createElement("p");
      p.className = "small";
      p.textContent =
        `${total} weights: too many to draw one line each (at most ${MAX_DRAWN_WEIGHTS}).`;
      this.#root.replaceChildren(p);
      return;
    }
    const sizes = model.layerSizes;
    const tallest = Math.max(...sizes);
    const width = 120 + 130 * (sizes.length - 1);
    const height = Math.max(120, 26 * tallest + 20);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("role", "group");
    svg.setAttribute("aria-label", `network ${shape}`);
    const x = (l: number) => 60 + 130 * l;
    const y = (l: number, i: number) => height / 2 + (i - (sizes[l] - 1) / 2) * 26;
    model.layers.forEach((layer, l) => {
      const lines: SVGLineElement[] = [];
      for (let i = 0; i < layer.inputs; i++) {
        for (let j = 0; j < layer.units; j++) {
          const line = document.createElementNS(SVG, "line");
          line.setAttribute("x1", String(x(l)));
          line.setAttribute("y1", String(y(l, i)));
          line.setAttribute("x2", String(x(l + 1)));
          line.setAttribute("y2", String(y(l + 1, j)));
          // One tab stop for the whole diagram; the arrow keys move between weights.
          line.setAttribute("tabindex", l === 0 && i === 0 && j === 0 ? "0" : "-1");
          line.setAttribute("role", "img");
          line.setAttribute("stroke-opacity", "0.8");
          const ref = { layer: l, i, j };
          line.setAttribute("aria-label", `weight W${l + 1}[${i + 1},${j + 1}]`);
          line.addEventListener("mouseenter", () => this.#onSelect(ref));
          line.addEventListener("focus", () => this.#onSelect(ref));
          svg.append(line);
          lines.push(line);
        }
      }
      this.#lines.push(lines);
    });
    sizes.forEach((n, l) => {
      for (let i = 0; i < n; i++) {
        const c = document.createElementNS(SVG, "circle");
        c.setAttribute("cx", String(x(l)));
        c.setAttribute("cy", String(y(l, i)));
        c.setAttribute("r", "8");
        c.setAttribute("fill", "#fff");
        c.setAttribute("stroke", "#1b1b1b");
        c.setAttribute("pointer-events", "none");
        svg.append(c);
      }
      const t = document.createElementNS(SVG, "text");
      t.setAttribute("x", String(x(l)));
      t.setAttribute("y", String(height - 4));
      t.setAttribute("text-anchor", "middle");
      t.setAttribute("font-size", "11");
      t.textContent = l === 0 ? "inputs" : l === sizes.length - 1 ? "output" : `hidden ${l}`;
      svg.append(t);
    });
    const all = this.#lines.flat();
    svg.addEventListener("keydown", (event) => {
      const at = all.indexOf(event.target as SVGLineElement);
      if (at === -1) return;
      const to = event.key === "ArrowRight" || event.key === "ArrowDown"
        ? Math.min(all.length - 1, at + 1)
        : event.key === "ArrowLeft" || event.key === "ArrowUp"
        ? Math.max(0, at - 1)
        : event.key === "Home"
        ? 0
        : event.key === "End"
        ? all.length - 1
        : -1;
      if (to === -1) return;
      event.preventDefault();
      all[at].setAttribute("tabindex", "-1");
      all[to].setAttribute("tabindex", "0");
      all[to].focus();
    });
    this.#root.replaceChildren(svg);
  }
}
