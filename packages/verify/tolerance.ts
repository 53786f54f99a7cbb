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
 *   tensor's difference is divided by the same backward pass on absolute values
 *   (`scale.ts`), and the loss's by |L|. Measured over the sweep: ≤ 1e-14 (see
 *   docs/verify). 1e-10 leaves ≥ 1000× of that (n ≤ 60 rows here gives n·ε ≈ 7e-15),
 *   while the catalogue's bugs are all off by more than 1e-7. A relu-family unit
 *   within 1e-12 of its kink, relative to the terms summed into its z (≥ 10³ × the
 *   rounding of such a sum), may take either slope: such a step is reported, not failed.
 * - tfjs: TF.js computes in float32 (unit roundoff 6e-8) from the weights rounded
 *   to float32; a weight of size |θ| turns that into an error of ~6e-8·|θ| in each
 *   product and the chain of layers multiplies it. Allowed: 2000·u·(1 + |θ|max)
 *   of the largest gradient, plus 1e-6 absolute for gradients near 0 (as the
 *   first-step check always allowed). A unit within 1e-4 of its kink (≥ 100× the
 *   float32 rounding of a 16-term sum) is a kink for TF.js.
 * - update: the engine's update against the optimizer's formula applied to the
 *   engine's own gradient: the same float64 operations, so equal up to the
 *   rounding of θ' (4 ulps of the largest weight) and 1e-10 of the step for a
 *   different order of operations.
 */
export const TOLERANCES = {
  oracle: {
    relative: 1e-10,
    kink: 1e-12,
    reason: "relative to the gradient's rounding scale (the backward pass on absolute " +
      "values) or |L|: float64 sums in another order differ by ≤ 1e-14 of it; 1e-10 leaves " +
      "≥ 1000× of that and catches any real bug",
  },
  tfjs: {
    kink: 1e-4,
    loss: (loss: number, weights: number): number => 1e-6 + 2000 * F32 * (1 + weights) * loss,
    gradient: (gMax: number, weights: number): number => 1e-6 + 2000 * F32 * (1 + weights) * gMax,
    reason: "float32 (u = 6e-8) from float32-rounded weights: 1e-6 + 2000·u·(1 + max|θ|)·max|g|",
  },
  update: {
    relative: 1e-10,
    reason: "the optimizer's formula on the engine's own gradient: 1e-10 of the largest step " +
      "+ 4 ulps of the largest weight",
  },
} as const;
