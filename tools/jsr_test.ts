// The library packages are ready for JSR: `deno doc --lint` finds nothing in any
// mod.ts (every export documented, every type in a public signature exported), and
// `deno publish --dry-run` succeeds without a single test file in the upload.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
// bench/ is an app whose workers need Deno's worker types (a triple-slash lib
// reference, which JSR refuses); it is not meant to be published.
const MEMBERS = [
  "packages/core",
  "packages/manual",
  "packages/plot",
  "packages/tfjs",
  "packages/cli_kit",
  "apps/cli",
];

async function deno(args: string[], cwd: string): Promise<{ code: number; text: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, text: decoder.decode(stdout) + decoder.decode(stderr) };
}

for (const member of MEMBERS) {
  Deno.test(`${member}: deno doc --lint mod.ts is clean`, async () => {
    const { code, text } = await deno(["doc", "--lint", "mod.ts"], `${ROOT}${member}`);
    assert.equal(code, 0, text);
    assert.doesNotMatch(text, /error\[/);
  });

  Deno.test(`${member}: deno publish --dry-run succeeds and uploads no test file`, async () => {
    const { code, text } = await deno(
      ["publish", "--dry-run", "--allow-dirty"],
      `${ROOT}${member}`,
    );
    assert.equal(code, 0, text);
    const files = text.split("\n").filter((line) => /^\s+file:\/\//.test(line));
    assert.ok(files.some((line) => line.includes("/mod.ts")), text);
    assert.deepEqual(files.filter((line) => /_test\.ts|_testing\.ts/.test(line)), []);
  });
}
