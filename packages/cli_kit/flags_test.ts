import assert from "node:assert/strict";
import { didYouMean, parseNumber, scanFlags, versionText } from "./flags.ts";
import { UsageError } from "./usage_error.ts";

const TABLE = {
  lr: { type: "string" },
  "learning-rate": { type: "string" },
  seeds: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function usageError(fn: () => unknown, message: string): void {
  assert.throws(fn, (err) => err instanceof UsageError && err.message === message);
}

Deno.test("scanFlags: values inline or next, negative values, repeats, -h", () => {
  const { flags } = scanFlags(["--lr", "-1", "--seeds=8", "--lr=2", "-h", "--json"], TABLE);
  assert.deepEqual(flags.map((f) => [f.name, f.value]), [
    ["lr", "-1"],
    ["seeds", "8"],
    ["lr", "2"],
    ["help", undefined],
    ["json", undefined],
  ]);
});

Deno.test("scanFlags: every mistake is one UsageError naming the flag", () => {
  usageError(
    () => scanFlags(["--lrr", "1"], TABLE),
    "--lrr: unknown flag; did you mean --lr? see --help for the flags",
  );
  usageError(
    () => scanFlags(["--learning-rat=1"], TABLE),
    "--learning-rat: unknown flag; did you mean --learning-rate? see --help for the flags",
  );
  usageError(() => scanFlags(["--xyz"], TABLE), "--xyz: unknown flag; see --help for the flags");
  usageError(() => scanFlags(["--json=yes"], TABLE), '--json: takes no value (got "yes")');
  usageError(() => scanFlags(["--seeds"], TABLE), "--seeds: missing value; see --help");
  usageError(() => scanFlags(["--seeds", "--json"], TABLE), "--seeds: missing value; see --help");
  usageError(
    () => scanFlags(["8"], TABLE),
    '"8": unexpected argument; every value follows its flag (see --help)',
  );
  // An inherited property name is not a flag.
  usageError(
    () => scanFlags(["--toString"], TABLE),
    "--toString: unknown flag; see --help for the flags",
  );
});

Deno.test("scanFlags: positionals kept, and negative numbers read as values", () => {
  const scanned = scanFlags(["0", "-1.5", "--lr", "-2", "-.5", "-h", "--", "--x"], TABLE, {
    positionals: "numbers",
  });
  assert.deepEqual(scanned.positionals, ["0", "-1.5", "-.5", "--x"]);
  assert.deepEqual(scanned.flags.map((f) => f.name), ["lr", "help"]);
  assert.deepEqual(scanFlags(["a", "--json"], TABLE, { positionals: "keep" }).positionals, ["a"]);
});

Deno.test("didYouMean: close names and unique prefixes only", () => {
  const known = ["lr", "seed", "seeds", "hidden", "activation", "output-activation"];
  assert.equal(didYouMean("hiden", known), "hidden");
  assert.equal(didYouMean("activaton", known), "activation");
  assert.equal(didYouMean("sedes", known), "seeds"); // two letters swapped: one edit
  assert.equal(didYouMean("output", known), "output-activation");
  assert.equal(didYouMean("se", known), undefined); // a prefix of two flags
  assert.equal(didYouMean("epochs", known), undefined);
});

Deno.test("parseNumber: decimal numbers only", () => {
  for (const [text, n] of [["5", 5], ["-1", -1], ["+2", 2], ["0.05", 0.05], [".5", 0.5]] as const) {
    assert.equal(parseNumber(text), n);
  }
  assert.equal(parseNumber("1e-3"), 0.001);
  assert.equal(parseNumber("1."), 1);
  for (const text of ["", " ", "abc", "0x10", "1,5", "Infinity", "NaN", "1e", "--1"]) {
    assert.equal(parseNumber(text), undefined, text);
  }
});

Deno.test("versionText: the program and its package's version", () => {
  assert.equal(versionText("backprop bench", { version: "1.2.3" }), "backprop bench 1.2.3");
});
