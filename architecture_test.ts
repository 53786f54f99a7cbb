// The structure ARCHITECTURE.md describes, checked: no import cycle among the workspace's
// own files, and no source file (tests aside) far over the house limit of ~600 lines.

import assert from "node:assert/strict";

const ROOT = new URL("./", import.meta.url);

interface DenoJson {
  workspace?: string[];
  exports?: string | Record<string, string>;
  tasks?: Record<string, string>;
}

function readJson(url: URL): DenoJson {
  return JSON.parse(Deno.readTextFileSync(url));
}

/** Every `.ts` file under `dir` (a workspace member), tests included or not. */
function tsFiles(dir: URL, tests: boolean): string[] {
  const out: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) {
      if (entry.name !== "node_modules" && entry.name !== "results") {
        out.push(...tsFiles(url, tests));
      }
    } else if (entry.name.endsWith(".ts") && (tests || !entry.name.endsWith("_test.ts"))) {
      out.push(url.href);
    }
  }
  return out;
}

const members = (readJson(new URL("deno.json", ROOT)).workspace ?? []).map((m) =>
  new URL(m.replace(/^\.\//, "") + "/", ROOT)
);

/** Entry points: each member's exports and every script a root task runs. */
function entryPoints(): string[] {
  const entries = new Set<string>();
  for (const member of members) {
    const { exports } = readJson(new URL("deno.json", member));
    const paths = typeof exports === "string" ? [exports] : Object.values(exports ?? {});
    for (const p of paths) entries.add(new URL(p, member).href);
  }
  const tasks = readJson(new URL("deno.json", ROOT)).tasks ?? {};
  for (const command of Object.values(tasks)) {
    for (const m of command.matchAll(/(?:^|\s)((?:apps|packages|bench)\/\S+\.ts)\b/g)) {
      entries.add(new URL(m[1], ROOT).href);
    }
  }
  return [...entries];
}

interface InfoModule {
  specifier: string;
  dependencies?: { code?: { specifier: string }; type?: { specifier: string } }[];
}

/** The import graph `deno info --json` reports from `root`, local files only. */
async function graphFrom(root: string, graph: Map<string, Set<string>>): Promise<void> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", new URL(root).pathname],
    cwd: new URL(ROOT).pathname,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.ok(out.success, new TextDecoder().decode(out.stderr));
  const info = JSON.parse(new TextDecoder().decode(out.stdout)) as { modules: InfoModule[] };
  for (const mod of info.modules) {
    if (!mod.specifier.startsWith(ROOT.href)) continue;
    const edges = graph.get(mod.specifier) ?? new Set<string>();
    for (const dep of mod.dependencies ?? []) {
      for (const target of [dep.code?.specifier, dep.type?.specifier]) {
        if (target?.startsWith(ROOT.href)) edges.add(target);
      }
    }
    graph.set(mod.specifier, edges);
  }
}

/** One cycle per strongly connected component of more than one file (or a self-import). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  // Tarjan's algorithm, iterative enough for a few hundred files.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.has(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

Deno.test("import graph: no cycle among the workspace's own files", async () => {
  const graph = new Map<string, Set<string>>();
  for (const entry of entryPoints()) await graphFrom(entry, graph);
  // Files no entry point reaches (workers, child processes, scripts) are roots of their own.
  for (const member of members) {
    for (const file of tsFiles(member, false)) {
      if (!graph.has(file)) await graphFrom(file, graph);
    }
  }
  const relative = (s: string) => s.slice(ROOT.href.length);
  const found = cycles(graph).map((c) => c.map(relative).sort().join(" ↔ "));
  assert.deepEqual(found, [], `import cycles:\n${found.join("\n")}`);
  // The check sees the graph: core's config reaches its limits module.
  const config = graph.get(new URL("packages/core/config.ts", ROOT).href);
  assert.ok(config?.has(new URL("packages/core/limits.ts", ROOT).href));
});

Deno.test("cycles(): finds a cycle and ignores a chain", () => {
  const g = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])], [
    "d",
    new Set(["a"]),
  ]]);
  assert.deepEqual(cycles(g).map((c) => c.sort()), [["a", "b", "c"]]);
  assert.deepEqual(cycles(new Map([["a", new Set(["b"])], ["b", new Set<string>()]])), []);
});

// ~600 lines is the house limit; 650 leaves room for a file at the limit to gain a doc comment.
const MAX_LINES = 650;

Deno.test(
  `no source file (tests aside) has more than ${MAX_LINES} lines`,
  () => {
    const long: string[] = [];
    for (const member of members) {
      for (const file of tsFiles(member, false)) {
        const lines = Deno.readTextFileSync(new URL(file)).split("\n").length;
        if (lines > MAX_LINES) long.push(`${file.slice(ROOT.href.length)}: ${lines} lines`);
      }
    }
    assert.deepEqual(long, []);
  },
);
