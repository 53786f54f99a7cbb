/**
 * `deno task verify:sweep`: the verify suite. Runs `--configs N` random valid
 * configs (seeded by `--seed`) through `verify` on the hand-written engine (all
 * must pass), the same configs on the reference engine against the oracle (all
 * must pass), and every planted bug of the catalogue (all must fail), and writes
 * `report.md` and `report.json` to `--out DIR` (default `docs/verify`). Exit 0
 * when there is no false alarm and every bug is caught, else 1; 2 for bad input.
 * The module `@backprop/verify/sweep` does the work, so the bench can run it as a suite.
 *
 * @module
 */

import { catchMatrix, randomConfigs, sweep, sweepMarkdown } from "@backprop/verify/sweep";
import { referenceEngine } from "@backprop/verify";
import { checkOutputDir, scanFlags, UsageError } from "@backprop/cli-kit";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend } from "./backend.ts";
import { writeFileAtomic } from "./model_file.ts";
import { errorMessage } from "./_private.ts";
import { VERIFY_EXIT } from "./verify.ts";

/** The text `deno task verify:sweep --help` prints. */
export const SWEEP_HELP = `deno task verify:sweep [flags]

Runs random valid configs through verify on the hand-written engine (all must PASS),
the same configs on the reference engine against the oracle, and every planted bug
of the catalogue (all must FAIL); writes report.md and report.json.

  --configs N    how many random configs (default 1000)
  --seed N       the seed that draws them (default 1)
  --out DIR      where the report goes (default docs/verify)
  --backend B    TF.js's backend: ${BACKEND_NAMES.join(", ")} (default ${BACKEND_NAMES[0]})
  --no-tfjs      compare with the oracle only
  -h, --help     this text

Exit codes: 0 no false alarm and every bug caught, 1 otherwise or an internal error,
2 bad input.`;

const FLAGS = {
  configs: { type: "string" },
  seed: { type: "string" },
  out: { type: "string" },
  backend: { type: "string" },
  "no-tfjs": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** A whole number ≥ 0 from `--name`'s text, or a UsageError naming the flag. */
function count(name: string, text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isInteger(n) || n < 0) {
    throw new UsageError(`--${name}: ${text} is not allowed; expected an integer ≥ 0`);
  }
  return n;
}

/** `deno task verify:sweep` with `argv`; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const values: Record<string, string | true> = {};
    for (const flag of scanFlags(argv, FLAGS).flags) values[flag.name] = flag.value ?? true;
    if (values.help === true) {
      console.log(SWEEP_HELP);
      return VERIFY_EXIT.pass;
    }
    const configCount = count("configs", (values.configs ?? "1000") as string);
    const seed = count("seed", (values.seed ?? "1") as string);
    const outDir = ((values.out ?? "docs/verify") as string).replace(/\/$/, "");
    await checkOutputDir("--out", outDir);
    const tfjs = values["no-tfjs"] === true
      ? null
      : parseBackend((values.backend ?? BACKEND_NAMES[0]) as string);
    if (tfjs !== null) await loadTfjsTrainer(tfjs as "cpu");
    const t0 = performance.now();
    const configs = randomConfigs(configCount, seed);
    const report = await sweep(configs, {
      tfjs,
      onConfig: (i, r) => {
        if ((i + 1) % 50 === 0 || !r.pass) {
          console.error(`config ${i + 1}/${configCount}: ${r.pass ? "PASS" : "FAIL"}`);
        }
      },
    });
    // The same configs through the reference engine, against the oracle alone.
    const reference = await sweep(configs, { engine: referenceEngine() });
    const matrix = await catchMatrix(tfjs);
    const seconds = (performance.now() - t0) / 1000;
    const command = `deno task verify:sweep --configs ${configCount} --seed ${seed}` +
      (tfjs === null ? " --no-tfjs" : ` --backend ${tfjs}`);
    const out = outDir;
    await Deno.mkdir(out, { recursive: true });
    await writeFileAtomic(
      `${out}/report.md`,
      sweepMarkdown(report, matrix, { seed, tfjs, seconds, command }, reference),
    );
    await writeFileAtomic(
      `${out}/report.json`,
      JSON.stringify(
        { command, seed, tfjs, seconds, sweep: report, reference, catchMatrix: matrix },
        null,
        1,
      ) +
        "\n",
    );
    const caught = matrix.filter((r) => r.caught && r.referencePasses).length;
    console.log(
      `verify suite: ${report.passed} of ${report.tried} configs PASS ` +
        `(reference engine: ${reference.passed} of ${reference.tried}); ` +
        `${caught} of ${matrix.length} planted bugs caught; report in ${out}/report.md`,
    );
    return report.passed === report.tried && reference.passed === reference.tried &&
        caught === matrix.length
      ? VERIFY_EXIT.pass
      : VERIFY_EXIT.fail;
  } catch (err) {
    console.error(`error: ${errorMessage(err)}`);
    return err instanceof UsageError ? VERIFY_EXIT.usage : VERIFY_EXIT.internal;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
