/**
 * One colour per engine, the same in every chart: a fixed map from the
 * engines' names to colours of the colour-blind-safe palette (after Okabe &
 * Ito), so that tfjs-cpu is orange in the speed bars, the histograms and the
 * loss curves alike.
 *
 * @module
 */

/**
 * The engines' colours: the hand-written engine blue (float32 a lighter blue,
 * the hand-fused limit grey), TF.js orange (wasm vermilion, node purple),
 * brain.js green.
 *
 * @example
 * ```ts
 * import { ENGINE_COLORS } from "@backprop/plot";
 * ENGINE_COLORS["tfjs-cpu"]; // "#f58a07"
 * ```
 */
export const ENGINE_COLORS: Readonly<Record<string, string>> = {
  "manual": "#0877bd",
  "manual-f64": "#0877bd",
  "manual-f32": "#56b4e9",
  "fused-limit": "#666666",
  "tfjs-cpu": "#f58a07",
  "tfjs-wasm": "#d55e00",
  "tfjs-node": "#cc79a7",
  "brain.js": "#009e73",
};

/** Colours for engines not in {@linkcode ENGINE_COLORS}, picked by name. */
const OTHERS = ["#000000", "#999933", "#882255", "#44aa99"];

/**
 * The colour of an engine by its name: its entry in
 * {@linkcode ENGINE_COLORS}; another TF.js or brain.js name (`tfjs`) takes
 * tfjs-cpu's or brain.js's; any other name one of a few further colours,
 * always the same for the same name.
 *
 * @example
 * ```ts
 * import { engineColor } from "@backprop/plot";
 * engineColor("manual"); // "#0877bd"
 * engineColor("tfjs"); // "#f58a07"
 * ```
 */
export function engineColor(engine: string): string {
  if (Object.hasOwn(ENGINE_COLORS, engine)) return ENGINE_COLORS[engine];
  if (engine.startsWith("tfjs")) return ENGINE_COLORS["tfjs-cpu"];
  if (engine.startsWith("brain")) return ENGINE_COLORS["brain.js"];
  let h = 0;
  for (const c of engine) h = (h * 31 + c.codePointAt(0)!) >>> 0;
  return OTHERS[h % OTHERS.length];
}
