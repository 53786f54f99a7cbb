/**
 * The files a run writes (`--out`, `--plot`, `--boundary`, …), all or nothing.
 *
 * Before any work, {@linkcode probeOutputs} checks that every planned file can be
 * created where it is to go. After the work, {@linkcode commitOutputs} writes
 * each one to a new temporary file beside it, then renames them all into place;
 * if anything fails (or Ctrl-C or SIGTERM arrives) every file of this run is
 * taken back and every replaced file restored. A new output flag is one more
 * entry in the list.
 *
 * @module
 */

import { basename, dirname, join, resolve } from "node:path";
import { statOrNull, UsageError } from "@backprop/cli-kit";
import { errorMessage, show } from "./_private.ts";

/** A file the run will write: the flag that asked for it and its path. */
export interface PlannedOutput {
  /** The flag, for messages: `--out`. */
  readonly flag: string;
  /** Where the file goes; `undefined` when the flag was not given. */
  readonly path: string | undefined;
}

/** A file ready to be written: its text, whole or in pieces (written in order). */
export interface PendingOutput {
  /** The flag, for messages. */
  readonly flag: string;
  /** Where the file goes. */
  readonly path: string;
  /** The content: one string, or pieces (a large model's JSON is made piece by piece). */
  readonly content: string | Uint8Array | Iterable<string> | AsyncIterable<string>;
}

/**
 * Checks every planned output before any work: its directory exists, the path
 * is not a directory or a special file (`/dev/full`), no two flags name the same
 * file, and a new file can really be created in that directory (this catches
 * read-only file systems, `chattr +i` directories and `/proc`). Throws a
 * {@linkcode UsageError} naming the flag. Leaves nothing behind.
 *
 * @example
 * ```ts
 * import { probeOutputs } from "./outputs.ts";
 * const dir = await Deno.makeTempDir();
 * await probeOutputs([{ flag: "--out", path: `${dir}/m.json` }, { flag: "--plot", path: undefined }]);
 * ```
 */
export async function probeOutputs(outputs: readonly PlannedOutput[]): Promise<void> {
  const seen = new Map<string, string>();
  for (const { flag, path } of outputs) {
    if (path === undefined) continue;
    const refuse = (why: string): never => {
      throw new UsageError(`${flag}: ${show(path)} is not allowed; ${why}`);
    };
    const other = seen.get(resolve(path));
    if (other !== undefined) refuse(`${other} writes that file`);
    seen.set(resolve(path), flag);
    const dir = dirname(path);
    try {
      const dirInfo = await statOrNull(dir);
      if (dirInfo === null) refuse(`directory ${dir} does not exist`);
      if (!dirInfo!.isDirectory) refuse(`${dir} is not a directory`);
      const info = await statOrNull(path);
      if (info?.isDirectory) refuse("it is a directory, not a file");
      if (info !== null && !info.isFile) refuse("it is not a regular file");
      const probe = await createTemp(path);
      probe.file.close();
      await Deno.remove(probe.path);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      // Deno appends ": open '<the temporary file>'"; the directory says it better.
      const reason = errorMessage(err).replace(/: open '[^']*'$/, "");
      throw new UsageError(
        `${flag}: cannot write ${show(path)}: cannot create a file in ${dir}: ${reason}`,
        { cause: err },
      );
    }
  }
}

/**
 * Writes every output, all or nothing: each goes to a new temporary file in its
 * target's directory (a random name, created exclusively, so a planted symlink
 * cannot redirect it), with the mode of the file it replaces; when all are
 * written they are renamed into place. On a failure, or on Ctrl-C or SIGTERM
 * meanwhile (the process then exits with 130 or 143), the temporary files are
 * removed, the files already renamed are taken back and the files they replaced
 * restored. `signal` aborts between pieces of content (throwing its reason).
 *
 * @example
 * ```ts
 * import { commitOutputs } from "./outputs.ts";
 * const dir = await Deno.makeTempDir();
 * await commitOutputs([
 *   { flag: "--out", path: `${dir}/m.json`, content: "{}\n" },
 *   { flag: "--plot", path: `${dir}/loss.svg`, content: ["<svg>", "</svg>\n"] },
 * ]);
 * ```
 */
export async function commitOutputs(
  outputs: readonly PendingOutput[],
  signal?: AbortSignal,
): Promise<void> {
  const undo = new Undo();
  const onSignal = (code: number) => () => {
    undo.runSync();
    Deno.exit(code);
  };
  const onInt = onSignal(130), onTerm = onSignal(143);
  Deno.addSignalListener("SIGINT", onInt);
  Deno.addSignalListener("SIGTERM", onTerm);
  try {
    const ready: { path: string; tmp: string }[] = [];
    for (const { path, content } of outputs) {
      const mode = (await statOrNull(path))?.mode ?? null;
      const tmp = await createTemp(path);
      undo.add(() => Deno.removeSync(tmp.path));
      try {
        // Keep the mode of the file being replaced (the umask does not apply to chmod).
        if (mode !== null) await Deno.chmod(tmp.path, mode & 0o7777);
        await writeText(tmp.file, content, signal);
        await tmp.file.sync();
      } finally {
        tmp.file.close();
      }
      ready.push({ path, tmp: tmp.path });
    }
    for (const { path, tmp } of ready) {
      // Keep the file being replaced under a second name until every rename succeeded.
      const backup = (await statOrNull(path)) === null ? null : randomSibling(path, "old");
      if (backup !== null) {
        await Deno.link(path, backup).catch(() => Deno.copyFile(path, backup));
        undo.add(() => Deno.renameSync(backup, path));
      }
      await Deno.rename(tmp, path);
      if (backup === null) undo.add(() => Deno.removeSync(path));
      undo.done(() => backup !== null && Deno.removeSync(backup));
    }
    undo.commit();
  } catch (err) {
    undo.runSync();
    throw err;
  } finally {
    Deno.removeSignalListener("SIGINT", onInt);
    Deno.removeSignalListener("SIGTERM", onTerm);
  }
}

/**
 * Writes `text` (or bytes) to `path` all or nothing: {@linkcode commitOutputs} with one file.
 *
 * @example
 * ```ts
 * import { writeFileAtomic } from "@backprop/cli";
 * const dir = await Deno.makeTempDir();
 * await writeFileAtomic(`${dir}/model.json`, "{}\n");
 * ```
 */
export async function writeFileAtomic(path: string, text: string | Uint8Array): Promise<void> {
  await commitOutputs([{ flag: path, path, content: text }]);
}

/** What to take back if the run fails, newest first, and what to tidy once it succeeded. */
class Undo {
  #steps: (() => void)[] = [];
  #after: (() => unknown)[] = [];
  add(step: () => void): void {
    this.#steps.push(step);
  }
  done(step: () => unknown): void {
    this.#after.push(step);
  }
  /** Takes everything back, synchronously (it also runs from a signal handler). */
  runSync(): void {
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        step();
      } catch {
        // Already gone: nothing to take back.
      }
    }
    this.#after = [];
  }
  /** Success: drop the undo steps, remove the backups. */
  commit(): void {
    this.#steps = [];
    for (const step of this.#after.splice(0)) {
      try {
        step();
      } catch {
        // A backup that cannot be removed is left; the outputs are in place.
      }
    }
  }
}

/**
 * Writes `content` (a string or its pieces, gathered to ~1 MiB per write) to
 * `writer`, e.g. a file or `Deno.stdout`; `signal` aborts between writes.
 *
 * @example
 * ```ts
 * import { writeText } from "./outputs.ts";
 * await writeText(Deno.stdout, ["{", "}\n"]);
 * ```
 */
export async function writeText(
  writer: { write(bytes: Uint8Array): Promise<number> },
  content: PendingOutput["content"],
  signal?: AbortSignal,
): Promise<void> {
  const encoder = new TextEncoder();
  const write = async (text: string): Promise<void> => {
    signal?.throwIfAborted();
    const bytes = encoder.encode(text);
    for (let at = 0; at < bytes.length;) at += await writer.write(bytes.subarray(at));
  };
  if (content instanceof Uint8Array) {
    signal?.throwIfAborted();
    for (let at = 0; at < content.length;) at += await writer.write(content.subarray(at));
  } else if (typeof content === "string") {
    await write(content);
  } else {
    // Pieces are gathered to ~1 MiB per write.
    let buffer = "";
    for await (const piece of content) {
      buffer += piece;
      if (buffer.length >= 1 << 20) {
        await write(buffer);
        buffer = "";
      }
    }
    await write(buffer);
  }
}

/** A new file beside `path`, created exclusively under a random name. */
async function createTemp(path: string): Promise<{ path: string; file: Deno.FsFile }> {
  for (let attempt = 0;; attempt++) {
    const tmp = randomSibling(path, "tmp");
    try {
      return { path: tmp, file: await Deno.open(tmp, { write: true, createNew: true }) };
    } catch (err) {
      if (!(err instanceof Deno.errors.AlreadyExists) || attempt >= 5) throw err;
    }
  }
}

/** `dir/.name.<16 random hex digits>.<kind>`: hidden, in the same directory (so rename is atomic). */
function randomSibling(path: string, kind: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return join(dirname(path), `.${basename(path)}.${hex}.${kind}`);
}
