// Helpers for the end-to-end tests: run a CLI entry point as a subprocess, as its task does.
import { fileURLToPath } from "node:url";

/** What a finished subprocess printed, and its exit code. */
export interface Output {
  code: number;
  stdout: string;
  stderr: string;
}

/** The path of a CLI entry point next to this file, e.g. `train.ts`. */
export function entry(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/**
 * Runs `deno run <permissions> <script> <args>` with NO_COLOR set, `stdin` as its
 * input (none by default), and collects its output.
 */
export async function runCli(
  script: string,
  args: readonly string[],
  options: { stdin?: string; permissions?: readonly string[] } = {},
): Promise<Output> {
  const permissions = options.permissions ?? ["--allow-read", "--allow-write", "--allow-env"];
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...permissions, entry(script), ...args],
    env: { NO_COLOR: "1" },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const { code, stdout, stderr } = await child.output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export async function inTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "backprop_cli_test_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The names in `dir`, sorted. */
export function files(dir: string): string[] {
  return Array.from(Deno.readDirSync(dir), (e) => e.name).sort();
}

/** Asserts-friendly check that a bad-input run printed one error line and no stack. */
export function isOneLineError(out: Output): boolean {
  return out.code === 2 && out.stdout === "" && /^error: [^\n]+\n$/.test(out.stderr) &&
    !/\n\s+at /.test(out.stderr);
}
