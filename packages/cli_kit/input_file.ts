/**
 * Reading an input file (`--config`, `--data`) with a size cap, so that
 * `--config /dev/zero` stops with a message instead of filling the memory.
 *
 * @module
 */

import { formatBytes } from "@backprop/core";

/** The most a `--config` file may hold: 1 MiB (a config is a few hundred bytes). */
export const CONFIG_MAX_BYTES: number = 1 << 20;

/**
 * The most a `--data` file may hold: 100 MiB, about 5 million rows of three
 * short numbers. Its text, the split lines and the parsed rows together take
 * several times that in memory.
 */
export const DATA_MAX_BYTES: number = 100 << 20;

/**
 * The most a model file may hold: 512 MiB. Its text is read back (by `predict
 * --model`, `--init-model`) as one string, and V8's strings stop at about that length.
 */
export const MODEL_MAX_BYTES: number = 512 * 2 ** 20;

/** Thrown by {@linkcode readCappedText} for a file larger than its cap. */
export class TooLargeError extends RangeError {
  /** Builds the error for a file that holds more than `maxBytes`. */
  constructor(readonly maxBytes: number) {
    super(`larger than ${formatBytes(maxBytes)}`, { cause: { field: "size", value: maxBytes } });
    this.name = "TooLargeError";
  }
}

/**
 * Reads a file as UTF-8 text, but no more than `maxBytes` of it: a longer file
 * (or an endless one, such as `/dev/zero`) throws a {@linkcode TooLargeError}
 * once it has read past the cap. A UTF-8 byte order mark at the start is
 * dropped. A file that cannot be opened or read throws `Deno.errors` as
 * `Deno.readTextFile` does.
 *
 * @example
 * ```ts
 * import { readCappedText } from "./input_file.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "\uFEFF{}");
 * await readCappedText(path, 1024); // "{}"
 * ```
 */
export async function readCappedText(path: string, maxBytes: number): Promise<string> {
  const file = await Deno.open(path);
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = new Uint8Array(Math.min(1 << 20, maxBytes + 1 - total));
      const n = await file.read(chunk);
      if (n === null) break;
      total += n;
      if (total > maxBytes) throw new TooLargeError(maxBytes);
      chunks.push(chunk.subarray(0, n));
    }
  } finally {
    file.close();
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  // TextDecoder drops a leading byte order mark (ignoreBOM is false by default).
  return new TextDecoder().decode(bytes);
}
