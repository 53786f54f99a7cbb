/**
 * `deno task classics`: the command line of the classics study
 * (see `experiments.ts`), which writes OUT/classics.md, OUT/classics.json and
 * one SVG chart per experiment, and prints the headline.
 *
 * @module
 */

import { TFJS_VERSION } from "@backprop/tfjs";
import { type ClassicsOptions, EXPERIMENTS, runClassics } from "./experiments.ts";
import { classicsJson, classicsTerminal, compactJson } from "./summary.ts";
import { classicsMarkdown } from "./report.ts";
import type { ReportContext } from "./format.ts";
import { writeClassicsCharts } from "./charts.ts";
import {
  checkOutputDir,
  EXIT,
  type FlagTable,
  scanFlags,
  UsageError,
  usageExit,
  versionText,
} from "@backprop/cli-kit";
import classicsPackage from "./deno.json" with { type: "json" };
import { coreCount, describeMachine, sourceDigest } from "@backprop/bench/harness";

/** `--help` of the classics suite. */
export const CLASSICS_HELP = `deno task classics [flags]

Reruns Rumelhart, Hinton & Williams' 1986 backpropagation results (XOR on
2-1-1 with direct connections, the 2-2-1 local minimum, 4-bit parity on 4-4-1,
Chauvin's hidden-unit study) over many seeds with both engines, and writes
OUT/classics.md, OUT/classics.json and one SVG chart per experiment.

  --seeds N            seeds per network and setting, hand-written engine (default 300)
  --tfjs-seeds N       TF.js seeds per network, primary setting only
                       (default: 20 for XOR, 6 for parity, 8 per Chauvin network)
  --max-epochs N       sweep cap of every run (default: 20000 XOR, 50000 parity)
  --tfjs-max-epochs N  sweep cap of TF.js (default: 20000 XOR, 10000 parity, 5000 Chauvin)
  --only IDS           comma-separated experiments: ${EXPERIMENTS.map((e) => e.id).join(", ")}
  --no-tfjs            leave TF.js out
  --quick              8 seeds, 2000 sweeps, 2 TF.js seeds of 300 sweeps (a smoke test)
  --workers N          Web Workers (default: one per core; 0: this thread)
  --out DIR            where to write (default bench/results)
  --version            print the version
  -h, --help           this text
`;

/** What the classics command line asked for. */
export interface ClassicsArgs {
  /** The run's options (without a progress callback). */
  options: Omit<ClassicsOptions, "onDone">;
  /** Output directory. */
  out: string;
  /** Print help and exit. */
  help: boolean;
  /** Print the version and exit. */
  version: boolean;
}

const FLAGS: FlagTable = {
  seeds: { type: "string" },
  "tfjs-seeds": { type: "string" },
  "max-epochs": { type: "string" },
  "tfjs-max-epochs": { type: "string" },
  only: { type: "string" },
  "no-tfjs": { type: "boolean" },
  quick: { type: "boolean" },
  workers: { type: "string" },
  out: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
};
/** The count flags that accept 0. */
const ZERO_ALLOWED = new Set(["tfjs-seeds", "workers"]);

/**
 * Parses the classics suite's flags (values as `--seeds 8` or `--seeds=8`).
 * Throws a `UsageError` naming the flag.
 *
 * @example
 * ```ts
 * import { parseClassicsArgs } from "./main.ts";
 * parseClassicsArgs(["--seeds", "50", "--no-tfjs"]).options.tfjsSeeds; // 0
 * ```
 */
export function parseClassicsArgs(argv: readonly string[]): ClassicsArgs {
  const given: Record<string, string | true> = {};
  for (const flag of scanFlags(argv, FLAGS).flags) given[flag.name] = flag.value ?? true;
  const count = (name: string): number | undefined => {
    const v = given[name];
    if (typeof v !== "string") return undefined;
    const n = Number(v);
    const min = ZERO_ALLOWED.has(name) ? 0 : 1;
    if (v.trim() === "" || !Number.isInteger(n) || n < min) {
      throw new UsageError(
        `--${name}: ${JSON.stringify(v)} is not allowed; expected an integer ≥ ${min}`,
      );
    }
    return n;
  };
  const quick = given.quick === true;
  let only: string[] | undefined;
  if (typeof given.only === "string") {
    only = given.only.split(",").map((s) => s.trim()).filter((s) => s !== "");
    const known = EXPERIMENTS.map((e) => e.id);
    const bad = only.find((id) => !known.includes(id));
    if (bad !== undefined || only.length === 0) {
      throw new UsageError(
        `--only: ${JSON.stringify(given.only)} is not allowed; expected some of ${
          known.join(", ")
        }`,
      );
    }
  }
  const out = typeof given.out === "string" ? given.out : "bench/results";
  if (out.trim() === "") {
    throw new UsageError(`--out: "" is not allowed; expected a directory`);
  }
  const tfjsSeeds = given["no-tfjs"] === true ? 0 : count("tfjs-seeds") ?? (quick ? 2 : undefined);
  const options: Omit<ClassicsOptions, "onDone"> = {
    seeds: count("seeds") ?? (quick ? 8 : 300),
    workers: count("workers") ?? coreCount(),
  };
  const maxEpochs = count("max-epochs") ?? (quick ? 2000 : undefined);
  const tfjsMaxEpochs = count("tfjs-max-epochs") ?? (quick ? 300 : undefined);
  if (tfjsSeeds !== undefined) options.tfjsSeeds = tfjsSeeds;
  if (maxEpochs !== undefined) options.maxEpochs = maxEpochs;
  if (tfjsMaxEpochs !== undefined) options.tfjsMaxEpochs = tfjsMaxEpochs;
  if (only !== undefined) options.only = only;
  return { options, out, help: given.help === true, version: given.version === true };
}

function repoRoot(): string {
  return new URL("../..", import.meta.url).pathname.replace(/\/$/, "");
}

/** `deno task classics` with `argv`; returns the exit code (see `EXIT` of `@backprop/cli-kit`). */
export async function classicsMain(argv: readonly string[]): Promise<number> {
  let args: ClassicsArgs;
  try {
    args = parseClassicsArgs(argv);
    if (!args.help && !args.version) await checkOutputDir("--out", args.out);
  } catch (error) {
    return usageExit("classics", error);
  }
  if (args.help) {
    console.log(CLASSICS_HELP);
    return EXIT.ok;
  }
  if (args.version) {
    console.log(versionText("backprop classics", classicsPackage));
    return EXIT.ok;
  }
  const context: ReportContext = {
    command: ["deno task classics", ...argv].join(" "),
    machine: describeMachine(TFJS_VERSION),
    source: await sourceDigest(repoRoot()),
  };
  const tty = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  let last = 0;
  const t0 = performance.now();
  const results = await runClassics({
    ...args.options,
    onDone: (done, total, run) => {
      const now = performance.now();
      if (!tty && now - last < 5000 && done !== total) return;
      last = now;
      const text = `classics: ${done}/${total} runs (${run.engine} seed ${run.seed}), ${
        ((now - t0) / 1000).toFixed(0)
      } s`;
      Deno.stderr.writeSync(encoder.encode(tty ? `\r\x1b[K${text}` : text + "\n"));
    },
  });
  if (tty) Deno.stderr.writeSync(encoder.encode("\r\x1b[K"));
  await Deno.mkdir(args.out, { recursive: true });
  const charts = await writeClassicsCharts(results, args.out);
  await Deno.writeTextFile(`${args.out}/classics.md`, classicsMarkdown(results, context, charts));
  await Deno.writeTextFile(
    `${args.out}/classics.json`,
    compactJson(classicsJson(results, context)) + "\n",
  );
  console.log(classicsTerminal(results));
  console.log(`\nwrote ${args.out}/classics.md, classics.json and ${charts.length} charts`);
  // The digest is taken when the run starts; say so if the sources moved under it.
  const after = await sourceDigest(repoRoot());
  if (after.sha256 !== context.source.sha256) {
    console.error(
      `classics: warning: the sources changed while the suite ran (digest ${
        context.source.sha256.slice(0, 12)
      }… at the start, ${after.sha256.slice(0, 12)}… now); rerun for a report of the current code`,
    );
  }
  return EXIT.ok;
}

if (import.meta.main) {
  Deno.exit(await classicsMain(Deno.args));
}
