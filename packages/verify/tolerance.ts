/**
 * Every tolerance of `verify`, with its reason, in one place.
 *
 * @module
 */

/** float32's unit roundoff, 2⁻²⁴. */
const F32 = 2 ** -24;

/**
 * The tolerances of the teacher-forced checks.
 *
 * - oracle: both sides compute the same float64 sums in different orders. A sum of
 *   n terms is then off by at most ~n·ε·Σ|terms| (ε = 1.1e-16), so each gradient
 *   tensor's difference is divided by its rounding scale (`scale.ts`: the same
 *   passes on absolute values), and the loss's by max(|L|, its scale). Measured
 *   over the 1 000-config sweep (docs/verify): at most 6e-13, so 1e-10 leaves
 *   ≥ 150× of margin, while every bug of the catalogue is off by more than 1e-7.
 *   A relu-family unit within 1e-12 of its kink, relative to the terms summed into
 *   its z (≥ 10³ × the rounding of such a sum), may take either slope: such a step
 *   is reported, not failed.
 * - tfjs: TF.js computes in float32 (u = 6e-8) from the weights rounded to float32;
 *   each product then carries ~u of its terms' size, and weights of size |θ| carry
 *   that through the layers. Allowed: 200·u·(1 + |θ|max) of the largest gradient or
 *   rounding scale (of max(|L|, its scale) for the loss), plus 1e-6 absolute for
 *   values near 0 (as the first-step check always allowed). Measured over the sweep:
 *   at most ~1e-2 of this. A unit within 1e-4 of its kink (≥ 100× the float32
 *   rounding of a 16-term sum) is a kink for TF.js.
 * - update: the engine's update against the optimizer's formula applied to the
 *   engine's own gradient: the same float64 operations, so equal up to the
 *   rounding of θ' (4 ulps of the largest weight) and 1e-10 of the step for a
 *   different order of operations.
 */
export const TOLERANCES = {
  oracle: {
    relative: 1e-10,
    kink: 1e-12,
    reason: "relative to the rounding scale (the same passes on absolute values; " +
      "max(|L|, its scale) for the loss): float64 sums in another order measured ≤ 6e-13 of " +
      "it over 1 000 configs; 1e-10 leaves ≥ 150× and catches every catalogued bug",
  },
  tfjs: {
    kink: 1e-4,
    loss: (loss: number, weights: number): number => 1e-6 + 200 * F32 * (1 + weights) * loss,
    gradient: (gMax: number, weights: number): number => 1e-6 + 200 * F32 * (1 + weights) * gMax,
    reason: "float32 (u = 6e-8) from float32-rounded weights: 1e-6 + 200·u·(1 + max|θ|)·scale",
  },
  update: {
    relative: 1e-10,
    reason: "the optimizer's formula on the engine's own gradient: 1e-10 of the largest step " +
      "+ 4 ulps of the largest weight",
  },
} as const;
