/**
 * `@backprop/playground`: a page where the hand-written engine and TF.js learn
 * side by side in the browser (`deno task playground`), and the pieces of it
 * that run in Deno too: the URL-hash config, the live verdict's rule, the model
 * file export, the build and the loopback server.
 *
 * @example A link that reproduces a run
 * ```ts
 * import { resolveConfig } from "@backprop/core";
 * import { decodeHash, encodeHash } from "@backprop/playground";
 *
 * const hash = encodeHash(resolveConfig({ dataset: "spiral", hidden: [8, 8] }), "cpu", true);
 * console.log(`http://127.0.0.1:8000/${hash}`, decodeHash(hash).run);
 * ```
 *
 * @module
 */

export { BUILD_USAGE, buildSite, WASM_FILES } from "./build.ts";
export {
  decodeHash,
  encodeHash,
  PAGE_BACKENDS,
  type PageBackend,
  type PageSettings,
} from "./config_hash.ts";
export { modelFileText, type PageTraining } from "./model_export.ts";
export { parsePort, SERVE_USAGE, serveSite } from "./serve.ts";
export { AGREE_FACTOR, AGREE_FLOOR, Agreement } from "./verdict.ts";
