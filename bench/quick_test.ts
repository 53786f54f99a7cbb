import assert from "node:assert/strict";
import { ENGINE_COLORS } from "@backprop/plot";

const root = new URL("..", import.meta.url).pathname;
const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-sys",
  "--allow-run", // cat, and the heap check's child processes (Deno.execPath())
];

async function bench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, "bench/main.ts", ...args],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

Deno.test({
  name: "deno task bench --quick runs end to end and writes its report",
  sanitizeResources: false,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "bench-quick-" });
    try {
      const { code, stdout, stderr } = await bench(["--quick", "--out", dir]);
      assert.equal(code, 0, stderr);
      // The summary (not the closing "wrote <folder>…" line) fits a 100-column terminal.
      const summary = stdout.slice(0, stdout.lastIndexOf("\nwrote "));
      for (const line of summary.split("\n")) {
        assert.ok([...line].length <= 100, `${[...line].length} columns: ${line}`);
      }
      assert.match(stderr, /convergence: done/);
      assert.match(stdout, /Convergence: does training solve each task/);
      assert.match(stdout.replace(/\s+/g, " "), /Success: every output within 0\.5 of its target/);
      assert.match(stdout, /Targets/);

      const results = JSON.parse(await Deno.readTextFile(`${dir}/latest.json`));
      assert.equal(results.format, "backprop-bench");
      assert.equal(results.quick, true);
      assert.ok(results.machine.cores >= 1 && results.machine.deno && results.machine.tfjs);
      if (Deno.build.os === "linux") assert.notEqual(results.machine.cpu, "unknown");
      assert.match(results.source.sha256, /^[0-9a-f]{64}$/);
      const names = results.convergence.map((c: { name: string }) => c.name);
      assert.deepEqual(names, ["seed", "default", "per-pattern", "mini-batch", "parity:4"]);
      for (const c of results.convergence) {
        assert.equal(c.engines[0].impl, "manual");
        assert.equal(c.engines[0].runs, 8);
      }
      const speed = new Map<string, { rowsOfEngines: { engine: string; available: boolean }[] }>(
        results.speed.map((p: { name: string }) => [p.name, p]),
      );
      const xor = speed.get("xor")!.rowsOfEngines;
      for (const engine of ["manual-f64", "manual-f32", "fused-limit", "tfjs-cpu", "tfjs-wasm"]) {
        assert.ok(xor.find((r) => r.engine === engine)?.available, engine);
      }
      // tfjs-node is reported either way: measured when installed, absent with a reason when not.
      const node = xor.find((r) => r.engine === "tfjs-node") as {
        available: boolean;
        reason?: string;
      };
      assert.ok(node.available || (node.reason ?? "").length > 0);
      assert.ok(results.targets.length >= 7);
      assert.ok(results.peak.best > 0);
      // The profile fitted the engine, the fused loop and tfjs-cpu.
      assert.deepEqual(
        results.profile.models.map((m: { engine: string }) => m.engine),
        ["manual-f64", "fused-limit", "tfjs-cpu"],
      );
      // The allocation check ran in child processes, and its controls came out as they must.
      const heap = new Map<string, { verdict: string; controlAsExpected: boolean | null }>(
        results.heap.map((h: { setup: string }) => [h.setup, h]),
      );
      assert.deepEqual([...heap.keys()], [
        "fused-xor",
        "xor-seed-callback",
        "xor-seed",
        "xor-per-pattern",
        "parity8-batch32",
      ]);
      assert.equal(heap.get("fused-xor")!.controlAsExpected, true, JSON.stringify(results.heap));
      assert.equal(heap.get("xor-seed-callback")!.controlAsExpected, true);
      for (const h of heap.values()) assert.notEqual(h.verdict, "not measured");

      const md = await Deno.readTextFile(`${dir}/latest.md`);
      const headings = [
        "## Targets",
        "## Speed",
        "### Where the time goes",
        "### float32 or float64",
        "### Allocation per epoch",
        "## Convergence",
        "brain.js",
      ];
      for (const heading of headings) {
        assert.ok(md.includes(heading), heading);
      }
      // Every chart the report shows was written, and is SVG.
      const charts = [...md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => m[1]);
      assert.ok(charts.length >= 8, `${charts.length} charts`);
      for (const chart of charts) {
        const svg = await Deno.readTextFile(`${dir}/${chart}`);
        assert.match(svg, /^<svg [^>]*role="img"/, chart);
        assert.match(svg, /<title>[^<]+<\/title>\s*<desc>[^<]+<\/desc>/, chart);
      }
      // One colour per engine in every chart: tfjs-cpu's orange wherever it is drawn.
      for (const chart of ["speed-xor.svg", "conv-default-loss.svg", "conv-default-epochs.svg"]) {
        const svg = await Deno.readTextFile(`${dir}/${chart}`);
        assert.ok(svg.includes(ENGINE_COLORS["tfjs-cpu"]), chart);
        assert.ok(svg.includes(ENGINE_COLORS["manual"]), chart);
      }
      // The loss chart has its difference panel.
      assert.match(
        await Deno.readTextFile(`${dir}/conv-default-loss.svg`),
        /\|manual − tfjs-cpu\|/,
      );

      // Re-rendered from its JSON: the same report, with a line saying so.
      const again = await bench(["--report", `${dir}/latest.json`, "--out", `${dir}/again`]);
      assert.equal(again.code, 0, again.stderr);
      const md2 = await Deno.readTextFile(`${dir}/again/latest.md`);
      assert.match(md2, /Re-rendered from `.*latest\.json`/);
      assert.equal(md2.replace(/\nRe-rendered from [^\n]*\n/, ""), md);
      for (const chart of charts) assert.ok((await Deno.stat(`${dir}/again/${chart}`)).isFile);
      assert.deepEqual(
        (await Array.fromAsync(Deno.readDir(`${dir}/again`))).filter((e) => e.isDirectory),
        [],
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("deno task bench: --help, --digest and a usage error", async () => {
  const help = await bench(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /--criterion C/);
  const digest = await bench(["--digest"]);
  assert.equal(digest.code, 0);
  assert.match(digest.stdout, /^[0-9a-f]{64} {2}\(\d+ files\)/);
  const bad = await bench(["--seeds", "0"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^bench: --seeds: "0" is not allowed/);
});

Deno.test("deno task bench: bad input is one line, exit 2, before any work", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bench-bad-" });
  try {
    const file = `${dir}/model.json`;
    await Deno.writeTextFile(file, "{}");
    const cases: [string[], string][] = [
      [["--lr", "-1"], "bench: --lr: -1 is not allowed; expected a number > 0"],
      [["--dataset", "mnist"], "bench: --dataset: "],
      [["--quick", "--out", file], `bench: --out: "${file}" is not allowed; it is a file`],
      [
        ["--quick", "--out", "/proc/bench"],
        `bench: --out: "/proc/bench" is not allowed; cannot write`,
      ],
      [["--sedds", "3"], "bench: --sedds: unknown flag; did you mean --seeds?"],
    ];
    for (const [argv, start] of cases) {
      const { code, stdout, stderr } = await bench(argv);
      assert.equal(code, 2, `${argv.join(" ")}: ${stderr}`);
      assert.ok(stderr.startsWith(start), `${argv.join(" ")}: ${stderr}`);
      assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
      assert.equal(stdout, "");
    }
    // Nothing was written beside the file.
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["model.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task bench --report refuses, in one line, a file it cannot render", async () => {
  const dir = await Deno.makeTempDir({ prefix: "bench-report-" });
  try {
    const old = `${dir}/old.json`;
    await Deno.writeTextFile(old, JSON.stringify({ format: "backprop-bench", version: 1 }));
    const cases: [string[], RegExp][] = [
      [
        ["--report", old],
        /^bench: --report: .*old\.json is results version 1; .*run the bench again\)\n$/,
      ],
      [["--report", `${dir}/none.json`], /^bench: --report: cannot read .*none\.json/],
      [["--report", old, "--seeds", "3"], /^bench: --report: "--seeds" is not allowed with it/],
      [["--report"], /^bench: --report: missing value/],
    ];
    for (const [args, message] of cases) {
      const r = await bench(args);
      assert.equal(r.code, 2, args.join(" "));
      assert.match(r.stderr, message);
      assert.equal(r.stdout, "");
    }
    // Nothing was written beside the file.
    assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["old.json"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
