import assert from "node:assert/strict";
import { GATE_NAMES, loadDataset } from "./dataset.ts";
import {
  generateDataset,
  GENERATOR_NAMES,
  GENERATOR_SCALE,
  type GeneratorName,
  loadNamedDataset,
  NAMED_DATASETS,
} from "./generators.ts";
import { SAMPLES_RANGE } from "./limits.ts";
import { Mt19937 } from "./rng.ts";
import { caught, throwsWith } from "./_testing.ts";

/** Row r's (x, y) and target. */
function row(
  d: { inputs: Float64Array; targets: Float64Array },
  r: number,
): [number, number, number] {
  return [d.inputs[2 * r], d.inputs[2 * r + 1], d.targets[r]];
}

function ones(d: { targets: Float64Array }): number {
  return d.targets.reduce((a, b) => a + b, 0);
}

Deno.test("generateDataset: shape, name, finite inputs and 0/1 targets for every generator", () => {
  for (const name of GENERATOR_NAMES) {
    for (const noise of [0, 0.5, 1]) {
      const d = generateDataset(name, { samples: 301, noise, seed: 3 });
      assert.equal(d.name, name);
      assert.equal(d.rows, 301);
      assert.equal(d.inputSize, 2);
      assert.equal(d.outputSize, 1);
      assert.ok(d.inputs instanceof Float64Array && d.inputs.length === 602);
      assert.ok(d.targets instanceof Float64Array && d.targets.length === 301);
      assert.ok(d.inputs.every(Number.isFinite), `${name} noise ${noise}: non-finite input`);
      assert.ok(d.targets.every((t) => t === 0 || t === 1), `${name}: target not 0/1`);
    }
  }
});

Deno.test("generateDataset: defaults are 200 samples, noise 0, seed 42", () => {
  for (const name of GENERATOR_NAMES) {
    assert.deepEqual(
      generateDataset(name),
      generateDataset(name, { samples: 200, noise: 0, seed: 42 }),
    );
    assert.equal(generateDataset(name).rows, 200);
  }
});

Deno.test("generateDataset: the same seed gives the same rows; another seed other rows", () => {
  for (const name of GENERATOR_NAMES) {
    for (const noise of [0, 0.3]) {
      const a = generateDataset(name, { samples: 100, noise, seed: 7 });
      assert.deepEqual(generateDataset(name, { samples: 100, noise, seed: 7 }), a);
      const b = generateDataset(name, { samples: 100, noise, seed: 8 });
      assert.notDeepEqual(b.inputs, a.inputs, `${name}: seeds 7 and 8 gave the same points`);
    }
  }
});

Deno.test("generateDataset: more samples extend the same rows (a prefix is the smaller set)", () => {
  for (const name of GENERATOR_NAMES) {
    const small = generateDataset(name, { samples: 50, noise: 0.2, seed: 5 });
    const large = generateDataset(name, { samples: 80, noise: 0.2, seed: 5 });
    assert.deepEqual(large.inputs.subarray(0, 100), small.inputs);
    assert.deepEqual(large.targets.subarray(0, 50), small.targets);
  }
});

// The definitions, restated from the documentation, replayed on the documented stream
// Mt19937(seed ^ 0xc2b2ae35). Equality is exact: the same float64 operations in the same order.
const REFERENCE: Record<GeneratorName, (rng: Mt19937, r: number, noise: number) => number[]> = {
  circle(rng, r, noise) {
    const rho = r % 2 === 0 ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    const theta = rng.uniform(0, 2 * Math.PI);
    const x = rho * Math.cos(theta);
    const y = rho * Math.sin(theta);
    const dx = rng.uniform(-5, 5) * noise;
    const dy = rng.uniform(-5, 5) * noise;
    return [x / 5, y / 5, Math.hypot(x + dx, y + dy) < 2.5 ? 1 : 0];
  },
  gauss(rng, r, noise) {
    const c = r % 2 === 0 ? 2 : -2;
    const sigma = Math.sqrt(0.5 + 7 * noise);
    const rad = Math.sqrt(-2 * Math.log(1 - rng.nextDouble()));
    const ang = 2 * Math.PI * rng.nextDouble();
    return [
      (c + sigma * rad * Math.cos(ang)) / 5,
      (c + sigma * rad * Math.sin(ang)) / 5,
      r % 2 === 0 ? 1 : 0,
    ];
  },
  xor2d(rng, _r, noise) {
    const u = rng.uniform(-5, 5);
    const v = rng.uniform(-5, 5);
    const x = u > 0 ? u + 0.3 : u - 0.3;
    const y = v > 0 ? v + 0.3 : v - 0.3;
    const dx = rng.uniform(-5, 5) * noise;
    const dy = rng.uniform(-5, 5) * noise;
    return [x / 5, y / 5, (x + dx) * (y + dy) < 0 ? 1 : 0];
  },
  spiral(rng, r, noise) {
    const s = rng.nextDouble();
    const t = 3.5 * Math.PI * s + (r % 2 === 0 ? 0 : Math.PI);
    const dx = rng.uniform(-1, 1) * noise;
    const dy = rng.uniform(-1, 1) * noise;
    return [(5 * s * Math.sin(t) + dx) / 5, (5 * s * Math.cos(t) + dy) / 5, r % 2 === 0 ? 1 : 0];
  },
};

Deno.test("generateDataset: every row follows the documented definition on the documented stream", () => {
  assert.equal(GENERATOR_SCALE, 5);
  for (const name of GENERATOR_NAMES) {
    for (const [seed, noise] of [[42, 0], [0, 0.25], [0xffffffff, 1]]) {
      const d = generateDataset(name, { samples: 64, noise, seed });
      const rng = new Mt19937((seed ^ 0xc2b2ae35) >>> 0);
      for (let r = 0; r < d.rows; r++) {
        assert.deepEqual(
          row(d, r),
          REFERENCE[name](rng, r, noise),
          `${name} seed ${seed} row ${r}`,
        );
      }
    }
  }
});

Deno.test("circle, gauss, spiral: classes alternate 1, 0, 1, … at noise 0 (⌈n/2⌉ ones)", () => {
  for (const name of ["circle", "gauss", "spiral"] as const) {
    for (const samples of [4, 5, 201]) {
      const d = generateDataset(name, { samples, seed: 11 });
      assert.deepEqual(
        Array.from(d.targets),
        Array.from({ length: samples }, (_, r) => 1 - (r % 2)),
      );
      assert.equal(ones(d), Math.ceil(samples / 2));
    }
  }
});

Deno.test("circle at noise 0: class 1 within radius 0.5, class 0 in the ring [0.7, 1)", () => {
  const d = generateDataset("circle", { samples: 2000, seed: 1 });
  for (let r = 0; r < d.rows; r++) {
    const [x, y, t] = row(d, r);
    const rho = Math.hypot(x, y);
    // The rule itself is exact (labels are decided by radius < 2.5 before dividing by 5);
    // the ring bounds get 1e-12 of slack for the rounding of ρ·cos θ / 5 and hypot.
    assert.equal(t, rho < 0.5 ? 1 : 0, `row ${r}`);
    if (t === 1) assert.ok(rho < 0.5 + 1e-12);
    else assert.ok(rho >= 0.7 - 1e-12 && rho < 1 + 1e-12, `row ${r}: radius ${rho}`);
  }
});

Deno.test("xor2d at noise 0: target 1 exactly when x·y < 0, a margin of 0.06 round the axes", () => {
  const d = generateDataset("xor2d", { samples: 2000, seed: 1 });
  for (let r = 0; r < d.rows; r++) {
    const [x, y, t] = row(d, r);
    assert.equal(t, x * y < 0 ? 1 : 0, `row ${r}`);
    // |x| ∈ [0.3, 5.3] / 5 = [0.06, 1.06]; 1e-12 of slack for the rounding of (u ± 0.3) / 5.
    for (const v of [x, y]) assert.ok(Math.abs(v) >= 0.06 - 1e-12 && Math.abs(v) <= 1.06 + 1e-12);
  }
  // Classes are not alternated but random: ones ~ Binomial(2000, ½), sd √500 ≈ 22.4.
  // 5 sd = 112 would fail by chance about once in 1.7 million seeds (and this one is fixed).
  assert.ok(Math.abs(ones(d) - 1000) <= 112, `${ones(d)} ones of 2000`);
});

Deno.test("circle and xor2d: noise keeps the points and flips labels near the boundary", () => {
  for (const name of ["circle", "xor2d"] as const) {
    const clean = generateDataset(name, { samples: 1000, seed: 9 });
    const noisy = generateDataset(name, { samples: 1000, noise: 0.3, seed: 9 });
    assert.deepEqual(noisy.inputs, clean.inputs);
    const flipped = clean.targets.filter((t, r) => t !== noisy.targets[r]).length;
    // Moves of up to ±1.5 units per axis cross the boundary for points within 1.5 of it
    // (a good share of both problems), yet most points lie farther: 20–500 of 1000 is loose.
    assert.ok(flipped > 20 && flipped < 500, `${name}: ${flipped} of 1000 labels flipped`);
  }
});

Deno.test("spiral at noise 0: each point lies on its arm; noise moves it by at most noise / 5", () => {
  const d = generateDataset("spiral", { samples: 1000, seed: 2 });
  for (let r = 0; r < d.rows; r++) {
    const [x, y, t] = row(d, r);
    const s = Math.hypot(x, y); // radius 5s / 5
    const angle = 3.5 * Math.PI * s + (t === 1 ? 0 : Math.PI);
    // Recovering s through hypot costs a few ulps, which the angle multiplies by 3.5π ≈ 11:
    // 1e-12 is far above that and far below the arms' spacing (≥ 0.14).
    assert.ok(Math.abs(s * Math.sin(angle) - x) < 1e-12, `row ${r}`);
    assert.ok(Math.abs(s * Math.cos(angle) - y) < 1e-12, `row ${r}`);
    assert.ok(s < 1);
  }
  const noisy = generateDataset("spiral", { samples: 1000, noise: 0.5, seed: 2 });
  assert.deepEqual(noisy.targets, d.targets);
  let moved = 0;
  for (let i = 0; i < d.inputs.length; i++) {
    const delta = Math.abs(noisy.inputs[i] - d.inputs[i]);
    assert.ok(delta <= 0.5 / 5 + 1e-12, `coordinate ${i} moved ${delta}`);
    moved = Math.max(moved, delta);
  }
  // Each of the 2000 moves is |U(−0.1, 0.1)|: all below 0.09 has probability 0.9^2000 ≈ 1e-92.
  assert.ok(moved > 0.09, `largest move ${moved} of a possible 0.1`);
});

Deno.test("gauss: clusters at ±(0.4, 0.4) with σ = √(0.5 + 7·noise) / 5", () => {
  for (const noise of [0, 1]) {
    const n = 10_000;
    const d = generateDataset("gauss", { samples: n, noise, seed: 4 });
    const sigma = Math.sqrt(0.5 + 7 * noise) / 5;
    for (const cls of [1, 0]) {
      const centre = cls === 1 ? 0.4 : -0.4;
      for (const axis of [0, 1]) {
        const v: number[] = [];
        for (let r = 0; r < n; r++) if (d.targets[r] === cls) v.push(d.inputs[2 * r + axis]);
        const mean = v.reduce((a, b) => a + b, 0) / v.length;
        const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
        const within = v.filter((x) => Math.abs(x - centre) < sigma).length / v.length;
        // 5000 draws: the mean's sd is σ/√5000 ≈ 0.014σ, the sample sd's about σ/√10000 = 0.01σ,
        // P(|z| < 1) = 0.6827 ± √(0.68·0.32/5000) ≈ 0.0066. Each bound is 5 of those sds.
        assert.ok(Math.abs(mean - centre) < 5 * 0.0142 * sigma, `mean ${mean}`);
        assert.ok(Math.abs(sd / sigma - 1) < 0.05, `sd ${sd} vs ${sigma}`);
        assert.ok(Math.abs(within - 0.6827) < 0.033, `P(|z| < 1) = ${within}`);
      }
    }
  }
});

Deno.test("gauss at noise 0: the line x + y = 0 separates almost every point", () => {
  // Each point's distance to the line is N(2√2, 0.5) in Playground units: the wrong side is
  // 4 sd away, P ≈ 3e-5 a point, so 2000 points should hold at most a few mistakes.
  const d = generateDataset("gauss", { samples: 2000, seed: 1 });
  let wrong = 0;
  for (let r = 0; r < d.rows; r++) {
    const [x, y, t] = row(d, r);
    if ((x + y > 0 ? 1 : 0) !== t) wrong++;
  }
  assert.ok(wrong <= 3, `${wrong} points on the wrong side`);
});

Deno.test("generateDataset: inputs in about [−1, 1] at noise 0", () => {
  const bound: Record<GeneratorName, number> = {
    circle: 1, // radius < 5 / 5
    xor2d: 1.06, // |x| ≤ 5.3 / 5
    spiral: 1, // radius 5s / 5 < 1
    gauss: 1.4, // 0.4 + 7σ with σ = √0.5 / 5 ≈ 0.14: a 7-sd draw has P ≈ 1e-12 per value
  };
  for (const name of GENERATOR_NAMES) {
    const d = generateDataset(name, { samples: 5000, seed: 6 });
    const max = d.inputs.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    assert.ok(max <= bound[name] + 1e-12, `${name}: |input| up to ${max}`);
    assert.ok(max > bound[name] * 0.5, `${name}: |input| only up to ${max}`);
  }
});

Deno.test("generateDataset: rejects bad options, naming the field, value and what is allowed", () => {
  const range = `expected an integer from ${SAMPLES_RANGE.min} to ${SAMPLES_RANGE.max}`;
  throwsWith(
    () => generateDataset("circle", { samples: 3 }),
    RangeError,
    `samples: 3 is not allowed; ${range}`,
  );
  throwsWith(
    () => generateDataset("circle", { samples: 100_001 }),
    RangeError,
    `samples: 100001 is not allowed; ${range}`,
  );
  throwsWith(
    () => generateDataset("gauss", { samples: 10.5 }),
    RangeError,
    `samples: 10.5 is not allowed; ${range}`,
  );
  throwsWith(
    // @ts-expect-error: a string where a number belongs
    () => generateDataset("gauss", { samples: "200" }),
    TypeError,
    'samples: "200" is not allowed; expected a number',
  );
  for (const noise of [-0.1, 1.5, NaN]) {
    throwsWith(
      () => generateDataset("spiral", { noise }),
      RangeError,
      `noise: ${noise} is not allowed; expected a number in [0, 1]`,
    );
  }
  for (const seed of [-1, 2 ** 32, 0.5]) {
    throwsWith(
      () => generateDataset("xor2d", { seed }),
      RangeError,
      `seed: ${seed} is not allowed; expected an integer from 0 to 4294967295`,
    );
  }
  throwsWith(
    // @ts-expect-error: not a generator
    () => generateDataset("moons"),
    RangeError,
    'dataset: "moons" is not allowed; expected one of circle, gauss, xor2d, spiral',
  );
  assert.deepEqual(caught(() => generateDataset("circle", { noise: 2 })).cause, {
    field: "noise",
    value: 2,
  });
});

Deno.test("loadNamedDataset: generators take the options; gates and parity:N come from loadDataset", () => {
  const options = { samples: 40, noise: 0.1, seed: 3 };
  for (const name of GENERATOR_NAMES) {
    assert.deepEqual(loadNamedDataset(name, options), generateDataset(name, options));
  }
  assert.deepEqual(loadNamedDataset("circle"), generateDataset("circle"));
  for (const name of [...GATE_NAMES, "parity:3", "parity:16"]) {
    assert.deepEqual(loadNamedDataset(name), loadDataset(name));
  }
  // Options are checked even for the fixed datasets, so a bad value never passes silently.
  throwsWith(
    () => loadNamedDataset("xor", { samples: 2 }),
    RangeError,
    `samples: 2 is not allowed; expected an integer from 4 to 100000`,
  );
  // parity:N keeps loadDataset's own errors.
  assert.throws(() => loadNamedDataset("parity:17"), RangeError);
  assert.throws(() => loadNamedDataset("parity:x"), RangeError);
});

Deno.test("loadNamedDataset: an unknown name lists every allowed name", () => {
  assert.deepEqual(NAMED_DATASETS, [
    "circle",
    "gauss",
    "xor2d",
    "spiral",
    "xor",
    "and",
    "or",
    "nand",
    "xnor",
    "iris",
    "wine",
    "breast-cancer",
    "digits",
    "parity:N (N from 2 to 16)",
  ]);
  const allowed =
    "expected one of circle, gauss, xor2d, spiral, xor, and, or, nand, xnor, iris, wine, breast-cancer, digits, parity:N (N from 2 to 16)";
  throwsWith(
    () => loadNamedDataset("circles"),
    RangeError,
    `dataset: "circles" is not allowed; ${allowed}`,
  );
  throwsWith(() => loadNamedDataset(""), RangeError, `dataset: "" is not allowed; ${allowed}`);
  throwsWith(
    () => loadNamedDataset("toString"),
    RangeError,
    `dataset: "toString" is not allowed; ${allowed}`,
  );
  // @ts-expect-error: not a string
  throwsWith(() => loadNamedDataset(3), TypeError, `dataset: 3 is not allowed; ${allowed}`);
  assert.deepEqual(caught(() => loadNamedDataset("nope")).cause, {
    field: "dataset",
    value: "nope",
  });
});
