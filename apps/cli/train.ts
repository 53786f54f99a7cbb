/**
 * `deno task train`: trains a network with the chosen implementation and prints
 * a report (or `--json`), optionally saving the model (`--out`). Run with
 * `--help` for the flags; see {@linkcode EXIT} for the exit codes.
 *
 * @module
 */

import { predictFlat } from "@backprop/core";
import { parseTrainArgs } from "./args.ts";
import { EXIT, versionText } from "@backprop/cli-kit";
import cliPackage from "./deno.json" with { type: "json" };
import { helpText } from "./help.ts";
import { loadTrainer } from "./impls.ts";
import { formatJsonReport, jsonReport } from "./json_report.ts";
import { modelFile, writeFileAtomic, writeTfjsModel } from "./model_file.ts";
import { boundaryPlot, lossPlot, networkPlot } from "./pictures.ts";
import { planRun } from "./plan.ts";
import { progressLine } from "./progress.ts";
import { formatReport, type TrainRun } from "./report.ts";
import { UsageError } from "@backprop/cli-kit";
import { errorMessage } from "./_private.ts";

/**
 * Runs the command with `argv` and returns its exit code. The first Ctrl-C stops
 * training after the current epoch; a second one while training exits at once.
 *
 * @example
 * ```ts ignore
 * import { main } from "./train.ts";
 * Deno.exit(await main(["--impl", "manual", "--epochs", "100"]));
 * ```
 */
export async function main(argv: readonly string[]): Promise<number> {
  const controller = new AbortController();
  let training = false;
  const onInterrupt = (): void => {
    if (training && controller.signal.aborted) Deno.exit(EXIT.interrupted);
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    return await run(argv, controller.signal, (on) => training = on);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${errorMessage(err)}`);
      return EXIT.usage;
    }
    console.error(debug() && err instanceof Error ? err.stack : `error: ${errorMessage(err)}`);
    return EXIT.internal;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}

async function run(
  argv: readonly string[],
  signal: AbortSignal,
  setTraining: (on: boolean) => void,
): Promise<number> {
  const args = parseTrainArgs(argv);
  if (args.help) {
    console.log(helpText());
    return EXIT.ok;
  }
  if (args.version) {
    console.log(versionText("backprop train", cliPackage));
    return EXIT.ok;
  }
  const plan = await planRun(args);
  const { impl, config, dataset, test, out, json, plot, boundary, explain, outTfjs, init } = plan;
  const trainer = await loadTrainer(impl, args.backend);
  const backend = impl === "tfjs" ? args.backend ?? "cpu" : undefined;

  // --explain: the first step spelled out, before any training.
  const explained = explain
    ? (await import("@backprop/manual")).explainStep(config, dataset, init?.model)
    : undefined;
  if (explained !== undefined && !json) {
    const { formatExplain } = await import("./explain.ts");
    console.log(formatExplain(explained, config) + "\n");
  }

  const encoder = new TextEncoder();
  const terminal = Deno.stdout.isTerminal();
  const progress = !json && terminal
    ? progressLine((text) => Deno.stdout.writeSync(encoder.encode(text)), config.epochs)
    : undefined;
  setTraining(true);
  const result = await trainer.train(config, dataset, {
    signal,
    onEpoch: progress?.onEpoch,
    testData: test ?? undefined,
    ...(init === undefined ? {} : { initialModel: init.model, initialState: init.state }),
  }).finally(() => {
    setTraining(false);
    progress?.clear();
  });

  const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
  const trained: TrainRun = {
    impl,
    backend,
    config,
    dataset,
    test,
    result,
    outputs,
    standardizer: plan.standardizer,
  };
  const diverged = result.stoppedBecause === "diverged";
  // A diverged model is NaN: no model file and no boundary. Its loss curve, which shows
  // where the loss took off, is still written.
  const written: string[] = [];
  if (out !== undefined && !diverged) {
    await writeFileAtomic(out, JSON.stringify(modelFile(trained), null, 2) + "\n");
    written.push(`model saved to ${out}`);
  }
  if (outTfjs !== undefined && !diverged) {
    await writeTfjsModel(outTfjs, result.model);
    written.push(`TF.js model saved to ${outTfjs}/model.json (+ weights.bin)`);
  }
  if (init !== undefined) {
    written.unshift(
      init.state === undefined
        ? `started from the weights of ${init.path} (fresh optimizer: ${init.freshBecause})`
        : `resumed ${init.path} after its epoch ${init.state.epochs}, optimizer state included`,
    );
  }
  if (plot !== undefined) {
    await writeFileAtomic(plot, lossPlot(trained));
    written.push(`loss curve saved to ${plot}`);
  }
  if (boundary !== undefined && !diverged) {
    await writeFileAtomic(boundary, boundaryPlot(trained));
    written.push(`decision boundary saved to ${boundary}`);
  }
  if (plan.network !== undefined && !diverged) {
    await writeFileAtomic(plan.network, networkPlot(trained));
    written.push(`network saved to ${plan.network}`);
  }
  if (json) {
    console.log(formatJsonReport(jsonReport(trained, explained)));
  } else {
    console.log(formatReport(trained, { color: terminal && !noColor() }));
    for (const line of written) console.log(line);
  }
  if (diverged) {
    console.error(
      `error: training diverged at epoch ${result.epochsRun} (loss ${result.finalLoss}); ` +
        "try a smaller --lr",
    );
    return EXIT.diverged;
  }
  return result.stoppedBecause === "interrupted" ? EXIT.interrupted : EXIT.ok;
}

/** Whether the NO_COLOR convention (https://no-color.org) asks for no colour. */
function noColor(): boolean {
  try {
    return (Deno.env.get("NO_COLOR") ?? "") !== "";
  } catch {
    return false; // no --allow-env
  }
}

/** Whether `BACKPROP_DEBUG=1` asks for stack traces. */
function debug(): boolean {
  try {
    return Deno.env.get("BACKPROP_DEBUG") === "1";
  } catch {
    return false; // no --allow-env
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
