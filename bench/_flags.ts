// The flag scanning shared by the bench's command line (args.ts) and the classics
// suite's (classics_main.ts). Not exported from mod.ts.

/**
 * Scans `argv` for the flags named in `flags`: `--name=value`, or `--name value`
 * when the value is the next argument, or `--name` alone for a `switch` (and
 * `-h` for `--help`). Returns the flags given, switches as `true`, values as
 * text unchecked; a flag given twice keeps its last value. A switch with a
 * value (`"--<name>: takes no value"`) or a value flag without one
 * (`"--<name>: missing value; see --help"`: none follows, or the next argument
 * starts with `--`) throws `makeError(message)`. Every other argument is passed,
 * in order, to `unknown`, which may keep it or throw.
 *
 * @example
 * ```ts
 * import { scanFlags } from "./_flags.ts";
 * const rest: string[] = [];
 * const flags = { seeds: "count", quick: "switch" };
 * const argv = ["--seeds=8", "--hidden", "4", "--quick"];
 * scanFlags(argv, flags, (m) => new Error(m), (arg) => rest.push(arg));
 * // { seeds: "8", quick: true }; rest is ["--hidden", "4"]
 * ```
 */
export function scanFlags(
  argv: readonly string[],
  flags: Readonly<Record<string, string>>,
  makeError: (message: string) => Error,
  unknown: (arg: string) => void,
): Record<string, string | true> {
  const given: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    const name = arg === "-h" ? "help" : m?.[1];
    // Own keys only: `--toString` is an unknown argument, not Object.prototype's.
    const kind = name === undefined || !Object.hasOwn(flags, name) ? undefined : flags[name];
    if (name === undefined || kind === undefined) {
      unknown(arg);
      continue;
    }
    if (kind === "switch") {
      if (m?.[2] !== undefined) throw makeError(`--${name}: takes no value`);
      given[name] = true;
      continue;
    }
    let value = m?.[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith("--")) {
        throw makeError(`--${name}: missing value; see --help`);
      }
    }
    given[name] = value;
  }
  return given;
}
