/**
 * The SVG files `--plot` and `--boundary` write, built with `@backprop/plot`.
 *
 * @module
 */

import { boundarySvg, lossCurveSvg, type LossSeries, networkSvg } from "@backprop/plot";
import { outputRange, type TrainRun } from "./report.ts";
import { datasetLabel as shortName } from "./_private.ts";

/**
 * The loss curve of a run: the training loss of every epoch and, with a test
 * set, the test loss (measured after each epoch's last update). A diverged run's
 * curve is drawn too: it shows where the loss took off.
 *
 * @example
 * ```ts ignore
 * await writeFileAtomic("loss.svg", lossPlot(run));
 * ```
 */
export function lossPlot(run: TrainRun): string {
  const { result } = run;
  const series: LossSeries[] = [{
    label: run.test ? "train" : "loss",
    values: result.lossHistory,
  }];
  if (result.testLossHistory !== undefined) {
    series.push({ label: "test", values: result.testLossHistory });
  }
  return lossCurveSvg(series, {
    title: `${run.config.loss} loss, ${engineName(run)} on ${shortName(run.dataset.name)}`,
  });
}

/**
 * The decision surface of a 2-input run's final model, with the training rows
 * as circles and the test rows as diamonds.
 *
 * @example
 * ```ts ignore
 * await writeFileAtomic("boundary.svg", boundaryPlot(run));
 * ```
 */
export function boundaryPlot(run: TrainRun): string {
  const { config, dataset, result } = run;
  const test = run.test ?? undefined;
  return boundarySvg(result.model, dataset, {
    test,
    outputRange: outputRange(dataset, test),
    title: `${shortName(dataset.name)}: ${config.hidden.join("-") || "no"} hidden, ` +
      `${config.activation}, ${result.epochsRun} epochs (${engineName(run)})`,
  });
}

/**
 * The trained network's units and weights, outputs named by class; for digits
 * (64 inputs, 8×8 pixels) also the first layer's weights as 8×8 images.
 *
 * @example
 * ```ts ignore
 * await writeFileAtomic("network.svg", networkPlot(run));
 * ```
 */
export function networkPlot(run: TrainRun): string {
  const { config, dataset, result } = run;
  const digits = shortName(dataset.name) === "digits" && dataset.inputSize === 64;
  return networkSvg(result.model, {
    title: `${shortName(dataset.name)}: ${result.model.layerSizes.join("-")}, ${config.loss}, ` +
      `${result.epochsRun} epochs (${engineName(run)})`,
    ...(dataset.classes === undefined ? {} : { outputNames: dataset.classes }),
    ...(digits ? { inputImage: [8, 8] as const } : {}),
  });
}

/** `manual`, `tfjs (wasm)`. */
function engineName(run: TrainRun): string {
  return run.backend === undefined ? run.impl : `${run.impl} (${run.backend})`;
}
