/**
 * `deno task playground [--port N]`: builds the playground into a temporary
 * folder and serves it on http://127.0.0.1:N (default 8000), loopback only.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { buildSite } from "./build.ts";

const TYPES: Record<string, string> = {
  html: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  wasm: "application/wasm",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
};

/**
 * Serves the files of `dir` (no sub-folders) on 127.0.0.1:`port` (0: any free
 * port); `/` is `index.html`. Returns the server; its `addr.port` is the port.
 *
 * @example
 * ```ts ignore
 * import { serveSite } from "@backprop/playground";
 * const server = serveSite("apps/playground/dist", 0);
 * await server.shutdown();
 * ```
 */
export function serveSite(
  dir: string,
  port: number,
  signal?: AbortSignal,
): Deno.HttpServer<Deno.NetAddr> {
  return Deno.serve(
    { hostname: "127.0.0.1", port, signal, onListen: () => {} },
    async (request) => {
      const path = new URL(request.url).pathname;
      const name = path === "/" ? "index.html" : path.slice(1);
      if (!/^[\w][\w.-]*$/.test(name)) return new Response("not found", { status: 404 });
      try {
        const body = await Deno.readFile(`${dir}/${name}`);
        const type = TYPES[name.split(".").pop() ?? ""] ?? "application/octet-stream";
        return new Response(body, {
          headers: { "content-type": type, "cache-control": "no-store" },
        });
      } catch {
        return new Response("not found", { status: 404 });
      }
    },
  );
}

/** The usage line of `deno task playground`. */
export const SERVE_USAGE =
  "usage: deno task playground [--port N]  (N from 0 to 65535; default 8000)";

/** Reads the flags: the port, or a one-line error (exit 2). */
export function parsePort(args: string[]): number | "help" {
  const { values } = parseArgs({
    args,
    options: { port: { type: "string" }, help: { type: "boolean", short: "h" } },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return "help";
  if (values.port === undefined) return 8000;
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    throw new RangeError(
      `--port: ${JSON.stringify(values.port)} is not allowed; expected an integer from 0 to 65535`,
    );
  }
  return port;
}

if (import.meta.main) {
  let port: number | "help";
  try {
    port = parsePort(Deno.args);
  } catch (error) {
    console.error(`error: ${(error as Error).message.split("\n")[0]} (${SERVE_USAGE})`);
    Deno.exit(2);
  }
  if (port === "help") {
    console.log(SERVE_USAGE);
    Deno.exit(0);
  }
  const dir = await Deno.makeTempDir({ prefix: "backprop-playground-" });
  const stop = async (code: number) => {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    Deno.exit(code);
  };
  Deno.addSignalListener("SIGINT", () => stop(130));
  Deno.addSignalListener("SIGTERM", () => stop(143));
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    await buildSite(dir);
    server = serveSite(dir, port);
  } catch (error) {
    console.error(`error: ${(error as Error).message.split("\n")[0]}`);
    await stop(1);
    throw error; // not reached
  }
  console.log(`playground: http://127.0.0.1:${server.addr.port}/  (Ctrl-C to stop)`);
}
