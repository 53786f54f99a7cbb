import assert from "node:assert/strict";
import { ENGINE_COLORS, engineColor } from "./engine_colors.ts";

Deno.test("engineColor: the fixed colour of each known engine, the same on every call", () => {
  for (const [engine, color] of Object.entries(ENGINE_COLORS)) {
    assert.equal(engineColor(engine), color, engine);
  }
  assert.equal(engineColor("tfjs"), ENGINE_COLORS["tfjs-cpu"]);
  assert.equal(engineColor("some-new-engine"), engineColor("some-new-engine"));
  assert.match(engineColor("some-new-engine"), /^#[0-9a-f]{6}$/);
});

Deno.test("ENGINE_COLORS: engines that share a chart have different colours", () => {
  // manual and manual-f64 are one engine under two names (convergence, speed).
  const speed = ["manual-f64", "manual-f32", "fused-limit", "brain.js", "tfjs-cpu", "tfjs-wasm"];
  const colors = [...speed, "tfjs-node"].map(engineColor);
  assert.equal(new Set(colors).size, colors.length);
  assert.equal(engineColor("manual"), engineColor("manual-f64"));
});
