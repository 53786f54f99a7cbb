/**
 * Builds the playground into a folder any static web server can serve: the
 * page and its two workers bundled by `deno bundle --platform browser` (TF.js
 * included, from npm), the HTML and CSS, and TF.js's `.wasm` files copied from
 * the npm package. Nothing is fetched from the network when the page runs.
 *
 * `deno task playground:build [--out DIR]` (default `apps/playground/dist`).
 *
 * @module
 */

import { EXIT, scanFlags, UsageError, usageExit } from "@backprop/cli-kit";

const HERE = new URL("./", import.meta.url);
const ENTRIES = ["page", "manual_worker", "tfjs_worker"];
const STATIC = ["index.html", "style.css"];
const WASM_PACKAGE = "@tensorflow/tfjs-backend-wasm";
const WASM_VERSION = "4.22.0";
/** The files the backend loads: plain, SIMD, and SIMD with threads (cross-origin isolated pages). */
export const WASM_FILES: readonly string[] = [
  "tfjs-backend-wasm.wasm",
  "tfjs-backend-wasm-simd.wasm",
  "tfjs-backend-wasm-threaded-simd.wasm",
];

async function deno(args: string[]): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: new URL("../../", HERE),
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success) {
    throw new Error(`deno ${args[0]} failed:\n${new TextDecoder().decode(out.stderr)}`);
  }
  return text;
}

/** The folder of the wasm package's `dist/` in the npm cache (or a node_modules folder). */
async function wasmDir(): Promise<string> {
  const candidates = [new URL(`../../node_modules/${WASM_PACKAGE}/dist/`, HERE).pathname];
  const info = JSON.parse(await deno(["info", "--json"])) as { npmCache: string };
  candidates.unshift(
    `${info.npmCache}/registry.npmjs.org/${WASM_PACKAGE}/${WASM_VERSION}/dist/`,
  );
  for (const dir of candidates) {
    try {
      await Deno.stat(`${dir}${WASM_FILES[0]}`);
      return dir;
    } catch {
      // try the next place
    }
  }
  throw new Error(
    `cannot find ${WASM_PACKAGE}@${WASM_VERSION}'s .wasm files in ${candidates.join(" or ")}`,
  );
}

/**
 * Writes the site into `outDir` (created if needed; files of the same names are
 * replaced).
 *
 * @example
 * ```ts ignore
 * import { buildSite } from "@backprop/playground";
 * await buildSite(await Deno.makeTempDir());
 * ```
 */
export async function buildSite(outDir: string): Promise<void> {
  await Deno.mkdir(outDir, { recursive: true });
  await deno([
    "bundle",
    "--quiet",
    "--platform",
    "browser",
    "--outdir",
    outDir,
    ...ENTRIES.map((e) => new URL(`web/${e}.ts`, HERE).pathname),
  ]);
  for (const name of ENTRIES) await Deno.stat(`${outDir}/${name}.js`);
  for (const name of STATIC) {
    await Deno.copyFile(new URL(`static/${name}`, HERE), `${outDir}/${name}`);
  }
  const dir = await wasmDir();
  for (const name of WASM_FILES) await Deno.copyFile(`${dir}${name}`, `${outDir}/${name}`);
}

/** The usage line of `deno task playground:build`. */
export const BUILD_USAGE = "usage: deno task playground:build [--out DIR]";

/** Reads the flags of `deno task playground:build`: the folder, or "help". */
export function parseBuildArgs(args: readonly string[], fallback: string): string | "help" {
  let out = fallback;
  for (
    const flag of scanFlags(args, {
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    }).flags
  ) {
    if (flag.name === "help") return "help";
    if (flag.value === undefined || flag.value === "") {
      throw new UsageError(`--out: "" is not allowed; expected a folder`);
    }
    out = flag.value;
  }
  return out;
}

if (import.meta.main) {
  let out: string;
  try {
    out = parseBuildArgs(Deno.args, new URL("dist", HERE).pathname);
  } catch (error) {
    Deno.exit(usageExit("playground:build", error));
  }
  if (out === "help") {
    console.log(BUILD_USAGE);
    Deno.exit(EXIT.ok);
  }
  await buildSite(out);
  console.log(`playground: wrote ${out} (serve it with any static web server)`);
}
