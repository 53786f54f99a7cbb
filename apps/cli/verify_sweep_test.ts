import assert from "node:assert/strict";
import { files, inTempDir, isOneLineError, runCli } from "./_testing.ts";

Deno.test("deno task verify:sweep: writes report.md and report.json; bad input exits 2", async () => {
  await inTempDir(async (dir) => {
    const permissions = ["--allow-read", "--allow-write", "--allow-env"]; // the task's
    const [ok, bad, unknown, badOut] = await Promise.all([
      runCli("verify_sweep.ts", ["--configs", "3", "--seed", "5", "--no-tfjs", "--out", dir], {
        permissions,
      }),
      runCli("verify_sweep.ts", ["--configs", "1.5", "--out", dir], { permissions }),
      runCli("verify_sweep.ts", ["--config", "3"], { permissions }),
      // The output directory is checked before any config runs.
      runCli("verify_sweep.ts", ["--configs", "1000", "--out", "/proc/no"], { permissions }),
    ]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(
      ok.stdout,
      /^verify suite: 3 of 3 configs PASS \(reference engine: 3 of 3\); 13 of 13 planted bugs caught; /,
    );
    assert.deepEqual(files(dir), ["report.json", "report.md"]);
    const json = JSON.parse(await Deno.readTextFile(`${dir}/report.json`));
    assert.equal(json.sweep.passed, 3);
    assert.equal(json.reference.passed, 3);
    assert.ok(json.catchMatrix.every((r: { caught: boolean }) => r.caught));
    const md = await Deno.readTextFile(`${dir}/report.md`);
    assert.match(md, /^# verify suite\n/);
    assert.match(md, /\*\*3 of 3 configs PASS\*\*/);
    assert.match(md, /## The oracle against the reference engine\n/);
    assert.ok(isOneLineError(bad) && bad.stderr.includes("--configs: 1.5 is not allowed"));
    assert.ok(isOneLineError(unknown), unknown.stderr);
    assert.match(unknown.stderr, /did you mean --configs\?/);
    assert.ok(isOneLineError(badOut) && badOut.stderr.includes("--out:"), badOut.stderr);
  });
});
