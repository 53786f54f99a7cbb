import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { commitOutputs, probeOutputs, writeFileAtomic } from "./outputs.ts";
import { UsageError } from "@backprop/cli-kit";
import { files, inTempDir } from "./_testing.ts";

/** Whether `chattr +i` works here (root on a file system with attributes), to make a directory unwritable even for root. */
async function immutable(dir: string, on: boolean): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("chattr", { args: [on ? "+i" : "-i", dir] })
      .output();
    return success;
  } catch {
    return false;
  }
}

Deno.test("probeOutputs: an output that cannot be created is a UsageError naming its flag", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/file`, "x");
    const cases: [string, string][] = [
      // /proc takes no new files, even from root.
      ["/proc/m.json", `--out: cannot write "/proc/m.json": cannot create a file in /proc: `],
      [
        `${dir}/file/m.json`,
        `--out: "${dir}/file/m.json" is not allowed; ${dir}/file is not a directory`,
      ],
      // Deno asks for --allow-all to touch /dev; with it, the file is no regular file.
      ["/dev/full", `--out: `],
      [dir, `--out: "${dir}" is not allowed; it is a directory, not a file`],
      [
        `${dir}/no/m.json`,
        `--out: "${dir}/no/m.json" is not allowed; directory ${dir}/no does not exist`,
      ],
    ];
    for (const [path, message] of cases) {
      await assert.rejects(
        () => probeOutputs([{ flag: "--plot", path: undefined }, { flag: "--out", path }]),
        (err: Error) =>
          err instanceof UsageError && err.message.startsWith(message) &&
          (path !== "/dev/full" ||
            /^--out: ("\/dev\/full" is not allowed; it is not a regular file|cannot write "\/dev\/full": cannot create a file in \/dev: Requires all access)/
              .test(err.message)),
        path,
      );
    }
    await assert.rejects(
      () =>
        probeOutputs([{ flag: "--out", path: `${dir}/a` }, { flag: "--plot", path: `${dir}/./a` }]),
      /^UsageError: --plot: ".*\/\.\/a" is not allowed; --out writes that file$/,
    );
    // A good output passes, and the probe leaves nothing behind.
    await probeOutputs([{ flag: "--out", path: `${dir}/m.json` }]);
    assert.deepEqual(files(dir), ["file"]);
  });
});

Deno.test("probeOutputs: a directory made immutable (chattr +i) is found before any work", async (t) => {
  await inTempDir(async (dir) => {
    const locked = `${dir}/locked`;
    await Deno.mkdir(locked);
    if (!await immutable(locked, true)) {
      t.step({ name: "skipped: chattr +i is not available here", ignore: true, fn: () => {} });
      return;
    }
    try {
      await assert.rejects(
        () => probeOutputs([{ flag: "--boundary", path: `${locked}/b.svg` }]),
        (err: Error) =>
          err instanceof UsageError &&
          err.message.startsWith(`--boundary: cannot write "${locked}/b.svg": cannot create`),
      );
    } finally {
      await immutable(locked, false);
    }
  });
});

Deno.test("commitOutputs: all or nothing; a replaced file keeps its mode, or comes back on failure", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/m.json`, "old\n", { mode: 0o640 });
    await Deno.chmod(`${dir}/m.json`, 0o640);
    await commitOutputs([
      { flag: "--out", path: `${dir}/m.json`, content: "new\n" },
      { flag: "--plot", path: `${dir}/p.svg`, content: ["<svg>", "</svg>"] },
    ]);
    assert.equal(await Deno.readTextFile(`${dir}/m.json`), "new\n");
    assert.equal((await Deno.stat(`${dir}/m.json`)).mode! & 0o777, 0o640);
    assert.equal(await Deno.readTextFile(`${dir}/p.svg`), "<svg></svg>");
    assert.deepEqual(files(dir), ["m.json", "p.svg"]);

    // The second file fails while it is written: nothing of this run is left.
    async function* failing() {
      yield "<svg>";
      throw new Error("rendering failed");
    }
    await assert.rejects(
      () =>
        commitOutputs([
          { flag: "--out", path: `${dir}/m.json`, content: "newer\n" },
          { flag: "--boundary", path: `${dir}/b.svg`, content: failing() },
        ]),
      /rendering failed/,
    );
    assert.equal(await Deno.readTextFile(`${dir}/m.json`), "new\n");
    assert.deepEqual(files(dir), ["m.json", "p.svg"]);

    // The second rename fails (its target became a directory after the probe): the first
    // file, already in place, is taken back and the one it replaced restored.
    await Deno.mkdir(`${dir}/b.svg/inside`, { recursive: true });
    await assert.rejects(() =>
      commitOutputs([
        { flag: "--out", path: `${dir}/m.json`, content: "newest\n" },
        { flag: "--plot", path: `${dir}/new.svg`, content: "<svg/>" },
        { flag: "--boundary", path: `${dir}/b.svg`, content: "<svg/>" },
      ])
    );
    assert.equal(await Deno.readTextFile(`${dir}/m.json`), "new\n");
    assert.equal((await Deno.stat(`${dir}/m.json`)).mode! & 0o777, 0o640);
    assert.deepEqual(files(dir), ["b.svg", "m.json", "p.svg"]);
  });
});

Deno.test("writeFileAtomic: a symlink planted at the old temporary name is not followed", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/victim`, "precious\n");
    // The old temporary name was `<path>.tmp-<pid>`: predictable, and opened without O_EXCL.
    await Deno.symlink(`${dir}/victim`, `${dir}/m.json.tmp-${Deno.pid}`);
    await writeFileAtomic(`${dir}/m.json`, "model\n");
    assert.equal(await Deno.readTextFile(`${dir}/victim`), "precious\n");
    assert.equal(await Deno.readTextFile(`${dir}/m.json`), "model\n");
    assert.deepEqual(files(dir), ["m.json", `m.json.tmp-${Deno.pid}`, "victim"]);
  });
});

Deno.test("commitOutputs: SIGTERM while writing removes the temporary files, exit 143", async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/m.json`, "old\n");
    const script = `${dir}/writer.ts`;
    const outputs = new URL("./outputs.ts", import.meta.url).href;
    // The second output never finishes, so the signal comes while both are temporary files.
    await Deno.writeTextFile(
      script,
      `import { commitOutputs } from ${JSON.stringify(outputs)};
      async function* slow() { yield "<svg>"; console.log("writing"); await new Promise(() => setInterval(() => {}, 1000)); }
      await commitOutputs([
        { flag: "--out", path: ${JSON.stringify(`${dir}/m.json`)}, content: "new\\n" },
        { flag: "--plot", path: ${JSON.stringify(`${dir}/p.svg`)}, content: slow() },
      ]);`,
    );
    const child = new Deno.Command(Deno.execPath(), {
      // The workspace's config, so that the script (outside it) resolves its packages.
      args: ["run", "--config", fileURLToPath(new URL("../../deno.json", import.meta.url)), ...[
        "--allow-read",
        "--allow-write",
        script,
      ]],
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let seen = "";
    while (!seen.includes("writing")) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    assert.match(seen, /writing/);
    assert.ok(files(dir).some((name) => name.endsWith(".tmp")), "temporary files exist");
    child.kill("SIGTERM");
    await reader.cancel();
    assert.equal((await child.status).code, 143);
    assert.deepEqual(files(dir), ["m.json", "writer.ts"]);
    assert.equal(await Deno.readTextFile(`${dir}/m.json`), "old\n");
  });
});
