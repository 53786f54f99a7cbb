/// <reference lib="dom" />
/**
 * The form: the config fields it holds, read into a `TrainConfig` (which
 * `resolveConfig` then checks) and written back from a resolved config.
 *
 * @module
 */

import { CHOICES, type Dataset, type ResolvedConfig, type TrainConfig } from "@backprop/core";
import type { PageBackend } from "../config_hash.ts";

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement>(id);

function fillSelect(id: string, values: readonly string[]): void {
  $(id).replaceChildren(...values.map((v) => new Option(v, v)));
}
/** Fills the choice lists from core's `CHOICES`. */
export function fillSelects(): void {
  fillSelect("activation", CHOICES.activation);
  fillSelect("outputActivation", CHOICES.outputActivation);
  fillSelect("loss", CHOICES.loss);
  fillSelect("optimizer", CHOICES.optimizer);
}

function numberField(id: string): number {
  const text = input(id).value.trim();
  return text === "" ? NaN : Number(text);
}

/** The config fields the controls hold, over the fields only the hash sets. */
export function readControls(extra: TrainConfig, fileData: Dataset | null): TrainConfig {
  const choice = $<HTMLSelectElement>("dataset").value;
  const dataset = choice === "parity"
    ? `parity:${input("parity").value}`
    : choice === "file"
    ? (fileData?.name ?? "")
    : choice;
  const hiddenText = input("hidden").value.trim();
  const batch = input("batchSize").value.trim();
  const fields: Record<string, unknown> = {
    ...extra,
    dataset,
    samples: numberField("samples"),
    noise: numberField("noise"),
    hidden: hiddenText === "" ? [] : hiddenText.split(/[\s,]+/).map(Number),
    activation: $<HTMLSelectElement>("activation").value,
    outputActivation: $<HTMLSelectElement>("outputActivation").value,
    loss: $<HTMLSelectElement>("loss").value,
    optimizer: $<HTMLSelectElement>("optimizer").value,
    learningRate: numberField("learningRate"),
    batchSize: batch === "full" ? "full" : batch === "" ? NaN : Number(batch),
    epochs: numberField("epochs"),
    targetLoss: numberField("targetLoss"),
    seed: numberField("seed"),
  };
  return fields as TrainConfig;
}

/** Shows `c` and `backend` in the controls. */
export function writeControls(c: ResolvedConfig, backend: PageBackend): void {
  const parity = /^parity:(\d+)$/.exec(c.dataset);
  const named = ["xor", "and", "or", "nand", "xnor", "circle", "gauss", "xor2d", "spiral"];
  $<HTMLSelectElement>("dataset").value = parity
    ? "parity"
    : named.includes(c.dataset)
    ? c.dataset
    : "file";
  if (parity) input("parity").value = parity[1];
  input("samples").value = String(c.samples);
  input("noise").value = String(c.noise);
  input("hidden").value = c.hidden.join(",");
  for (const id of ["activation", "outputActivation", "loss", "optimizer"] as const) {
    $<HTMLSelectElement>(id).value = c[id];
  }
  input("learningRate").value = String(c.learningRate);
  input("batchSize").value = String(c.batchSize);
  input("epochs").value = String(c.epochs);
  input("targetLoss").value = String(c.targetLoss);
  input("seed").value = String(c.seed);
  $<HTMLSelectElement>("backend").value = backend;
  showDatasetFields();
}

/** Shows the fields that belong to the chosen dataset, hides the others. */
export function showDatasetFields(): void {
  const choice = $<HTMLSelectElement>("dataset").value;
  const generated = ["circle", "gauss", "xor2d", "spiral"].includes(choice);
  for (const el of document.querySelectorAll<HTMLElement>(".for-parity")) {
    el.classList.toggle("hidden", choice !== "parity");
  }
  for (const el of document.querySelectorAll<HTMLElement>(".for-generated")) {
    el.classList.toggle("hidden", !generated);
  }
  for (const el of document.querySelectorAll<HTMLElement>(".for-file")) {
    el.classList.toggle("hidden", choice !== "file");
  }
}
