/**
 * `deno task bench --report FILE.json [--out DIR]`: the Markdown report, the
 * charts and the terminal summary of a saved run, made again from its JSON by
 * the current code, without re-running anything; so that a wording or chart fix
 * does not cost a 12-minute run. DIR defaults to the JSON's folder.
 *
 * @module
 */

import { checkOutputDir, EXIT, scanFlags, UsageError, usageExit } from "@backprop/cli-kit";
import { sourceDigest } from "../harness/machine.ts";
import type { BenchResults } from "./results.ts";
import { markdownReport } from "./markdown.ts";
import { writeCharts } from "./charts.ts";
import { terminalReport } from "./terminal.ts";

/** The results-file version this code renders (see `BenchResults.version`). */
export const RESULTS_VERSION = 2;

/**
 * Checks that `value` (a parsed JSON file named `file`) is a bench results file
 * this code can render, and returns it typed. Throws a {@linkcode UsageError}
 * naming the file, what it holds and what is allowed.
 *
 * @example
 * ```ts
 * import { checkResults } from "./rerender.ts";
 * try {
 *   checkResults({ format: "backprop-bench", version: 1 }, "old.json");
 * } catch (e) {
 *   (e as Error).message; // "--report: old.json is results version 1; …"
 * }
 * ```
 */
export function checkResults(value: unknown, file: string): BenchResults {
  const r = value as Record<string, unknown> | null;
  if (r === null || typeof r !== "object" || Array.isArray(r)) {
    throw new UsageError(`--report: ${file} is not a bench results object`);
  }
  if (r.format === "backprop-classics") {
    throw new UsageError(
      `--report: ${file} is a classics file, which keeps too little to re-render (only the ` +
        "primary criterion's sweeps per seed); run `deno task classics` again",
    );
  }
  if (r.format !== "backprop-bench") {
    throw new UsageError(
      `--report: ${file} has format ${JSON.stringify(r.format)}; expected "backprop-bench"`,
    );
  }
  if (r.version !== RESULTS_VERSION) {
    throw new UsageError(
      `--report: ${file} is results version ${JSON.stringify(r.version)}; this code renders ` +
        `version ${RESULTS_VERSION} (version 1 found epochs to target by bisection and kept ` +
        "no censored figures: run the bench again)",
    );
  }
  for (const key of ["settings", "load", "seconds", "machine", "source", "targets"] as const) {
    if (r[key] === undefined || r[key] === null) {
      throw new UsageError(`--report: ${file} has no ${key}; expected a whole results file`);
    }
  }
  return r as unknown as BenchResults;
}

function folderOf(file: string): string {
  const cut = file.lastIndexOf("/");
  return cut < 0 ? "." : cut === 0 ? "/" : file.slice(0, cut);
}

/**
 * The bench's `--report` hook: null when `argv` has no `--report` (the bench
 * runs as usual), else the exit code: 0 when the report was re-rendered, 2 for
 * a bad flag or file (one line on stderr, nothing written).
 */
export async function rerender(argv: readonly string[]): Promise<number | null> {
  if (!argv.some((a) => a === "--report" || a.startsWith("--report="))) return null;
  let results: BenchResults;
  let file: string;
  let out: string;
  try {
    let report = "";
    let given: string | undefined;
    const other = argv.find((a) => a.startsWith("-") && !/^--(report|out)(=|$)/.test(a));
    if (other !== undefined) {
      throw new UsageError(
        `--report: ${JSON.stringify(other)} is not allowed with it; expected only --out DIR`,
      );
    }
    const table = { report: { type: "string" }, out: { type: "string" } } as const;
    for (const flag of scanFlags(argv, table).flags) {
      if (flag.name === "report") report = flag.value ?? "";
      else given = flag.value;
    }
    file = report;
    out = given ?? folderOf(file);
    await checkOutputDir("--out", out);
    let text: string;
    try {
      text = await Deno.readTextFile(file);
    } catch (error) {
      throw new UsageError(`--report: cannot read ${file}: ${(error as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`--report: ${file} is not JSON: ${(error as Error).message}`);
    }
    results = checkResults(parsed, file);
  } catch (error) {
    return usageExit("bench", error);
  }
  const source = await sourceDigest(new URL("../..", import.meta.url).pathname.replace(/\/$/, ""));
  await Deno.mkdir(out, { recursive: true });
  // Everything is made in a scratch folder beside the output, then moved in.
  const scratch = await Deno.makeTempDir({ dir: out, prefix: ".rerender-" });
  try {
    const charts = await writeCharts(results, scratch);
    const note = `Re-rendered from \`${file}\` by \`deno task bench --report\` with the code of ` +
      `digest \`${source.sha256.slice(0, 16)}…\`: the figures are the run's, the wording and ` +
      "charts today's.";
    const markdown = markdownReport(results, charts).replace(/\n\n/, `\n\n${note}\n\n`);
    await Deno.writeTextFile(`${scratch}/latest.md`, markdown);
    for (const name of [...charts, "latest.md"]) {
      await Deno.rename(`${scratch}/${name}`, `${out}/${name}`);
    }
    console.log(terminalReport(results));
    console.log(`\nre-rendered ${out}/latest.md and ${charts.length} charts from ${file}`);
  } finally {
    await Deno.remove(scratch, { recursive: true });
  }
  return EXIT.ok;
}
