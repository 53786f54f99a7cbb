/**
 * Test code: the reference engine of `@backprop/manual` as an `Engine` that
 * `verify` can step through, and a catalogue of realistic backpropagation bugs,
 * each planted in a copy of one of its pieces (the forward pass, the loss's δ,
 * the backward pass, the update, the batch's rows). `verify` must fail every one
 * of them; the sweep's report shows which checks caught each (see `sweep.ts`).
 *
 * @module
 */

import type { Activation, ResolvedConfig, TrainConfig } from "@backprop/core";
import {
  activation,
  type Gradients as RefGradients,
  matMul,
  type Matrix,
  type Net,
  type Pass,
  tensors,
  timesDerivative,
  transpose,
} from "@backprop/manual";
import type { Engine } from "./engine.ts";
import { type Pieces, REFERENCE, referenceEngine } from "./reference_engine.ts";

export { referenceEngine };

/** One planted bug: what it is, a config where it shows, and the faulty engine. */
export interface Bug {
  /** Short id, e.g. `wrong-derivative`. */
  id: string;
  /** What the bug is, in a sentence. */
  title: string;
  /** A config on which the bug changes something (dataset included). */
  config: TrainConfig;
  /** The reference engine with the bug. */
  engine: Engine;
}

/** A backward pass like the reference's, with `fPrime` in place of f′(z) ⊙ g for hidden layers. */
function backwardWith(
  fPrime: (f: Activation, g: number, a: number, z: number) => number,
): Pieces["backward"] {
  return (_config, net, pass, deltaOut) => {
    const delta: Matrix[] = net.layers.map(() => deltaOut);
    for (let l = net.layers.length - 1; l > 0; l--) {
      const f = net.layers[l - 1].f;
      delta[l - 1] = matMul(delta[l], transpose(net.layers[l].W)).map((row, r) =>
        row.map((g, i) => fPrime(f, g, pass.a[l][r][i], pass.z[l - 1][r][i]))
      );
    }
    return { g: gradientsFrom(net, pass, delta, deltaOut), updated: false };
  };
}

function gradientsFrom(net: Net, pass: Pass, delta: Matrix[], deltaOut: Matrix): RefGradients {
  return {
    delta,
    W: delta.map((d, l) => matMul(transpose(pass.a[l]), d)),
    b: delta.map((d) => net.useBias ? matMul([d.map(() => 1)], d) : [d[0].map(() => 0)]),
    Ws: net.Ws === null ? null : matMul(transpose(pass.a[0]), deltaOut),
  };
}

/** Gradients of the reference backward pass, then changed by `edit`. */
function editGradients(edit: (g: RefGradients) => RefGradients): Pieces["backward"] {
  return (config, net, pass, delta) => ({
    g: edit(REFERENCE.backward(config, net, pass, delta).g),
    updated: false,
  });
}

/** The reference update with each tensor's step computed by `rule`. */
function updateWith(
  rule: (
    config: ResolvedConfig,
    theta: number,
    g: number,
    m: number[],
    s: number[],
    j: number,
    c1: number,
    c2: number,
  ) => number,
): Pieces["update"] {
  return (config, net, g, state) => {
    state.beta1Power *= config.beta1;
    state.beta2Power *= config.beta2;
    const c1 = 1 - state.beta1Power, c2 = 1 - state.beta2Power;
    tensors(net, g).forEach(({ theta, grad }, t) => {
      theta.forEach((row, r) =>
        row.forEach((_, j) => {
          row[j] = rule(config, row[j], grad[r][j], state.m[t][r], state.s[t][r], j, c1, c2);
        })
      );
    });
  };
}

/** The reference loss with δ_out multiplied by `factor(y)`: a wrong constant. */
function scaledDelta(factor: (y: Matrix) => number): Pieces["loss"] {
  return (config, pass, y) => {
    const out = REFERENCE.loss(config, pass, y);
    const f = factor(y);
    return { loss: out.loss, delta: out.delta.map((row) => row.map((d) => d * f)) };
  };
}

const zeros = (m: Matrix): Matrix => m.map((row) => row.map(() => 0));

/**
 * The catalogue: 13 bugs, each with a config on which it changes the numbers.
 *
 * @example
 * ```ts
 * import { BUGS } from "@backprop/verify/bugs";
 * BUGS.length >= 12; // true
 * ```
 */
export const BUGS: readonly Bug[] = [
  {
    id: "wrong-derivative",
    title: "tanh′ taken as 1 − a instead of 1 − a² (sigmoid′ as 1 − a, relu′ as 1)",
    config: { activation: "tanh", dataset: "xor", epochs: 200 },
    engine: referenceEngine(
      "wrong-derivative",
      {
        backward: backwardWith((f, g, a) =>
          f === "tanh" || f === "sigmoid"
            ? g * (1 - a)
            : f === "relu"
            ? g
            : timesDerivative(f, g, a)
        ),
      },
    ),
  },
  {
    id: "derivative-of-output",
    title: "f′ evaluated at the output a = f(z) instead of at z (tanh′(tanh z))",
    config: { activation: "tanh", dataset: "xor", epochs: 200 },
    engine: referenceEngine("derivative-of-output", {
      backward: backwardWith((f, g, a) => timesDerivative(f, g, activation(f, a))),
    }),
  },
  {
    id: "bias-gradient-missing",
    title: "∂L/∂b left at 0: the biases never learn",
    config: { activation: "tanh", dataset: "xor", epochs: 200 },
    engine: referenceEngine("bias-gradient-missing", {
      backward: editGradients((g) => ({ ...g, b: g.b.map(zeros) })),
    }),
  },
  {
    id: "bias-gradient-first-row",
    title: "∂L/∂b taken from the first row of δ instead of summed over the rows",
    config: { activation: "tanh", dataset: "parity:3", batchSize: 4, epochs: 100 },
    engine: referenceEngine("bias-gradient-first-row", {
      backward: editGradients((g) => ({ ...g, b: g.delta.map((d) => [d[0].slice()]) })),
    }),
  },
  {
    id: "transposed-weight-gradient",
    title: "∂L/∂W stored transposed: δᵀ·a read back as [inputs, units]",
    config: { activation: "tanh", dataset: "xor", hidden: [3], epochs: 100 },
    engine: referenceEngine("transposed-weight-gradient", {
      backward: editGradients((g) => ({
        ...g,
        W: g.W.map((w) => {
          const flat = transpose(w).flat();
          return w.map((row, i) => row.map((_, j) => flat[i * row.length + j]));
        }),
      })),
    }),
  },
  {
    id: "sum-not-mean",
    title: "bce's δ_out not divided by the batch's n·k: the gradient of the sum, not the mean",
    config: { activation: "tanh", loss: "bce", dataset: "xor", epochs: 100 },
    engine: referenceEngine("sum-not-mean", {
      loss: scaledDelta((y) => y.length * y[0].length),
    }),
  },
  {
    id: "mse-without-2",
    title: "mse's δ_out without its factor 2: (o − y)·f′(z)/(n·k)",
    config: { activation: "tanh", loss: "mse", dataset: "xor", epochs: 100 },
    engine: referenceEngine("mse-without-2", {
      loss: scaledDelta(() => 1 / 2),
    }),
  },
  {
    id: "momentum-wrong-sign",
    title: "momentum's velocity decays with the wrong sign: v ← −μ·v + g",
    config: { activation: "tanh", optimizer: "momentum", learningRate: 0.1, epochs: 100 },
    engine: referenceEngine("momentum-wrong-sign", {
      update: updateWith((config, theta, g, m, _s, j) => {
        m[j] = -config.momentum * m[j] + g;
        return theta - config.learningRate * m[j];
      }),
    }),
  },
  {
    id: "adam-no-bias-correction",
    title: "Adam without bias correction: m and s used as they are, not m/(1 − β1ᵗ), s/(1 − β2ᵗ)",
    config: { activation: "tanh", optimizer: "adam", epochs: 100 },
    engine: referenceEngine("adam-no-bias-correction", {
      update: updateWith((config, theta, g, m, s, j) => {
        m[j] = config.beta1 * m[j] + (1 - config.beta1) * g;
        s[j] = config.beta2 * s[j] + (1 - config.beta2) * g * g;
        return theta - config.learningRate * m[j] / (Math.sqrt(s[j]) + config.epsilon);
      }),
    }),
  },
  {
    id: "adam-epsilon-inside-sqrt",
    title: "Adam's ε inside the square root: √(ŝ + ε) instead of √ŝ + ε",
    config: { activation: "tanh", optimizer: "adam", epochs: 100 },
    engine: referenceEngine("adam-epsilon-inside-sqrt", {
      update: updateWith((config, theta, g, m, s, j, c1, c2) => {
        m[j] = config.beta1 * m[j] + (1 - config.beta1) * g;
        s[j] = config.beta2 * s[j] + (1 - config.beta2) * g * g;
        return theta - config.learningRate * (m[j] / c1) / Math.sqrt(s[j] / c2 + config.epsilon);
      }),
    }),
  },
  {
    id: "update-before-delta",
    title: "each layer updated (sgd) as soon as its gradient is known, before δ of the layer " +
      "below is computed from its W",
    config: {
      activation: "tanh",
      optimizer: "sgd",
      learningRate: 0.5,
      dataset: "xor",
      epochs: 100,
    },
    engine: referenceEngine("update-before-delta", {
      backward: (config, net, pass, deltaOut) => {
        const delta: Matrix[] = net.layers.map(() => deltaOut);
        const W: Matrix[] = [], b: Matrix[] = [];
        const Ws = net.Ws === null ? null : matMul(transpose(pass.a[0]), deltaOut);
        for (let l = net.layers.length - 1; l >= 0; l--) {
          const layer = net.layers[l];
          W[l] = matMul(transpose(pass.a[l]), delta[l]);
          b[l] = net.useBias
            ? matMul([delta[l].map(() => 1)], delta[l])
            : [delta[l][0].map(() => 0)];
          layer.W.forEach((row, i) =>
            row.forEach((_, j) => row[j] -= config.learningRate * W[l][i][j])
          );
          if (net.useBias) {
            layer.b[0].forEach((_, j) => layer.b[0][j] -= config.learningRate * b[l][0][j]);
          }
          if (l > 0) {
            const f = net.layers[l - 1].f;
            delta[l - 1] = matMul(delta[l], transpose(layer.W)).map((row, r) =>
              row.map((g, i) => timesDerivative(f, g, pass.a[l][r][i]))
            );
          }
        }
        if (net.Ws !== null && Ws !== null) {
          net.Ws.forEach((row, i) =>
            row.forEach((_, j) => row[j] -= config.learningRate * Ws[i][j])
          );
        }
        return { g: { delta, W, b, Ws }, updated: true };
      },
    }),
  },
  {
    id: "batch-off-by-one",
    title: "batch b takes rows order[start + 1 … start + size] (wrapping): an off-by-one",
    config: { activation: "tanh", dataset: "parity:3", batchSize: 2, epochs: 50 },
    engine: referenceEngine("batch-off-by-one", {
      rows: (order, start, size, total) =>
        Array.from({ length: size }, (_, r) => order[(start + r + 1) % total]),
    }),
  },
  {
    id: "shortcut-gradient-missing",
    title: "the shortcut's gradient ∂L/∂W_s left out (W_s never learns)",
    config: { activation: "tanh", dataset: "xor", shortcut: true, epochs: 100 },
    engine: referenceEngine("shortcut-gradient-missing", {
      backward: editGradients((g) => ({ ...g, Ws: g.Ws === null ? null : zeros(g.Ws) })),
    }),
  },
];
