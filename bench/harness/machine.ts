/**
 * Describing the machine and the code a run was made with.
 *
 * @module
 */

import { BRAIN_VERSION } from "./brain.ts";

/** Where and with what the numbers were measured. */
export interface Machine {
  /** CPU model name from /proc/cpuinfo, or "unknown". */
  cpu: string;
  /** Logical cores (navigator.hardwareConcurrency). */
  cores: number;
  /** OS and architecture. */
  os: string;
  /** Kernel release, or "unknown". */
  osRelease: string;
  /** Deno, V8 and TypeScript versions. */
  deno: string;
  /** V8's version. */
  v8: string;
  /** TypeScript's version. */
  typescript: string;
  /** TF.js version pinned by @backprop/tfjs. */
  tfjs: string;
  /** brain.js version pinned by the bench. */
  brain: string;
  /** When the run started, ISO 8601. */
  date: string;
}

/**
 * The CPU model from /proc/cpuinfo on Linux. Deno lets only `--allow-all`
 * read /proc directly, so it is read through `cat` (`--allow-run=cat`).
 */
export function cpuModel(): string {
  let text = "";
  try {
    text = Deno.readTextFileSync("/proc/cpuinfo");
  } catch {
    try {
      const out = new Deno.Command("cat", { args: ["/proc/cpuinfo"], stderr: "null" }).outputSync();
      if (out.success) text = new TextDecoder().decode(out.stdout);
    } catch {
      // not Linux, or no permission to run cat
    }
  }
  const line = text.split("\n").find((l) => /^model name\s*:/.test(l));
  return line ? line.replace(/^model name\s*:\s*/, "").trim() : "unknown";
}

/** Collects the machine description. */
export function describeMachine(tfjsVersion: string): Machine {
  let osRelease = "unknown";
  try {
    osRelease = Deno.osRelease();
  } catch {
    // needs --allow-sys
  }
  return {
    cpu: cpuModel(),
    cores: navigator.hardwareConcurrency ?? 1,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    osRelease,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
    typescript: Deno.version.typescript,
    tfjs: tfjsVersion,
    brain: BRAIN_VERSION,
    date: new Date().toISOString(),
  };
}

/**
 * SHA-256 over the workspace's TypeScript sources that produce the numbers
 * (every `.ts` under packages/, apps/ and bench/, tests excluded), each file
 * as its path, a NUL, its bytes and a NUL, in sorted path order. Comparing it
 * with a report's digest tells whether the report came from this code.
 */
export async function sourceDigest(root: string): Promise<{ files: number; sha256: string }> {
  const paths: string[] = [];
  const walk = (dir: string, rel: string) => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(dir)];
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "results") continue;
      const p = `${dir}/${e.name}`;
      const r = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) walk(p, r);
      else if (e.isFile && e.name.endsWith(".ts") && !e.name.endsWith("_test.ts")) paths.push(r);
    }
  };
  for (const top of ["packages", "apps", "bench"]) walk(`${root}/${top}`, top);
  paths.sort();
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const p of paths) {
    parts.push(encoder.encode(p + "\0"), Deno.readFileSync(`${root}/${p}`), encoder.encode("\0"));
  }
  const total = parts.reduce((n, part) => n + part.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return {
    files: paths.length,
    sha256: Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join(""),
  };
}

/** The number of logical cores, at least 1. */
export function coreCount(): number {
  return Math.max(1, navigator.hardwareConcurrency || 1);
}
