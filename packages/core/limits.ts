/**
 * The ranges every other module checks against, in one leaf module that imports
 * nothing, so `config.ts` can quote them without importing the modules that use them.
 *
 * @module
 */

/** Largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** Largest `testFraction` accepted: at least a tenth of the rows always trains. */
export const MAX_TEST_FRACTION = 0.9;

/** Smallest and largest `samples` accepted. */
export const SAMPLES_RANGE: { readonly min: number; readonly max: number } = {
  min: 4,
  max: 100_000,
};

/** Smallest and largest N accepted by `parity:N`. */
export const PARITY_RANGE: { readonly min: number; readonly max: number } = { min: 2, max: 16 };

/** Largest number of hidden layers, largest layer and most epochs accepted. */
export const LIMITS: {
  readonly hiddenLayers: number;
  readonly units: number;
  readonly epochs: number;
} = { hiddenLayers: 8, units: 4096, epochs: 100_000_000 };
