/**
 * `deno task playground [--port N]`: builds the playground into a temporary
 * folder and serves it on http://127.0.0.1:N (default 8000), loopback only.
 *
 * @module
 */

import { errorMessage, EXIT, scanFlags, UsageError, usageExit } from "@backprop/cli-kit";
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

/** Reads the flags of `deno task playground`: the port, or "help". */
export function parsePort(args: readonly string[]): number | "help" {
  let port = 8000;
  for (
    const flag of scanFlags(args, {
      port: { type: "string" },
      help: { type: "boolean", short: "h" },
    }).flags
  ) {
    if (flag.name === "help") return "help";
    const text = flag.value ?? "";
    if (!/^\d+$/.test(text) || Number(text) > 65535) {
      throw new UsageError(
        `--port: ${JSON.stringify(text)} is not allowed; expected an integer from 0 to 65535`,
      );
    }
    port = Number(text);
  }
  return port;
}

if (import.meta.main) {
  let port: number | "help";
  try {
    port = parsePort(Deno.args);
  } catch (error) {
    Deno.exit(usageExit("playground", error));
  }
  if (port === "help") {
    console.log(SERVE_USAGE);
    Deno.exit(EXIT.ok);
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
    console.error(`playground: ${errorMessage(error)}`);
    await stop(EXIT.internal);
    throw error; // not reached
  }
  console.log(`playground: http://127.0.0.1:${server.addr.port}/  (Ctrl-C to stop)`);
}
