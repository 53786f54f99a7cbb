// Starting the bench's child processes (the speed rows, the allocation check). Not
// exported from mod.ts.

import { fileURLToPath } from "node:url";

/**
 * Runs `deno run --no-prompt <flags> <script> <JSON of spec>` with this process's
 * Deno and returns its output, or the message of the error that kept it from
 * starting (or, given `timeoutMs`, that it was killed for running longer).
 * `script` is a file URL next to the caller's (`import.meta.url`).
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
  timeoutMs?: number,
): Promise<Deno.CommandOutput | string> {
  try {
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-prompt", ...flags, fileURLToPath(script), JSON.stringify(spec)],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      ...(timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) }),
    }).output();
    if (timeoutMs !== undefined && output.signal !== null && !output.success) {
      return `killed after ${timeoutMs / 1000} s without a result (${output.signal})`;
    }
    return output;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
