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

import { parseArgs } from "node:util";
import { catchMatrix, randomConfigs, sweep, sweepMarkdown } from "@backprop/verify/sweep";
import { referenceEngine } from "@backprop/verify";
import { BACKEND_NAMES, loadTfjsTrainer, parseBackend } from "./backend.ts";
import { writeFileAtomic } from "./model_file.ts";
import { UsageError } from "@backprop/cli-kit";
import { errorMessage } from "./_private.ts";
import { VERIFY_EXIT } from "./verify.ts";

/** `deno task verify:sweep` with `argv`; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          configs: { type: "string", default: "1000" },
          seed: { type: "string", default: "1" },
          out: { type: "string", default: "docs/verify" },
          backend: { type: "string", default: BACKEND_NAMES[0] },
          "no-tfjs": { type: "boolean", default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (err) {
      throw new UsageError(errorMessage(err));
    }
    const count = Number(values.configs);
    if (!Number.isInteger(count) || count < 0) {
      throw new UsageError(
        `--configs: ${values.configs} is not allowed; expected an integer ≥ 0`,
      );
    }
    const seed = Number(values.seed);
    if (!Number.isInteger(seed) || seed < 0) {
      throw new UsageError(`--seed: ${values.seed} is not allowed; expected an integer ≥ 0`);
    }
    const tfjs = values["no-tfjs"] ? null : parseBackend(values.backend);
    if (tfjs !== null) await loadTfjsTrainer(tfjs as "cpu");
    const t0 = performance.now();
    const configs = randomConfigs(count, seed);
    const report = await sweep(configs, {
      tfjs,
      onConfig: (i, r) => {
        if ((i + 1) % 50 === 0 || !r.pass) {
          console.error(`config ${i + 1}/${count}: ${r.pass ? "PASS" : "FAIL"}`);
        }
      },
    });
    // The same configs through the reference engine, against the oracle alone.
    const reference = await sweep(configs, { engine: referenceEngine() });
    const matrix = await catchMatrix(tfjs);
    const seconds = (performance.now() - t0) / 1000;
    const command = `deno task verify:sweep --configs ${count} --seed ${seed}` +
      (tfjs === null ? " --no-tfjs" : ` --backend ${tfjs}`);
    const out = values.out.replace(/\/$/, "");
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
