/**
 * The large layers' products through WebAssembly with 128-bit SIMD (source
 * `simd.wat`, assembled into `simd_wasm.ts` by `deno task wasm`): Z = X·W,
 * G = Xᵀ·D and S = D·Wᵀ (as D times W transposed). The operands are copied into
 * the module's memory, multiplied there in register blocks of 4 rows × 2 vectors,
 * and the result is read back by the layer (with the bias, or f′, on the way).
 *
 * In float64 every output keeps the scalar kernels' one accumulator adding its
 * terms in increasing index from 0 (one lane of a vector, a multiply then an add),
 * so the results are the scalar kernels' bits. In float32 the lanes sum in float32
 * (f32x4), as TF.js does, where the scalar kernels sum in float64: each output is
 * within about k·2⁻²⁴·Σ|terms| of the exact sum of its k terms.
 *
 * @module
 */

import type { Dtype } from "@backprop/core";
import { type Float, perDtype } from "./_private.ts";
import { WASM_BYTES } from "./simd_wasm.ts";

/** Products of at least this many multiply-adds (rows · n · m) go through WebAssembly. */
export const SIMD_MIN_WORK = 1 << 16;

// Values of X and D per chunk of rows in G = Xᵀ·D: about 128 KiB in float64, as weightGradient.
const CHUNK_VALUES = 16384;

type Product = (x: number, w: number, z: number, rows: number, n: number, m: number) => void;
type ProductTN = (
  x: number,
  d: number,
  g: number,
  rows: number,
  n: number,
  m: number,
  chunk: number,
) => void;

/**
 * The loops that read a product back from the module's memory, compiled once per
 * dtype (see `perDtype`), so self-contained. `s` is the memory seen in the dtype,
 * `at` where the product starts in it.
 */
export function simdKernels() {
  /** z[r, j] = s[at + r·m + j] + b[j] for the first `rows` rows of m columns. */
  function addBias(s: Float, at: number, b: Float, z: Float, rows: number, m: number) {
    for (let r = 0, e = 0; r < rows; r++) {
      for (let j = 0; j < m; j++, e++) z[e] = s[at + e] + b[j];
    }
  }

  /** dst[k] = s[at + k] for k < len. */
  function copyFrom(s: Float, at: number, dst: Float, len: number) {
    for (let k = 0; k < len; k++) dst[k] = s[at + k];
  }

  /** s[at + k] = src[k] for k < len. */
  function copyTo(src: Float, s: Float, at: number, len: number) {
    for (let k = 0; k < len; k++) s[at + k] = src[k];
  }

  /** t[at + j·n + i] = w[i·m + j]: Wᵀ [m, n] from W [n, m]. */
  function transposeTo(w: Float, s: Float, at: number, n: number, m: number) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) s[at + j * n + i] = w[i * m + j];
    }
  }

  return { addBias, copyFrom, copyTo, transposeTo };
}

const KERNELS = perDtype(simdKernels);

/**
 * One WebAssembly instance and its memory, for one dtype: the place where a
 * large layer's products are computed. Each method returns where its product
 * starts in {@linkcode SimdProducts.memory} (in values), or −1 when the shape
 * does not fit the SIMD blocks (the caller then uses the scalar kernels).
 */
export class SimdProducts {
  /** Values per 128-bit vector: 2 for float64, 4 for float32. */
  readonly lanes: number;
  /** The glue loops for this dtype. */
  readonly kernels: ReturnType<typeof simdKernels>;
  readonly #shift: number;
  readonly #wasm: WebAssembly.Memory;
  readonly #mm: Product;
  readonly #mmTN: ProductTN;
  readonly #dtype: Dtype;
  #memory: Float;

  /** Instantiates the module for `dtype` (throws where WebAssembly SIMD is missing). */
  constructor(dtype: Dtype) {
    const exports = new WebAssembly.Instance(new WebAssembly.Module(WASM_BYTES)).exports;
    const suffix = dtype === "float64" ? "F64" : "F32";
    this.#dtype = dtype;
    this.#wasm = exports.memory as WebAssembly.Memory;
    this.#mm = exports[`mm${suffix}`] as Product;
    this.#mmTN = exports[`mmTN${suffix}`] as ProductTN;
    this.lanes = dtype === "float64" ? 2 : 4;
    this.#shift = dtype === "float64" ? 3 : 2;
    this.kernels = KERNELS[dtype];
    this.#memory = this.#view();
  }

  /** The module's memory as values of the dtype (a new view after the memory grew). */
  get memory(): Float {
    return this.#memory;
  }

  #view(): Float {
    const buffer = this.#wasm.buffer;
    return this.#dtype === "float64" ? new Float64Array(buffer) : new Float32Array(buffer);
  }

  // Makes room for `values` values; regions start at multiples of 4 values (16 bytes).
  #reserve(values: number): void {
    const bytes = values << this.#shift;
    const have = this.#wasm.buffer.byteLength;
    if (bytes > have) {
      this.#wasm.grow(Math.ceil((bytes - have) / 65536));
      this.#memory = this.#view();
    }
  }

  // Copies the first `len` values of `src` to `at` (a block copy when src is exactly that long).
  #load(src: Float, at: number, len: number): void {
    if (src.length === len) this.#memory.set(src, at);
    else this.kernels.copyTo(src, this.#memory, at, len);
  }

  /** Z = X·W: X [rows, n], W [n, m]; Z [rows, m] at the returned offset. */
  product(x: Float, w: Float, rows: number, n: number, m: number): number {
    if (m % (2 * this.lanes) !== 0) return -1;
    const rows4 = (rows + 3) & ~3; // the last band of 4 reads (and writes) rows past `rows`
    const at = align(rows4 * n), z = at + align(n * m);
    this.#reserve(z + rows4 * m);
    this.#load(x, 0, rows * n);
    this.#load(w, at, n * m);
    this.#mm(0, at << this.#shift, z << this.#shift, rows4, n, m);
    return z;
  }

  /** S = D·Wᵀ: D [rows, m], W [n, m]; S [rows, n] at the returned offset. */
  productT(d: Float, w: Float, rows: number, n: number, m: number): number {
    if (n % (2 * this.lanes) !== 0) return -1;
    const rows4 = (rows + 3) & ~3;
    const at = align(rows4 * m), s = at + align(n * m);
    this.#reserve(s + rows4 * n);
    this.#load(d, 0, rows * m);
    this.kernels.transposeTo(w, this.#memory, at, n, m);
    this.#mm(0, at << this.#shift, s << this.#shift, rows4, m, n);
    return s;
  }

  /** G = Xᵀ·D: X [rows, n], D [rows, m]; G [n, m] at the returned offset. */
  gradient(x: Float, d: Float, rows: number, n: number, m: number): number {
    if (n % 4 !== 0 || m % (2 * this.lanes) !== 0) return -1;
    const at = align(rows * n), g = at + align(rows * m);
    this.#reserve(g + n * m);
    this.#load(x, 0, rows * n);
    this.#load(d, at, rows * m);
    const chunk = Math.max(1, Math.floor(CHUNK_VALUES / (n + m)));
    this.#mmTN(0, at << this.#shift, g << this.#shift, rows, n, m, chunk);
    return g;
  }
}

function align(values: number): number {
  return (values + 3) & ~3;
}

let instances: { float64: SimdProducts; float32: SimdProducts } | null | undefined;

/** The SIMD products for `dtype`, or null where this runtime has no WebAssembly SIMD. */
export function simdProducts(dtype: Dtype): SimdProducts | null {
  if (instances === undefined) {
    try {
      instances = { float64: new SimdProducts("float64"), float32: new SimdProducts("float32") };
    } catch {
      instances = null;
    }
  }
  return instances === null ? null : instances[dtype];
}
