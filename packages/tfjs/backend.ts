/**
 * Loading TensorFlow.js on demand and choosing its backend.
 *
 * Nothing here imports TF.js at module load: `@tensorflow/tfjs` is imported
 * the first time a backend is asked for, so a program that only uses the
 * hand-written engine never pays TF.js's start-up (about 150 ms).
 *
 * @module
 */

import type * as TF from "@tensorflow/tfjs";

/** The TF.js namespace, as `import * as tf from "@tensorflow/tfjs"` gives it. */
export type Tf = typeof TF;

/**
 * Where TF.js runs its kernels:
 * - `cpu`: plain JavaScript (`@tensorflow/tfjs-backend-cpu`, part of `@tensorflow/tfjs`);
 * - `wasm`: WebAssembly with SIMD (`@tensorflow/tfjs-backend-wasm`, whose `.wasm`
 *   file ships in the npm package and is read from disk, so it needs read access);
 * - `tensorflow`: the native TensorFlow library through `@tensorflow/tfjs-node`,
 *   which is optional and not installed with this package.
 */
export type Backend = "cpu" | "wasm" | "tensorflow";

/** Every backend, the default (`cpu`) first. */
export const BACKENDS: readonly Backend[] = ["cpu", "wasm", "tensorflow"];

/** The TF.js version this package pins; `@tensorflow/tfjs-node` must be this version too. */
export const TFJS_VERSION = "4.22.0";

/** The npm specifier of `@tensorflow/tfjs-node` at {@linkcode TFJS_VERSION}. */
export const TFJS_NODE_SPECIFIER: string = `npm:@tensorflow/tfjs-node@${TFJS_VERSION}`;

/**
 * Thrown when the `tensorflow` backend is asked for but `@tensorflow/tfjs-node`
 * (with its native binding) cannot be loaded. Its message says how to install it.
 *
 * @example
 * ```ts
 * import { TfjsNodeMissingError } from "@backprop/tfjs";
 * const error = new TfjsNodeMissingError("binding not found");
 * error.name; // "TfjsNodeMissingError"
 * ```
 */
export class TfjsNodeMissingError extends Error {
  /** Builds the error; `reason` is the first line of what the import threw. */
  constructor(reason: string, options?: ErrorOptions) {
    super(
      `backend tensorflow: @tensorflow/tfjs-node is not installed (${reason}). ` +
        `It needs TensorFlow's native library, which its install script downloads into a ` +
        `node_modules folder: run \`deno install --node-modules-dir=auto ` +
        `--allow-scripts=npm:@tensorflow/tfjs-node ${TFJS_NODE_SPECIFIER}\` once, then run the ` +
        `program with \`deno run --node-modules-dir=auto --allow-ffi\` and its other permissions ` +
        `(a \`deno task\` cannot add them). Otherwise use --backend cpu or --backend wasm.`,
      options,
    );
    this.name = "TfjsNodeMissingError";
  }
}

/** Whether `value` names a backend. */
export function isBackend(value: unknown): value is Backend {
  return typeof value === "string" && (BACKENDS as readonly string[]).includes(value);
}

let tfjs: Promise<Tf> | undefined;

/** Imports `@tensorflow/tfjs` once per process and silences its console chatter. */
function importTfjs(): Promise<Tf> {
  tfjs ??= (async () => {
    const tf = await import("@tensorflow/tfjs");
    // The cpu backend prints "Hi, looks like you are running TensorFlow.js in Node.js…"
    // (through console.warn, so on stderr) at its first tensor, unless PROD is set.
    // PROD only silences TF.js's warnings; it does not change any computation.
    tf.env().set("PROD", true);
    return tf;
  })();
  return tfjs;
}

/**
 * Where `@tensorflow/tfjs-node`'s native binding would be: the package in a
 * `node_modules` folder of the working directory or one of its parents, with
 * `lib/napi-v<N>/tfjs_binding.node` built by its install script. Deno's global
 * npm cache never runs install scripts, so a package found only there has no
 * binding. Returns the package folder, or why it is missing.
 */
export function findTfjsNode(from?: string): { dir: string } | { missing: string } {
  // Outside Deno (a browser, Node) there is no Deno namespace to look with: the
  // tensorflow backend is then reported missing, and cpu and wasm work as ever.
  const deno = denoRuntime();
  if (deno === undefined) return { missing: "it is looked for under Deno only" };
  try {
    from ??= deno.cwd();
  } catch {
    return { missing: "no read permission to look for it in node_modules" };
  }
  let dir = from.replace(/[\\/]+$/, "");
  for (;;) {
    const pkg = `${dir}/node_modules/@tensorflow/tfjs-node`;
    let entries: string[] | undefined;
    try {
      entries = [...deno.readDirSync(`${pkg}/lib`)].map((e) => e.name);
    } catch (error) {
      if (error instanceof deno.errors.NotCapable) {
        return { missing: "no read permission to look for it in node_modules" };
      }
      if (existsSync(deno, pkg)) {
        return { missing: `${pkg} has no native binding (its install script did not run)` };
      }
    }
    if (entries !== undefined) {
      const built = entries.filter((name) => /^napi-v\d+$/.test(name))
        .some((name) => existsSync(deno, `${pkg}/lib/${name}/tfjs_binding.node`));
      return built
        ? { dir: pkg }
        : { missing: `${pkg} has no native binding (its install script did not run)` };
    }
    const parent = dir.replace(/[\\/][^\\/]*$/, "");
    if (parent === dir || parent === "") return { missing: "not found in any node_modules folder" };
    dir = parent;
  }
}

/** The `Deno` namespace when running under Deno, else `undefined`. */
function denoRuntime(): typeof Deno | undefined {
  return (globalThis as { Deno?: typeof Deno }).Deno;
}

function existsSync(deno: typeof Deno, path: string): boolean {
  try {
    deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

async function loadTensorflowBackend(): Promise<void> {
  // Look before importing: importing an npm package that is not installed makes
  // Deno download it and add it to the lockfile, only to fail on the binding.
  const found = findTfjsNode();
  if ("missing" in found) throw new TfjsNodeMissingError(found.missing);
  // A specifier in a variable, so that neither `deno check` nor `deno install`
  // resolves it: the package is optional.
  const specifier: string = TFJS_NODE_SPECIFIER;
  try {
    await import(specifier);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const reason = /tfjs_binding\.node/.test(text)
      ? "its native binding tfjs_binding.node could not be loaded"
      : text.split("\n")[0].trim();
    throw new TfjsNodeMissingError(reason, { cause: error });
  }
}

/**
 * Imports TF.js (once) and makes `backend` the active one. Throws a
 * {@linkcode TfjsNodeMissingError} for `tensorflow` when `@tensorflow/tfjs-node`
 * is missing, and an `Error` when the wasm binary cannot be read (the active
 * backend is then reset to `cpu`, so TF.js stays usable).
 *
 * TF.js has one global engine per process, so use {@linkcode withBackend} to
 * keep two callers from switching backends under each other.
 *
 * @example
 * ```ts
 * import { loadBackend } from "@backprop/tfjs";
 * const tf = await loadBackend("cpu");
 * tf.getBackend(); // "cpu"
 * ```
 */
export async function loadBackend(backend: Backend = "cpu"): Promise<Tf> {
  if (!isBackend(backend)) {
    throw new RangeError(
      `backend: ${JSON.stringify(backend)} is not allowed; expected one of ${BACKENDS.join(", ")}`,
    );
  }
  const tf = await importTfjs();
  if (tf.getBackend() === backend && tf.findBackend(backend) !== null) return tf;
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm");
  if (backend === "tensorflow") await loadTensorflowBackend();
  if (await tf.setBackend(backend)) return tf;
  // A failed initialisation leaves TF.js pointing at the broken backend; switch
  // back to cpu at once, before any op, or every later op fails.
  await tf.setBackend("cpu");
  throw new Error(
    backend === "wasm"
      ? "backend wasm: TF.js could not initialise WebAssembly; it reads " +
        "tfjs-backend-wasm-simd.wasm from the npm package, so it needs --allow-read"
      : `backend ${backend}: TF.js could not initialise it`,
  );
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `work` with `backend` active and no other `withBackend` call running, so
 * that concurrent trainings cannot switch TF.js's one global backend under each
 * other. Calls run one after another in the order they were made.
 *
 * @example
 * ```ts
 * import { withBackend } from "@backprop/tfjs";
 * const sum = await withBackend("cpu", (tf) => tf.tidy(() => tf.sum(tf.tensor([1, 2])).arraySync()));
 * sum; // 3
 * ```
 */
export function withBackend<T>(backend: Backend, work: (tf: Tf) => T | Promise<T>): Promise<T> {
  const run = queue.then(async () => work(await loadBackend(backend)));
  queue = run.catch(() => undefined);
  return run;
}
