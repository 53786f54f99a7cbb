/**
 * A Markdown table, as the bench and the classics reports write them.
 *
 * @module
 */

/**
 * A Markdown table: a header row, the separator (`---:` for right-aligned
 * columns, `align[i] === "r"`) and the rows, cells as given.
 *
 * @example
 * ```ts
 * import { markdownTable } from "@backprop/bench/harness";
 * markdownTable(["engine", "µs"], [["manual", "1.2"]], ["l", "r"]);
 * // "| engine | µs |\n| --- | ---: |\n| manual | 1.2 |"
 * ```
 */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly ("l" | "r")[],
): string {
  const sep = head.map((_, i) => (align?.[i] === "r" ? "---:" : "---"));
  return [head, sep, ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}
