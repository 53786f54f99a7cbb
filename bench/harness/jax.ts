/**
 * jax-js (`@jax-js/jax` 0.1.25), another outside peer for the speed tables: the
 * same network, loss and optimizer written as a jax-js function, differentiated
 * with `valueAndGrad` and compiled with `jit`, one call per optimizer step, on
 * its `cpu` or `wasm` device, in float32 (its default, as TF.js's). Only the
 * bench imports jax-js.
 *
 * What it covers: full-batch training with sgd or Adam, sigmoid, tanh, relu or
 * linear layers, sse, mse or bce, with or without biases, from our `initModel`
 * weights. Not covered (reported as absent): mini-batches, momentum, leaky-relu,
 * the shortcut.
 *
 * @module
 */

import {
  type Array as JaxArray,
  defaultDevice,
  init,
  jit,
  nn,
  numpy as np,
  valueAndGrad,
} from "@jax-js/jax";
import { type Dataset, initModel, type ResolvedConfig, type TrainResult } from "@backprop/core";

/** The jax-js version the bench pins. */
export const JAX_VERSION = "0.1.25";

/** A jax-js device the bench times. */
export type JaxDevice = "cpu" | "wasm";

/** Why the jax-js trainer cannot run `config`, or null when it can. */
export function jaxMismatch(config: ResolvedConfig): string | null {
  if (config.batchSize !== "full") return "the bench's jax-js trainer runs full batches only";
  if (config.optimizer === "momentum") return "the bench's jax-js trainer has sgd and Adam only";
  if (config.activation === "leaky-relu") return "the bench's jax-js trainer has no leaky-relu";
  if (config.shortcut) return "the bench's jax-js trainer has no shortcut";
  return null;
}

const ready = new Map<JaxDevice, Promise<unknown>>();
type Step = (
  p: JaxArray[],
  m: JaxArray[],
  s: JaxArray[],
  c: JaxArray,
  x: JaxArray,
  y: JaxArray,
) => unknown;
const steps = new Map<string, Step>();

/** f(z) for a layer's activation (jax-js's ownership rules: `z` is consumed). */
function activate(name: string, z: JaxArray): JaxArray {
  switch (name) {
    case "sigmoid":
      return nn.sigmoid(z);
    case "tanh":
      return np.tanh(z);
    case "relu":
      return nn.relu(z);
    default:
      return z;
  }
}

/**
 * Trains `config` on `data` with jax-js on `device`: one jitted call per epoch
 * (full batch), each epoch's loss read back as it comes.
 */
export async function trainJax(
  config: ResolvedConfig,
  data: Dataset,
  device: JaxDevice,
): Promise<TrainResult> {
  const problem = jaxMismatch(config);
  if (problem !== null) throw new RangeError(problem);
  if (!ready.has(device)) ready.set(device, init(device));
  await ready.get(device);
  defaultDevice(device);
  const model = initModel(config, data.inputSize, data.outputSize);
  const f32 = (values: ArrayLike<number>, shape: number[]) =>
    np.array(Float32Array.from(values)).reshape(shape);
  const layers = model.layers;
  let params: JaxArray[] = layers.flatMap((l) =>
    model.useBias
      ? [f32(l.weights, [l.inputs, l.units]), f32(l.biases, [l.units])]
      : [f32(l.weights, [l.inputs, l.units])]
  );
  const per = model.useBias ? 2 : 1;
  const values = data.rows * data.outputSize;

  // The loss of the batch; every argument is consumed once (jax-js's reference counting).
  const loss = (p: JaxArray[], x: JaxArray, y: JaxArray): JaxArray => {
    let a = x;
    let z = x;
    for (let l = 0; l < layers.length; l++) {
      z = np.matmul(a, p[l * per]);
      if (model.useBias) z = z.add(p[l * per + 1]);
      const f = l === layers.length - 1 ? config.outputActivation : config.activation;
      a = activate(f, z.ref);
    }
    const yRef = y;
    if (config.loss === "bce") {
      // max(z, 0) − z·y + ln(1 + e^−|z|), as the engines compute it
      a.dispose();
      const terms = np.maximum(z.ref, 0).sub(z.ref.mul(yRef)).add(
        np.log1p(np.exp(np.absolute(z).mul(-1))),
      );
      return terms.sum().div(values);
    }
    z.dispose();
    const e = a.sub(yRef);
    const sum = e.ref.mul(e).sum();
    return config.loss === "sse" ? sum.mul(0.5) : sum.div(values);
  };

  const lr = config.learningRate;
  const { beta1: b1, beta2: b2, epsilon: eps } = config;
  const adam = config.optimizer === "adam";
  let m = adam ? params.map((p) => np.zerosLike(p.ref)) : [];
  let s = adam ? params.map((p) => np.zerosLike(p.ref)) : [];
  // One jitted step per network shape and settings, kept across runs as a user's process would
  // keep it: the bench's repetitions then time training, not jax-js compiling the same step.
  const key = JSON.stringify([
    device,
    model.layerSizes,
    model.useBias,
    config.activation,
    config.outputActivation,
    config.loss,
    config.optimizer,
    lr,
    b1,
    b2,
    eps,
    data.rows,
  ]);
  const step = steps.get(key) ?? jit(
    (p: JaxArray[], mm: JaxArray[], ss: JaxArray[], c: JaxArray, x: JaxArray, y: JaxArray) => {
      const [value, grads] = valueAndGrad(loss)(p.map((t) => t.ref), x, y);
      if (!adam) {
        mm.forEach((t) => t.dispose());
        ss.forEach((t) => t.dispose());
        c.dispose();
        return [p.map((t, i) => t.sub(grads[i].mul(lr))), [], [], value];
      }
      // c = [1 − β1ᵗ, 1 − β2ᵗ]
      const c1 = c.ref.slice(0), c2 = c.slice(1);
      const m2 = mm.map((t, i) => t.mul(b1).add(grads[i].ref.mul(1 - b1)));
      const s2 = ss.map((t, i) => t.mul(b2).add(grads[i].ref.mul(grads[i]).mul(1 - b2)));
      const p2 = p.map((t, i) =>
        t.sub(
          m2[i].ref.div(c1.ref).mul(lr).div(np.sqrt(s2[i].ref.div(c2.ref)).add(eps)),
        )
      );
      c1.dispose();
      c2.dispose();
      return [p2, m2, s2, value];
    },
  );
  steps.set(key, step);
  const x = f32(data.inputs, [data.rows, data.inputSize]);
  const y = f32(data.targets, [data.rows, data.outputSize]);
  const history = new Float64Array(config.epochs);
  let p1 = 1, p2 = 1, epochs = 0;
  let stopped: TrainResult["stoppedBecause"] = "epochs";
  const t0 = performance.now();
  while (epochs < config.epochs) {
    p1 *= b1, p2 *= b2;
    const c = np.array(Float32Array.of(1 - p1, 1 - p2));
    const out = step(params, m, s, c, x.ref, y.ref) as unknown as [
      JaxArray[],
      JaxArray[],
      JaxArray[],
      JaxArray,
    ];
    [params, m, s] = out;
    // Read every epoch's loss as it comes, as the engines report it (and as TF.js's trainer
    // does): leaving them unread lets jax-js's pending work pile up, which measured slower.
    history[epochs++] = out[3].js() as number;
    const last = history[epochs - 1];
    if (!(last >= config.targetLoss && last < Infinity)) {
      stopped = last < config.targetLoss ? "target-loss" : "diverged";
      break;
    }
  }
  const trainMs = performance.now() - t0;
  x.dispose(), y.dispose();
  [...m, ...s].forEach((t) => t.dispose());
  // The trained weights, back as our model's flat lists.
  const trained = params.map((t) => (t.js() as number[] | number[][]).flat());
  const result = structuredClone(model);
  result.layers.forEach((l, i) => {
    l.weights = Array.from(trained[i * per]);
    if (model.useBias) l.biases = Array.from(trained[i * per + 1]);
  });
  const lossHistory = history.slice(0, epochs);
  return {
    epochsRun: epochs,
    finalLoss: lossHistory[epochs - 1],
    lossHistory,
    stoppedBecause: stopped,
    model: result,
    timing: { trainMs, usPerEpoch: (trainMs * 1000) / epochs },
  };
}
