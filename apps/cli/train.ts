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
import { asTrained, loadTrainer } from "./impls.ts";
import { jsonPieces } from "./json_pieces.ts";
import { jsonReport } from "./json_report.ts";
import { modelFileJson, tfjsModelOutputs } from "./model_file.ts";
import { commitOutputs, type PendingOutput, writeText } from "./outputs.ts";
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
  const interrupt = listenForCtrlC();
  try {
    return await run(argv, interrupt);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${errorMessage(err)}`);
      return EXIT.usage;
    }
    console.error(debug() && err instanceof Error ? err.stack : `error: ${errorMessage(err)}`);
    return EXIT.internal;
  } finally {
    interrupt.stop();
  }
}

/** Ctrl-C until training ends: see {@linkcode listenForCtrlC}. */
interface CtrlC {
  /** Aborted by the first Ctrl-C. */
  readonly signal: AbortSignal;
  /** Stops listening: from then on Ctrl-C ends the process at once (exit 130). */
  stop(): void;
}

/**
 * Until `stop()`, the first Ctrl-C aborts `signal` (training stops after the
 * current epoch) and a second one exits at once. After it no listener is left,
 * so Ctrl-C in the later phases — predictions, pictures, the report, all
 * synchronous work that would keep a listener from running — ends the process
 * at once with 130 (128 + SIGINT). Files are only written by `commitOutputs`,
 * which listens for itself and takes back what it wrote.
 */
function listenForCtrlC(): CtrlC {
  const controller = new AbortController();
  const onInterrupt = (): void => {
    if (controller.signal.aborted) Deno.exit(EXIT.interrupted);
    controller.abort();
  };
  Deno.addSignalListener("SIGINT", onInterrupt);
  let listening = true;
  return {
    signal: controller.signal,
    stop(): void {
      if (listening) Deno.removeSignalListener("SIGINT", onInterrupt);
      listening = false;
    },
  };
}

async function run(argv: readonly string[], interrupt: CtrlC): Promise<number> {
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
  const result = await trainer.train(config, dataset, {
    signal: interrupt.signal,
    onEpoch: progress?.onEpoch,
    testData: test ?? undefined,
    ...(init === undefined ? {} : { initialModel: init.model, initialState: init.state }),
  }).finally(() => {
    interrupt.stop();
    progress?.clear();
  });

  const outputs = predictFlat(result.model, dataset.inputs, dataset.rows);
  const trained: TrainRun = {
    impl,
    backend,
    config: asTrained(impl, config),
    dataset,
    test,
    result,
    outputs,
    standardizer: plan.standardizer,
  };
  const diverged = result.stoppedBecause === "diverged";
  // A diverged model is NaN: no model file and no boundary. Its loss curve, which shows
  // where the loss took off, is still written. Everything is made first, then written
  // all together (or none of it).
  const files: PendingOutput[] = [];
  const saved: string[] = [];
  if (init !== undefined) {
    saved.push(
      init.state === undefined
        ? `started from the weights of ${init.path} (fresh optimizer: ${init.freshBecause})`
        : `resumed ${init.path} after its epoch ${init.state.epochs}, optimizer state included`,
    );
  }
  if (out !== undefined && !diverged) {
    files.push({ flag: "--out", path: out, content: modelFileJson(trained) });
    saved.push(`model saved to ${out}`);
  }
  if (outTfjs !== undefined && !diverged) {
    await Deno.mkdir(outTfjs).catch((err) => {
      if (!(err instanceof Deno.errors.AlreadyExists)) throw err;
    });
    files.push(...tfjsModelOutputs(outTfjs, result.model));
    saved.push(`TF.js model saved to ${outTfjs}/model.json (+ weights.bin)`);
  }
  if (plot !== undefined) {
    files.push({ flag: "--plot", path: plot, content: lossPlot(trained) });
    saved.push(`loss curve saved to ${plot}`);
  }
  if (boundary !== undefined && !diverged) {
    files.push({ flag: "--boundary", path: boundary, content: boundaryPlot(trained) });
    saved.push(`decision boundary saved to ${boundary}`);
  }
  if (plan.network !== undefined && !diverged) {
    files.push({ flag: "--network", path: plan.network, content: networkPlot(trained) });
    saved.push(`network saved to ${plan.network}`);
  }
  // The JSON report holds the model, so it is made piece by piece too.
  const report = json
    ? (function* () {
      yield* jsonPieces(jsonReport(trained, explained));
      yield "\n";
    })()
    : formatReport(trained, { color: terminal && !noColor() }) + "\n";
  await commitOutputs(files);
  await writeText(Deno.stdout, report);
  if (!json) { for (const line of saved) console.log(line); }
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
