/**
 * `@backprop/plot`: pictures of training for learners, as plain strings — loss
 * curves and decision surfaces as self-contained SVG (open them in any
 * browser), and a sparkline and a character heat map for the terminal. Nothing
 * here touches files: write the strings wherever you like.
 *
 * @example Train XOR, then draw its loss and its decision surface
 * ```ts
 * import { loadDataset, resolveConfig } from "@backprop/core";
 * import { trainManual } from "@backprop/manual";
 * import { boundarySvg, heatmapText, lossCurveSvg, sparkline } from "@backprop/plot";
 *
 * const xor = loadDataset("xor");
 * const result = trainManual(resolveConfig({ preset: "seed", epochs: 2000 }), xor);
 * const lossSvg = lossCurveSvg([{ label: "train", values: result.lossHistory }]);
 * const surfaceSvg = boundarySvg(result.model, xor, { title: "XOR" });
 * console.log(sparkline(result.lossHistory, 40));
 * console.log(heatmapText(result.model, xor));
 * console.log(lossSvg.length, surfaceSvg.length);
 * ```
 *
 * @module
 */

export { type LossCurveOptions, lossCurveSvg, type LossSeries } from "./loss_curve.ts";
export {
  type Bounds,
  type DecisionSurface,
  decisionSurface,
  type SurfaceOptions,
} from "./surface.ts";
export { type BoundaryOptions, boundarySvg } from "./boundary.ts";
export {
  HEATMAP_MARKERS,
  heatmapText,
  type HeatmapTextOptions,
  SPARK_BARS,
  sparkline,
  type SparklineOptions,
} from "./terminal.ts";
export { type Bar, type BarChartOptions, barChartSvg } from "./bar_chart.ts";
export {
  type HistogramOptions,
  type HistogramSeries,
  histogramSvg,
  niceCeil,
} from "./histogram.ts";
export { type EcdfSeries, ecdfSvg } from "./ecdf.ts";
export { type RateBar, rateBarsSvg } from "./rate_bars.ts";
export { linePointsSvg, type PointSeries } from "./line_points.ts";
export { type AgreementSeries, lossAgreementSvg, lossGaps } from "./loss_agreement.ts";
export { type NetworkOptions, networkSvg } from "./network.ts";
export { PALETTE } from "./_private.ts";
export { ENGINE_COLORS, engineColor } from "./engine_colors.ts";
// The core types in this package's signatures, so its documentation is complete.
export type {
  Activation,
  Dataset,
  HiddenActivation,
  LayerWeights,
  ModelWeights,
  OutputActivation,
} from "@backprop/core";
