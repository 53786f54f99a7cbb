import assert from "node:assert/strict";
import { parsePort, serveSite } from "./serve.ts";

Deno.test("parsePort: default 8000, --port N, --help", () => {
  assert.equal(parsePort([]), 8000);
  assert.equal(parsePort(["--port", "0"]), 0);
  assert.equal(parsePort(["--port=9000"]), 9000);
  assert.equal(parsePort(["--help"]), "help");
});

Deno.test("parsePort: a bad port or an unknown flag throws, naming it", () => {
  assert.throws(
    () => parsePort(["--port", "x"]),
    /--port: "x" is not allowed; expected an integer/,
  );
  assert.throws(() => parsePort(["--port", "65536"]), /--port: "65536"/);
  assert.throws(() => parsePort(["--port", "-1"]), /--port/);
  assert.throws(() => parsePort(["--bogus"]), /bogus/);
});

for (
  const [script, args, program] of [
    ["serve.ts", ["--port", "x"], "playground"],
    ["build.ts", ["--nope"], "playground:build"],
    ["build.ts", ["--out="], "playground:build"],
  ] as const
) {
  Deno.test(`${script} ${args.join(" ")}: one line on stderr, exit code 2`, async () => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL(script, import.meta.url).pathname, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 2);
    assert.equal(stderr.trimEnd().split("\n").length, 1, stderr);
    assert.ok(stderr.startsWith(`${program}: --`), stderr);
    assert.equal(new TextDecoder().decode(out.stdout), "");
  });
}

Deno.test("serveSite: serves the folder's files with their types, and nothing outside it", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/index.html`, "<p>hi</p>");
  await Deno.writeFile(`${dir}/x.wasm`, new Uint8Array([0, 97, 115, 109]));
  const server = serveSite(dir, 0);
  const base = `http://127.0.0.1:${server.addr.port}`;
  try {
    const index = await fetch(`${base}/`);
    assert.equal(index.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await index.text(), "<p>hi</p>");
    const wasm = await fetch(`${base}/x.wasm`);
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    await wasm.body?.cancel();
    for (const path of ["/missing.js", "/..%2Fetc%2Fpasswd", "/a/b.js"]) {
      const r = await fetch(`${base}${path}`);
      assert.equal(r.status, 404, path);
      await r.body?.cancel();
    }
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});
