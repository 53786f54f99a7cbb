import assert from "node:assert/strict";
import { PRESETS } from "@backprop/core";
import { CONFIG_FLAGS } from "@backprop/cli-kit";
import { helpText } from "./help.ts";

Deno.test("helpText: every flag with the default preset's value", () => {
  const text = helpText();
  for (const flag of ["--impl", "--config", "--out", "--json", "--help"]) {
    assert.ok(text.includes(flag), flag);
  }
  for (const flag of CONFIG_FLAGS) {
    const name = flag.kind === "switch" ? `--[no-]${flag.name.slice(3)} ` : `--${flag.name} `;
    const line = text.split("\n").find((l) => l.startsWith(`  ${name}`));
    assert.ok(line !== undefined, flag.name);
    const value = PRESETS.default[flag.field];
    const shown = typeof value === "boolean"
      ? (value ? "on" : "off")
      : Array.isArray(value)
      ? value.join(",")
      : String(value);
    assert.ok(line.includes(`(default ${shown}`), `${flag.name}: ${line}`);
  }
});

Deno.test("helpText: names the config-file field where it differs from the flag", () => {
  const text = helpText();
  assert.match(text, /--lr NUM .*file: learningRate/);
  assert.match(text, /--batch-size N\|full .*file: batchSize/);
});
