/// <reference lib="dom" />
/**
 * The playground page: reads the controls (or the URL hash) into a config that
 * `resolveConfig` checks, draws the starting weights once, gives the same
 * weights to both workers, and draws what they send back at animation-frame
 * rate.
 *
 * @module
 */

import {
  type Dataset,
  effectiveBatchSize,
  initModel,
  loadNamedDataset,
  type ModelWeights,
  parseDataFile,
  resolveConfig,
  type ResolvedConfig,
  type StopReason,
  type TrainConfig,
  type TrainState,
} from "@backprop/core";
import { computeGradients, type ExplainStep, explainStep } from "@backprop/manual";
import { boundarySvg, lossCurveSvg } from "@backprop/plot";
import { decodeHash, encodeHash, type PageBackend } from "../config_hash.ts";
import { modelFileText } from "../model_export.ts";
import { Agreement } from "../verdict.ts";
import { fillSelects, readControls, showDatasetFields, writeControls } from "./controls.ts";
import { Diagram, type WeightRef } from "./diagram.ts";
import {
  BLUE,
  dataBounds,
  diffSeries,
  drawLogChart,
  drawSurface,
  drawUnits,
  forgetSizes,
  gridInputs,
  layerOutputs,
  ORANGE,
} from "./draw.ts";
import { num, showLine, stepLines } from "./explain_view.ts";
import type { ManualFrame, TfjsFrame, ToManual, ToTfjs, WorkerError } from "./protocol.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);
const GRID = 60;
// Each engine keeps every epoch's loss (8 bytes each, in the worker and in the page).
const MAX_EPOCHS = 1_000_000;

// ---- state -------------------------------------------------------------------------------

interface Engine {
  losses: number[];
  epoch: number;
  stopped: StopReason | null;
  trainMs: number;
  model: ModelWeights | null;
}

let config: ResolvedConfig | null = null;
let data: Dataset | null = null;
let fileData: Dataset | null = null;
let backend: PageBackend = "cpu";
let extra: TrainConfig = {};
let runId = 0;
let running = false;
const manual: Engine & {
  previous: ModelWeights | null;
  stepped: boolean;
  batch: string;
  state: TrainState | null;
} = {
  losses: [],
  epoch: 0,
  stopped: null,
  trainMs: 0,
  model: null,
  previous: null,
  stepped: false,
  batch: "",
  state: null,
};
const tfjs: Engine & { shadow: number[]; backend: string } = {
  losses: [],
  shadow: [],
  epoch: 0,
  stopped: null,
  trainMs: 0,
  model: null,
  backend: "",
};
let agreement = new Agreement();
let selected: WeightRef | null = null;
let explained: ExplainStep | null = null;
let explainIndex = 0;
let dirty = true;
let drawnModel: ModelWeights | null = null;
let surfaceDrawn = 0;
const SURFACE_MS = 100;

const manualWorker = new Worker(new URL("./manual_worker.js", import.meta.url), { type: "module" });
const tfjsWorker = new Worker(new URL("./tfjs_worker.js", import.meta.url), { type: "module" });
for (
  const [worker, name] of [[manualWorker, "hand-written engine"], [tfjsWorker, "TF.js"]] as const
) {
  worker.onerror = (event) => showError(`${name} worker: ${event.message}`);
}
const toManual = (m: ToManual) => manualWorker.postMessage(m);
const toTfjs = (m: ToTfjs) => tfjsWorker.postMessage(m);
fillSelects();

function showError(message: string | null): void {
  const el = $("error");
  el.hidden = message === null;
  el.textContent = message ?? "";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---- runs ----------------------------------------------------------------------------------

function loadData(c: ResolvedConfig): Dataset {
  if ($<HTMLSelectElement>("dataset").value === "file") {
    if (fileData === null) throw new RangeError("dataset: choose a CSV or JSON file first");
    return fileData;
  }
  return loadNamedDataset(c.dataset, { samples: c.samples, noise: c.noise, seed: c.seed });
}

/**
 * Checks the controls, then starts both engines afresh from the config's
 * starting weights (the same weights every time: Reset). Returns false, with the
 * error shown, when the settings are not valid.
 */
function configure(): boolean {
  pause();
  let c: ResolvedConfig, d: Dataset, model: ModelWeights;
  try {
    c = resolveConfig(readControls(extra, fileData));
    if (c.epochs > MAX_EPOCHS) {
      throw new RangeError(
        `epochs: ${c.epochs} is not allowed in the page; expected at most ${MAX_EPOCHS} ` +
          "(each engine keeps every epoch's loss)",
      );
    }
    d = loadData(c);
    effectiveBatchSize(c, d.rows);
    model = initModel(c, d.inputSize, d.outputSize);
  } catch (error) {
    showError(message(error));
    setButtons(false);
    return false;
  }
  showError(null);
  config = c;
  data = d;
  backend = $<HTMLSelectElement>("backend").value as PageBackend;
  runId++;
  Object.assign(manual, {
    losses: [],
    epoch: 0,
    stopped: null,
    trainMs: 0,
    model,
    previous: null,
    state: null,
  });
  Object.assign(tfjs, { losses: [], shadow: [], epoch: 0, stopped: null, trainMs: 0, model: null });
  agreement = new Agreement();
  explained = null;
  $("explain-body").replaceChildren();
  toManual({ type: "init", id: runId, config: c, data: d, model });
  toTfjs({ type: "init", id: runId, config: c, data: d, model, backend });
  const hash = encodeHash(c, backend, false);
  history.replaceState(null, "", hash);
  $<HTMLAnchorElement>("share").href = encodeHash(c, backend, true);
  setButtons(true);
  dirty = true;
  return true;
}

function setButtons(valid: boolean): void {
  const done = manual.stopped !== null;
  $<HTMLButtonElement>("run").disabled = !valid || running || done;
  $<HTMLButtonElement>("pause").disabled = !running;
  $<HTMLButtonElement>("step").disabled = !valid || done;
  $<HTMLButtonElement>("reset").disabled = !valid;
}

function run(): void {
  if (config === null || manual.stopped !== null) return;
  running = true;
  toManual({ type: "run" });
  toTfjs({ type: "until", epoch: Infinity });
  setButtons(true);
  dirty = true;
}

function pause(): void {
  if (!running) return;
  running = false;
  toManual({ type: "pause" });
  toTfjs({ type: "until", epoch: 0 });
  setButtons(config !== null);
  dirty = true;
}

function step(): void {
  if (config === null) return;
  pause();
  toManual({ type: "step" });
}

// ---- frames from the workers ---------------------------------------------------------------

manualWorker.onmessage = (event: MessageEvent<ManualFrame | WorkerError>) => {
  const frame = event.data;
  if (frame.type === "error") return showError(`hand-written engine: ${frame.message}`);
  if (frame.id !== runId || frame.from !== manual.losses.length) return;
  for (const v of frame.losses) manual.losses.push(v);
  manual.previous = manual.model;
  manual.model = frame.model;
  manual.state = frame.state;
  manual.epoch = frame.epoch;
  manual.stopped = frame.stopped;
  manual.trainMs = frame.trainMs;
  manual.stepped = frame.stepped;
  manual.batch = frame.batches > 1 ? ` (batch ${frame.batchInEpoch} of ${frame.batches})` : "";
  if (frame.stepped) toTfjs({ type: "until", epoch: frame.epoch });
  if (!frame.running && running && frame.stopped !== null) running = false;
  setButtons(true);
  dirty = true;
};

tfjsWorker.onmessage = (event: MessageEvent<TfjsFrame | WorkerError>) => {
  const frame = event.data;
  if (frame.type === "error") return showError(`TF.js: ${frame.message}`);
  if (frame.id !== runId || frame.from !== tfjs.losses.length) return;
  for (const v of frame.losses) tfjs.losses.push(v);
  for (const v of frame.shadow) tfjs.shadow.push(v);
  tfjs.epoch = frame.epoch;
  tfjs.stopped = frame.stopped;
  tfjs.trainMs = frame.trainMs;
  tfjs.backend = frame.backend;
  if (frame.model !== null) tfjs.model = frame.model;
  dirty = true;
};

// ---- drawing -------------------------------------------------------------------------------

const diagram = new Diagram($("diagram"), (ref) => {
  selected = ref;
  showWeight();
});
let frames = 0;
let fps = 0;
let drawMs = 0;
let draws = 0;
let drawMsShown = 0;
let fpsSince = performance.now();

function lossText(e: Engine): string {
  return e.epoch === 0 ? "—" : num(e.losses[e.epoch - 1]);
}

function drawStatus(): void {
  const status = $("status");
  const state = running
    ? "running"
    : manual.stopped !== null
    ? "done"
    : manual.epoch > 0
    ? "paused"
    : "idle";
  status.dataset.state = state;
  status.dataset.epoch = String(manual.epoch);
  status.dataset.manualLoss = manual.epoch === 0 ? "" : String(manual.losses[manual.epoch - 1]);
  status.dataset.tfjsEpoch = String(tfjs.epoch);
  status.dataset.tfjsLoss = tfjs.epoch === 0 ? "" : String(tfjs.losses[tfjs.epoch - 1]);
  const stop = manual.stopped === null ? "" : ` · stopped: ${manual.stopped}`;
  status.textContent = `epoch ${manual.epoch}${manual.batch} · manual loss ${lossText(manual)} · ` +
    `tfjs loss ${lossText(tfjs)} (epoch ${tfjs.epoch})${stop}`;
  const rate = (e: Engine) => e.trainMs > 0 ? Math.round((e.epoch * 1000) / e.trainMs) : 0;
  const speed = $("speed");
  speed.dataset.manualEps = String(rate(manual));
  speed.dataset.tfjsEps = String(rate(tfjs));
  speed.dataset.fps = String(fps);
  speed.dataset.drawMs = drawMsShown.toFixed(1);
  speed.textContent = `manual ${rate(manual).toLocaleString("en")} epochs/s · tfjs (${
    tfjs.backend || backend
  }) ${rate(tfjs).toLocaleString("en")} epochs/s · page ${fps} frames/s (${
    drawMsShown.toFixed(1)
  } ms to draw one)`;
  const verdict = $("verdict");
  agreement.update(manual.losses, tfjs.losses, tfjs.shadow);
  const n = agreement.epochs;
  verdict.className = `verdict ${n === 0 ? "" : agreement.agree ? "agree" : "disagree"}`;
  verdict.textContent = n === 0
    ? "verdict: no epochs compared yet"
    : agreement.agree
    ? `agree on all ${n} epochs compared: |Δloss| ≤ 1e-5 + 10 × the float32 sensitivity (last Δ ${
      num(agreement.differences[n - 1])
    }, tolerance ${num(agreement.tolerances[n - 1])})`
    : `differ from epoch ${agreement.firstFailure}: |Δloss| ${
      num(agreement.differences[agreement.firstFailure - 1])
    } > tolerance ${num(agreement.tolerances[agreement.firstFailure - 1])}`;
}

function drawPictures(): void {
  drawLogChart($<HTMLCanvasElement>("loss-chart"), [
    { values: manual.losses, length: manual.losses.length, color: BLUE, dash: [] },
    { values: tfjs.losses, length: tfjs.losses.length, color: ORANGE, dash: [6, 4] },
  ], "press Run or Step");
  drawLogChart(
    $<HTMLCanvasElement>("diff-chart"),
    diffSeries(agreement.differences, agreement.tolerances),
    "no epochs compared yet",
  );
  const model = manual.model;
  if (model === null || data === null || config === null || model === drawnModel) return;
  // While training, the surfaces and the diagram are redrawn ten times a second (the loss
  // curves and the status every frame): they cost the most, and change smoothly.
  if (running && performance.now() - surfaceDrawn < SURFACE_MS) {
    dirty = true;
    return;
  }
  surfaceDrawn = performance.now();
  drawnModel = model;
  const plane = data.inputSize === 2;
  $("surface").hidden = !plane;
  const note = $("surface-note");
  note.hidden = plane;
  note.textContent = plane ? "" : `${data.inputSize} inputs: no 2-D surface to draw.`;
  if (plane) {
    const bounds = dataBounds(data);
    const layers = layerOutputs(model, gridInputs(bounds, GRID), GRID * GRID);
    drawSurface($<HTMLCanvasElement>("surface"), layers[layers.length - 1], GRID, bounds, data, [
      0,
      1,
    ]);
    drawUnits($("units"), model, layers, GRID);
  } else {
    $("units").replaceChildren();
    $("units").dataset.shape = "";
  }
  diagram.update(model);
  if (selected !== null) showWeight();
}

function showWeight(): void {
  const model = manual.model;
  if (selected === null || model === null || config === null || data === null) return;
  const { layer, i, j } = selected;
  const units = model.layers[layer].units;
  const k = i * units + j;
  const w = model.layers[layer].weights[k];
  let gradient = "";
  try {
    const g = computeGradients(config, data, model).layers[layer].weights[k];
    gradient = ` · ∂L/∂w = ${num(g)} (first batch of an epoch, at these weights)`;
  } catch (error) {
    gradient = ` · gradient: ${message(error)}`;
  }
  const before = manual.previous?.layers[layer]?.weights[k];
  const update = before === undefined
    ? " · no update yet"
    : ` · last ${manual.stepped ? "update (one batch)" : "change (since the previous frame)"} ${
      num(w - before)
    }`;
  $("weight-info").textContent = `W${layer + 1}[${i + 1},${j + 1}] = ${num(w)}${gradient}${update}`;
}

function frame(now: number): void {
  frames++;
  if (now - fpsSince >= 1000) {
    fps = Math.round((frames * 1000) / (now - fpsSince));
    drawMsShown = draws === 0 ? 0 : drawMs / draws;
    frames = draws = drawMs = 0;
    fpsSince = now;
    dirty = true;
  }
  if (dirty) {
    dirty = false;
    const t0 = performance.now();
    drawStatus();
    drawPictures();
    drawMs += performance.now() - t0;
    draws++;
  }
  requestAnimationFrame(frame);
}

// ---- explain, exports, events ----------------------------------------------------------------

function showExplain(): void {
  const lines = explained === null ? 0 : stepLines(explained).length;
  $<HTMLButtonElement>("explain-prev").disabled = explained === null || explainIndex === 0;
  $<HTMLButtonElement>("explain-next").disabled = explained === null || explainIndex >= lines - 1;
  $("explain-pos").textContent = explained === null ? "" : `${explainIndex + 1} / ${lines}`;
  if (explained !== null) showLine($("explain-body"), explained, explainIndex);
}

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function loadHash(): void {
  let settings;
  try {
    settings = decodeHash(location.hash);
    const c = resolveConfig(settings.config);
    extra = settings.config;
    backend = settings.backend;
    writeControls(c, backend);
  } catch (error) {
    writeControls(resolveConfig(), backend);
    configure();
    showError(`link: ${message(error)}`);
    return;
  }
  if (configure() && settings.run) run();
}

$("controls").addEventListener("change", (event) => {
  const target = event.target as HTMLElement;
  if (target.id === "file") return;
  if (target.id === "dataset") showDatasetFields();
  configure();
});
input("file").addEventListener("change", async () => {
  const file = input("file").files?.[0];
  if (file === undefined) return;
  try {
    fileData = parseDataFile(await file.text(), file.name);
  } catch (error) {
    fileData = null;
    showError(message(error));
    return;
  }
  configure();
});
$("run").addEventListener("click", run);
$("pause").addEventListener("click", pause);
$("step").addEventListener("click", step);
$("reset").addEventListener("click", () => configure());
$("explain-start").addEventListener("click", () => {
  if (config === null || data === null || manual.model === null) return;
  try {
    explained = explainStep(config, data, manual.model);
    explainIndex = 0;
  } catch (error) {
    showError(message(error));
  }
  showExplain();
});
$("explain-prev").addEventListener("click", () => {
  explainIndex = Math.max(0, explainIndex - 1);
  showExplain();
});
$("explain-next").addEventListener("click", () => {
  explainIndex++;
  showExplain();
});
$("export-model").addEventListener("click", () => {
  if (config === null || manual.model === null) return;
  download(
    "model.json",
    modelFileText(manual.model, config, {
      impl: "manual",
      epochsRun: manual.epoch,
      finalLoss: manual.epoch === 0 ? NaN : manual.losses[manual.epoch - 1],
      stoppedBecause: manual.stopped ?? "interrupted",
      trainMs: manual.trainMs,
    }, manual.state),
    "application/json",
  );
});
$("export-loss").addEventListener("click", () => {
  if (config === null) return;
  download(
    "loss.svg",
    lossCurveSvg([
      { label: "manual (float64)", values: manual.losses },
      { label: "tfjs (float32)", values: tfjs.losses },
    ], { title: `Loss on ${config.dataset}` }),
    "image/svg+xml",
  );
});
$("export-surface").addEventListener("click", () => {
  if (manual.model === null || data === null) return;
  if (data.inputSize !== 2) return showError(`${data.inputSize} inputs: no 2-D surface to export`);
  download("surface.svg", boundarySvg(manual.model, data), "image/svg+xml");
});
globalThis.addEventListener("hashchange", loadHash);
globalThis.addEventListener("resize", () => {
  forgetSizes();
  dirty = true;
  drawnModel = null;
});

loadHash();
requestAnimationFrame(frame);
