// Test helpers: a small well-formedness check for the SVG we write, and colour look-ups.

import assert from "node:assert/strict";
import type { ModelWeights } from "@backprop/core";

const TAG = /^<([a-zA-Z][\w:-]*)(\s+[\w:-]+="[^"<]*")*\s*(\/?)>$/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/**
 * Asserts that `svg` is a well-formed SVG document as this package writes it:
 * starts with `<svg`, has the SVG namespace, every tag is syntactically sound
 * with quoted attributes, tags balance, text has no stray `&`, and no `NaN`,
 * `Infinity` or `undefined` leaked into it. Returns the tag names in order.
 */
export function assertWellFormedSvg(svg: string): string[] {
  assert.ok(svg.startsWith("<svg"), "starts with <svg");
  assert.ok(svg.includes('xmlns="http://www.w3.org/2000/svg"'), "has the SVG namespace");
  for (const bad of ["NaN", "Infinity", "undefined", "null"]) {
    assert.ok(!svg.includes(bad), `contains ${bad}`);
  }
  const stack: string[] = [];
  const names: string[] = [];
  let i = 0;
  let rootClosed = false;
  while (i < svg.length) {
    const lt = svg.indexOf("<", i);
    const text = svg.slice(i, lt < 0 ? svg.length : lt);
    for (let k = text.indexOf("&"); k >= 0; k = text.indexOf("&", k + 1)) {
      assert.ok(ENTITY.test(text.slice(k)), `stray & in text: ${text.slice(k, k + 20)}`);
    }
    if (lt < 0) break;
    assert.ok(!rootClosed || text.trim() === "", "content after </svg>");
    const gt = svg.indexOf(">", lt);
    assert.ok(gt > lt, `unterminated tag at ${lt}`);
    const tag = svg.slice(lt, gt + 1);
    if (tag.startsWith("</")) {
      const name = tag.slice(2, -1);
      assert.equal(stack.pop(), name, `closing </${name}> matches its opening tag`);
      if (stack.length === 0) rootClosed = true;
    } else {
      assert.ok(!rootClosed, "a second root element");
      const m = TAG.exec(tag);
      assert.ok(m !== null, `malformed tag: ${tag.slice(0, 80)}`);
      for (let k = tag.indexOf("&"); k >= 0; k = tag.indexOf("&", k + 1)) {
        assert.ok(ENTITY.test(tag.slice(k)), `stray & in attribute: ${tag.slice(k, k + 20)}`);
      }
      names.push(m[1]);
      if (m[3] !== "/") stack.push(m[1]);
    }
    i = gt + 1;
  }
  assert.deepEqual(stack, [], "every tag is closed");
  assert.ok(rootClosed, "the root element is closed");
  return names;
}

/** The fill colour of the heat-map cell of a boundary SVG under the pixel (x, y). */
export function cellColourAt(svg: string, x: number, y: number): string | undefined {
  const paths = svg.matchAll(/<path class="cells" fill="(#[0-9a-f]{6})" d="([^"]*)"\/>/g);
  for (const [, fill, d] of paths) {
    for (const m of d.matchAll(/M(-?[\d.]+),(-?[\d.]+)h([\d.]+)v([\d.]+)h-[\d.]+z/g)) {
      const [x0, y0, w, h] = m.slice(1).map(Number);
      if (x >= x0 && x < x0 + w && y >= y0 && y < y0 + h) return fill;
    }
  }
  return undefined;
}

/** Red, green and blue of `#rrggbb`. */
export function rgbOf(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** output = sigmoid(a·x + b·y + c), one layer. */
export function linearModel(a: number, b: number, c = 0): ModelWeights {
  return {
    format: "backprop-model",
    version: 1,
    layerSizes: [2, 1],
    useBias: c !== 0,
    layers: [{ inputs: 2, units: 1, activation: "sigmoid", weights: [a, b], biases: [c] }],
  };
}
