import assert from "node:assert/strict";
import { initModel, resolveConfig } from "@backprop/core";
import { networkSvg } from "./network.ts";

Deno.test("networkSvg: one line per weight, width by |w|, colour by sign, layers and classes named", () => {
  const model = initModel(resolveConfig({ hidden: [3], shortcut: true }), 2, 2);
  model.layers[0].weights = [1, -2, 0.5, 0, 4, -4]; // max |w| = 4 over the picture
  const svg = networkSvg(model, { title: "t", outputNames: ["cat", "dog"] });
  const lines = [...svg.matchAll(/<line [^>]*stroke="(#[0-9a-f]{6})" stroke-width="([\d.]+)"/g)];
  // 2·3 + 3·2 weights and 2·2 dashed shortcut weights.
  assert.equal(lines.length, 6 + 6 + 4);
  assert.equal((svg.match(/stroke-dasharray/g) ?? []).length, 4);
  const first = lines.slice(0, 6).map(([, colour, width]) => [colour, Number(width)]);
  assert.deepEqual(first[4], ["#0877bd", 3.75]); // w = 4: blue, 0.25 + 3.5
  assert.deepEqual(first[5], ["#f59322", 3.75]); // w = −4: orange
  assert.deepEqual(first[3], ["#0877bd", 0.25]); // w = 0: thinnest
  assert.equal(first[0][1], 1.13); // 0.25 + 3.5/4 = 1.125, written with 2 decimals
  assert.match(svg, />input \(2\)</);
  assert.match(svg, />hidden 1 \(3, tanh\)</);
  assert.match(svg, />output \(2, sigmoid\)</);
  assert.match(svg, />cat</);
  assert.match(svg, />x2</);
});

Deno.test("networkSvg: inputImage draws each first-layer unit's weights as an image", () => {
  const model = initModel(resolveConfig({ hidden: [5] }), 12, 3);
  const svg = networkSvg(model, { inputImage: [3, 4] });
  // 5 images of 3·4 pixels, plus the background rect.
  assert.equal((svg.match(/<rect /g) ?? []).length, 1 + 5 * 12);
  assert.throws(() => networkSvg(model, { inputImage: [8, 8] }), /inputImage: 8×8 is not allowed/);
});
