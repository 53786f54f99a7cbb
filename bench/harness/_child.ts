// Starting the bench's child processes (the speed rows, the allocation check). Not
// exported from mod.ts.

import { fileURLToPath } from "node:url";

/**
 * Runs `deno run --no-prompt <flags> <script> <JSON of spec>` with this process's
 * Deno and returns its output, or the message of the error that kept it from
 * starting. `script` is a file URL next to the caller's (`import.meta.url`).
 *
 * @example
 * ```ts
 * import { runChild } from "./_child.ts";
 * const out = await runChild(new URL("../heap/heap_probe.ts", import.meta.url), [], {});
 * typeof out === "string" ? out : out.code;
 * ```
 */
export async function runChild(
  script: URL,
  flags: readonly string[],
  spec: unknown,
): Promise<Deno.CommandOutput | string> {
  try {
    return await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", ...flags, fileURLToPath(script), JSON.stringify(spec)],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
