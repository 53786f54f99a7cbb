/**
 * Seeded two-dimensional classification problems in the style of the
 * TensorFlow Playground: `circle`, `gauss`, `xor2d` and `spiral`. Each gives a
 * {@linkcode Dataset} with 2 inputs (x, y) and 1 target in {0, 1}.
 *
 * Every generator first works in the Playground's units, where the points fill
 * the square [−5, 5]², and then divides both coordinates by
 * {@linkcode GENERATOR_SCALE} = 5, so the inputs lie in about [−1, 1]. Unit-scale
 * inputs keep tanh and sigmoid units out of their flat tails at the start: with
 * Glorot weights and inputs of size 5 a hidden unit's z would often be ±3 or
 * more, where the gradient f'(z) is under 0.01, and training would crawl.
 *
 * Row r comes from class 1's process when r is even and from class 0's when r
 * is odd (except `xor2d`, whose class follows from where the point falls), so
 * classes alternate and any prefix of the rows is balanced.
 *
 * The points come from `new Mt19937((seed ^ 0xc2b2ae35) >>> 0)`: a stream
 * distinct from the weight initialisation's (`Mt19937(seed)`), the batch
 * order's (`seed ^ 0x9e3779b9`) and the train/test split's (`seed ^ 0x85ebca6b`),
 * so using one seed everywhere does not correlate the data with the weights.
 *
 * @module
 */

import { type Dataset, GATE_NAMES, loadDataset } from "./dataset.ts";
import { MAX_SEED, PARITY_RANGE, SAMPLES_RANGE } from "./limits.ts";
import { Mt19937 } from "./rng.ts";
import { parseShippedDataset, SHIPPED_DATASETS, SHIPPED_NAMES } from "./shipped.ts";
import { fail } from "./_private.ts";

/** Names of the generated 2-D problems. */
export type GeneratorName = "circle" | "gauss" | "xor2d" | "spiral";

/** The generated 2-D problems, in the order help text lists them. */
export const GENERATOR_NAMES: readonly GeneratorName[] = ["circle", "gauss", "xor2d", "spiral"];

/**
 * Every name {@linkcode loadNamedDataset} accepts: the generators, the gates and
 * `parity:N`, as help text and error messages list them.
 */
export const NAMED_DATASETS: readonly string[] = [
  ...GENERATOR_NAMES,
  ...GATE_NAMES,
  ...SHIPPED_NAMES,
  `parity:N (N from ${PARITY_RANGE.min} to ${PARITY_RANGE.max})`,
];

/** Playground units per input unit: generated coordinates are divided by this. */
export const GENERATOR_SCALE = 5;

/** Options of {@linkcode generateDataset}; every field is optional. */
export interface GeneratorOptions {
  /**
   * Number of rows, an integer from 4 to 100 000.
   * @default {200}
   */
  samples?: number;
  /**
   * Amount of noise, a fraction in [0, 1] as the Playground's "Noise" slider
   * (which goes to 0.5). What it scales depends on the problem; see
   * {@linkcode generateDataset}.
   * @default {0}
   */
  noise?: number;
  /**
   * Seed of the points, an integer in [0, 2^32 − 1].
   * @default {42}
   */
  seed?: number;
  /**
   * Reads a shipped dataset's file (`iris.csv`…, see {@linkcode SHIPPED_DATASETS})
   * and returns its text; without it a shipped name is refused. The CLI's reads `data/`.
   * @default {undefined}
   */
  readShipped?: (file: string) => string;
}

function resolveOptions(
  options: GeneratorOptions,
): Required<Omit<GeneratorOptions, "readShipped">> {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    fail(TypeError, "options", options, "expected an object with samples, noise and seed");
  }
  const samples = options.samples ?? 200;
  const noise = options.noise ?? 0;
  const seed = options.seed ?? 42;
  const { min, max } = SAMPLES_RANGE;
  if (typeof samples !== "number") fail(TypeError, "samples", samples, "expected a number");
  if (!Number.isInteger(samples) || samples < min || samples > max) {
    fail(RangeError, "samples", samples, `expected an integer from ${min} to ${max}`);
  }
  if (typeof noise !== "number") fail(TypeError, "noise", noise, "expected a number");
  if (!(noise >= 0 && noise <= 1)) fail(RangeError, "noise", noise, "expected a number in [0, 1]");
  if (typeof seed !== "number") fail(TypeError, "seed", seed, "expected a number");
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    fail(RangeError, "seed", seed, `expected an integer from 0 to ${MAX_SEED}`);
  }
  return { samples, noise, seed };
}

/** Draws row `row`: its (x, y) in Playground units and its target. */
type Draw = (rng: Mt19937, row: number, noise: number) => [x: number, y: number, label: number];

const TAU = 2 * Math.PI;

// circle: class 1 at radius ρ ~ U(0, 2.5), class 0 at ρ ~ U(3.5, 5), angle θ ~ U(0, 2π);
// ρ itself is uniform, so points crowd towards the centre, as in the Playground.
// The label is 1 when the point moved by δ ~ U(−5·noise, 5·noise)² lies within radius 2.5;
// the point itself is not moved, so noise flips labels near the boundary.
const circle: Draw = (rng, row, noise) => {
  const rho = row % 2 === 0 ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
  const theta = rng.uniform(0, TAU);
  const x = rho * Math.cos(theta);
  const y = rho * Math.sin(theta);
  const dx = rng.uniform(-5, 5) * noise;
  const dy = rng.uniform(-5, 5) * noise;
  return [x, y, Math.hypot(x + dx, y + dy) < 2.5 ? 1 : 0];
};

// gauss: class 1 around (2, 2), class 0 around (−2, −2), each coordinate
// c + σ·z with z ~ N(0, 1) and variance σ² = 0.5 + 7·noise: the Playground's map
// from noise [0, 0.5] to variance [0.5, 4], continued to 7.5 at noise 1.
// z comes in pairs from Box–Muller: with u1 = 1 − U ∈ (0, 1] (so ln u1 is finite)
// and u2 = U, z1 = √(−2 ln u1)·cos(2π u2), z2 = √(−2 ln u1)·sin(2π u2).
const gauss: Draw = (rng, row, noise) => {
  const label = row % 2 === 0 ? 1 : 0;
  const centre = label === 1 ? 2 : -2;
  const sigma = Math.sqrt(0.5 + 7 * noise);
  const radius = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
  const angle = TAU * rng.nextDouble();
  return [
    centre + sigma * radius * Math.cos(angle),
    centre + sigma * radius * Math.sin(angle),
    label,
  ];
};

// xor2d: u, v ~ U(−5, 5), each pushed 0.3 away from 0 (x = u + 0.3 for u > 0, else u − 0.3),
// so |x|, |y| ∈ [0.3, 5.3]: the Playground's margin around the axes. The label is
// xor(x > 0, y > 0), i.e. 1 when x·y < 0, decided at the point moved by
// δ ~ U(−5·noise, 5·noise)²; the point itself is not moved.
// (The Playground colours x·y ≥ 0 as its positive class; here class 1 is the xor gate's
// 1, so rows (±1, ±1) agree with `xor` read with 0 ↦ −1 and 1 ↦ +1.)
const xor2d: Draw = (rng, _row, noise) => {
  const u = rng.uniform(-5, 5);
  const v = rng.uniform(-5, 5);
  const x = u + (u > 0 ? 0.3 : -0.3);
  const y = v + (v > 0 ? 0.3 : -0.3);
  const dx = rng.uniform(-5, 5) * noise;
  const dy = rng.uniform(-5, 5) * noise;
  return [x, y, (x + dx) * (y + dy) < 0 ? 1 : 0];
};

// spiral: class 1 on the arm t = 3.5π·s, class 0 on the arm turned by π, with
// s ~ U(0, 1), radius 5·s and point (r·sin t, r·cos t): two interleaved arms of
// 1.75 turns each, as in the Playground (which spaces s evenly instead of drawing it).
// Noise moves the point by U(−noise, noise) on each axis; the label stays the arm's.
const spiral: Draw = (rng, row, noise) => {
  const label = row % 2 === 0 ? 1 : 0;
  const s = rng.nextDouble();
  const r = 5 * s;
  const t = 3.5 * Math.PI * s + (label === 1 ? 0 : Math.PI);
  const dx = rng.uniform(-1, 1) * noise;
  const dy = rng.uniform(-1, 1) * noise;
  return [r * Math.sin(t) + dx, r * Math.cos(t) + dy, label];
};

const DRAWS: Record<GeneratorName, Draw> = { circle, gauss, xor2d, spiral };

/**
 * Generates a 2-D problem: `samples` rows of inputs (x, y) / 5 and a target in {0, 1}.
 * In the Playground's units, before dividing by 5 (U is uniform, N normal):
 *
 * - `circle`: even rows at radius U(0, 2.5), odd rows at radius U(3.5, 5), angle U(0, 2π);
 *   target 1 when the point moved by U(−5·noise, 5·noise) on each axis is within radius
 *   2.5 (noise flips labels near the circle; the stored point is not moved).
 * - `gauss`: even rows (target 1) from N((2, 2), σ²·I), odd rows (target 0) from
 *   N((−2, −2), σ²·I), σ² = 0.5 + 7·noise (noise widens the clusters).
 * - `xor2d`: x, y from U(−5, 5), pushed 0.3 away from 0; target 1 when the point moved
 *   by U(−5·noise, 5·noise) on each axis has x·y < 0 (noise flips labels near the axes).
 * - `spiral`: even rows (target 1) at s ~ U(0, 1) on the arm (5s·sin 3.5πs, 5s·cos 3.5πs),
 *   odd rows (target 0) on the same arm turned by π; noise adds U(−noise, noise) to
 *   each coordinate.
 *
 * Throws a `RangeError`/`TypeError` naming `dataset`, `samples`, `noise` or `seed`.
 *
 * @example Noise-free circle: targets follow the radius 0.5 rule exactly
 * ```ts
 * import { generateDataset } from "@backprop/core";
 * const d = generateDataset("circle", { samples: 100, seed: 7 });
 * d.rows; // 100
 * const [x, y] = d.inputs;
 * d.targets[0] === (Math.hypot(x, y) < 0.5 ? 1 : 0); // true
 * ```
 */
export function generateDataset(name: GeneratorName, options: GeneratorOptions = {}): Dataset {
  if (typeof name !== "string" || !Object.hasOwn(DRAWS, name)) {
    fail(
      typeof name === "string" ? RangeError : TypeError,
      "dataset",
      name,
      `expected one of ${GENERATOR_NAMES.join(", ")}`,
    );
  }
  const { samples, noise, seed } = resolveOptions(options);
  const draw = DRAWS[name];
  const rng = new Mt19937((seed ^ 0xc2b2ae35) >>> 0);
  const inputs = new Float64Array(samples * 2);
  const targets = new Float64Array(samples);
  for (let r = 0; r < samples; r++) {
    const [x, y, label] = draw(rng, r, noise);
    inputs[2 * r] = x / GENERATOR_SCALE;
    inputs[2 * r + 1] = y / GENERATOR_SCALE;
    targets[r] = label;
  }
  return { name, rows: samples, inputSize: 2, outputSize: 1, inputs, targets };
}

/**
 * Loads any named dataset: a generator name (see {@linkcode generateDataset},
 * using `options`) or a built-in of {@linkcode loadDataset} (`xor`, `and`, `or`,
 * `nand`, `xnor`, `parity:N`), which have fixed rows, or a shipped real dataset
 * (`iris`, `wine`, `breast-cancer`, `digits`) read by `options.readShipped`. `options` is checked for
 * every name, so a bad value never passes silently. An unknown name throws a
 * `RangeError` naming `dataset` and listing {@linkcode NAMED_DATASETS}.
 *
 * @example
 * ```ts
 * import { loadNamedDataset } from "@backprop/core";
 * loadNamedDataset("spiral", { samples: 300, noise: 0.1 }).rows; // 300
 * loadNamedDataset("xor").rows; // 4
 * ```
 */
export function loadNamedDataset(name: string, options: GeneratorOptions = {}): Dataset {
  if (typeof name !== "string") {
    fail(TypeError, "dataset", name, `expected one of ${NAMED_DATASETS.join(", ")}`);
  }
  resolveOptions(options);
  if ((GENERATOR_NAMES as readonly string[]).includes(name)) {
    return generateDataset(name as GeneratorName, options);
  }
  if (GATE_NAMES.includes(name) || name.startsWith("parity:")) return loadDataset(name);
  if (SHIPPED_NAMES.includes(name)) {
    if (options.readShipped === undefined) {
      fail(
        RangeError,
        "dataset",
        name,
        `a shipped dataset: read data/${
          SHIPPED_DATASETS[name].file
        } and pass its text to parseShippedDataset, or give readShipped`,
      );
    }
    return parseShippedDataset(name, options.readShipped(SHIPPED_DATASETS[name].file));
  }
  return fail(RangeError, "dataset", name, `expected one of ${NAMED_DATASETS.join(", ")}`);
}
