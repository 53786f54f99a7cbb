/**
 * Keeps the README's sample outputs true: every fenced block right after a
 * `<!-- sample: deno task … -->` comment is the stdout of that command. With
 * no flag it reruns each command and reports the blocks that differ (exit 1);
 * with `--update` it writes the fresh outputs into the README. Timings
 * (`4.6 ms`, `83.41 µs/epoch`) vary from run to run and are not compared.
 *
 * ```sh
 * deno task readme            # check
 * deno task readme --update   # refresh
 * ```
 *
 * @module
 */

/** One sample block of the README. */
export interface Sample {
  /** The `deno task …` command of its marker. */
  readonly command: string;
  /** Offsets of the block's body (between the fences) in the markdown. */
  readonly start: number;
  /** End offset (exclusive) of the body. */
  readonly end: number;
  /** The body as the README has it. */
  readonly body: string;
  /** Whether the body starts with a `$ command` line (kept when refreshed). */
  readonly prompt: boolean;
}

const MARKER = /<!-- sample: (deno task [^>]*?) -->\n+```[^\n]*\n/g;

/**
 * The sample blocks of `markdown`, in order.
 *
 * @example
 * ```ts
 * import { findSamples } from "./readme_samples.ts";
 * const md = "<!-- sample: deno task train -->\n```\nloss 0.1\n```\n";
 * findSamples(md)[0].body; // "loss 0.1\n"
 * ```
 */
export function findSamples(markdown: string): Sample[] {
  const samples: Sample[] = [];
  for (const match of markdown.matchAll(MARKER)) {
    const start = match.index + match[0].length;
    const end = markdown.indexOf("```", start);
    if (end < 0) throw new RangeError(`README: the sample of ${match[1]} has no closing fence`);
    const body = markdown.slice(start, end);
    samples.push({ command: match[1], start, end, body, prompt: body.startsWith("$ ") });
  }
  return samples;
}

/**
 * The body a sample should have, given its command's stdout: the output, after
 * a `$ command` line when the sample shows one.
 *
 * @example
 * ```ts
 * import { expectedBody, findSamples } from "./readme_samples.ts";
 * const [s] = findSamples("<!-- sample: deno task x -->\n```\n$ deno task x\nold\n```\n");
 * expectedBody(s, "new\n"); // "$ deno task x\nnew\n"
 * ```
 */
export function expectedBody(sample: Sample, stdout: string): string {
  const text = stdout.endsWith("\n") ? stdout : stdout + "\n";
  return sample.prompt ? `$ ${sample.command}\n${text}` : text;
}

/**
 * The text with its timings masked, for comparing two runs.
 *
 * @example
 * ```ts
 * import { maskTimings } from "./readme_samples.ts";
 * maskTimings("time 4.6 ms, 83.41 µs/epoch"); // "time … ms, … µs/epoch"
 * ```
 */
export function maskTimings(text: string): string {
  return text.replace(/\d[\d.]*(e[+-]?\d+)? (ms|µs\/epoch)\b/g, "… $2");
}

/**
 * `markdown` with each sample's body replaced by `bodies[i]`.
 *
 * @example
 * ```ts
 * import { findSamples, replaceBodies } from "./readme_samples.ts";
 * const md = "<!-- sample: deno task x -->\n```\nold\n```\n";
 * replaceBodies(md, findSamples(md), ["new\n"]); // "<!-- sample: deno task x -->\n```\nnew\n```\n"
 * ```
 */
export function replaceBodies(
  markdown: string,
  samples: readonly Sample[],
  bodies: readonly string[],
): string {
  let out = "";
  let at = 0;
  samples.forEach((s, i) => {
    out += markdown.slice(at, s.start) + bodies[i];
    at = s.end;
  });
  return out + markdown.slice(at);
}

/** Runs `deno task …` in `cwd` without colour and returns its stdout; a failure throws. */
export async function runSample(command: string, cwd: string): Promise<string> {
  const args = command.split(/\s+/).slice(1); // drop "deno"
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  if (code !== 0) {
    throw new Error(`${command} exited with ${code}: ${decoder.decode(stderr).trim()}`);
  }
  return decoder.decode(stdout);
}

async function main(args: readonly string[]): Promise<number> {
  const update = args.includes("--update");
  const root = new URL("../", import.meta.url).pathname;
  const path = `${root}README.md`;
  const markdown = await Deno.readTextFile(path);
  const samples = findSamples(markdown);
  const bodies: string[] = [];
  let stale = 0;
  for (const sample of samples) {
    const body = expectedBody(sample, await runSample(sample.command, root));
    bodies.push(body);
    const same = maskTimings(body) === maskTimings(sample.body);
    if (!same) stale++;
    console.log(`${same ? "same " : update ? "fresh" : "STALE"}  ${sample.command}`);
  }
  if (update) {
    await Deno.writeTextFile(path, replaceBodies(markdown, samples, bodies));
    console.log(`README.md: ${samples.length} samples written`);
    return 0;
  }
  if (stale > 0) console.log(`${stale} stale; run \`deno task readme --update\``);
  return stale === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
