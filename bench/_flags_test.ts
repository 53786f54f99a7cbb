import assert from "node:assert/strict";
import { scanFlags } from "./_flags.ts";

const FLAGS = { seeds: "count", out: "text", quick: "switch", help: "switch" };

class TestError extends Error {}

/** Scans `argv`, collecting the unknown arguments. */
function scan(argv: string[]): { given: Record<string, string | true>; rest: string[] } {
  const rest: string[] = [];
  const given = scanFlags(argv, FLAGS, (m) => new TestError(m), (arg) => rest.push(arg));
  return { given, rest };
}

Deno.test("scanFlags: both spellings, switches, -h, the rest in order", () => {
  assert.deepEqual(
    scan(["a", "--seeds", "8", "--hidden", "4", "--out=x=y", "--quick", "-h", "-v"]),
    {
      given: { seeds: "8", out: "x=y", quick: true, help: true },
      rest: ["a", "--hidden", "4", "-v"],
    },
  );
  // The last of a repeated flag wins; a value may be empty or span lines.
  assert.deepEqual(scan(["--seeds=1", "--seeds", "2", "--out="]).given, { seeds: "2", out: "" });
  assert.deepEqual(scan(["--out=a\nb"]).given, { out: "a\nb" });
  // A value that is not a flag may start with one dash.
  assert.deepEqual(scan(["--seeds", "-1"]).given, { seeds: "-1" });
  // Names inherited from Object.prototype are not flags.
  assert.deepEqual(scan(["--toString", "--constructor=1"]), {
    given: {},
    rest: ["--toString", "--constructor=1"],
  });
});

Deno.test("scanFlags: a switch with a value or a missing value is makeError's error", () => {
  const cases: [string[], string][] = [
    [["--quick=yes"], "--quick: takes no value"],
    [["--seeds"], "--seeds: missing value; see --help"],
    [["--seeds", "--quick"], "--seeds: missing value; see --help"],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => scan(argv),
      (e: unknown) => e instanceof TestError && e.message === message,
    );
  }
});

Deno.test("scanFlags: `unknown` sees each other argument in order and may throw", () => {
  const seen: string[] = [];
  assert.throws(
    () =>
      scanFlags(["--seeds", "3", "--bad", "--seeds"], FLAGS, (m) => new TestError(m), (arg) => {
        seen.push(arg);
        throw new RangeError(`${arg}: unknown`);
      }),
    /^RangeError: --bad: unknown$/,
  );
  assert.deepEqual(seen, ["--bad"]);
});
