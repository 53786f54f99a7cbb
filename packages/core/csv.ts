/**
 * CSV records as RFC 4180 writes them: cells separated by commas, records by
 * CRLF, LF or CR; a cell in double quotes may hold commas, line breaks and
 * quotes (written twice, `""`). Two additions for hand-written files: outside
 * quotes, `#` starts a comment to the end of the line, and blank lines are
 * skipped; spaces around an unquoted cell are dropped.
 *
 * @module
 */

/** One record: its cells (quotes removed) and where it starts and each cell starts. */
export interface CsvRecord {
  /** The cells, unquoted; an unquoted cell is trimmed. */
  readonly cells: string[];
  /** 1-based line of the record's first character. */
  readonly line: number;
  /** 1-based line of each cell's first character (a quoted cell may span lines). */
  readonly lines: number[];
}

/**
 * Splits CSV `text` into records; `fail(line, column, message)` reports a quote
 * never closed or text after a closing quote (column: the cell's 1-based position).
 *
 * @example
 * ```ts
 * import { csvRecords } from "@backprop/core";
 * const records = csvRecords('name,"a, b"\n"say ""hi""",2\n', (l, c, m) => {
 *   throw new Error(`${l}:${c}: ${m}`);
 * });
 * records[1].cells; // ['say "hi"', "2"]
 * ```
 */
export function csvRecords(
  text: string,
  fail: (line: number, column: number, message: string) => never,
): CsvRecord[] {
  const s = text.replace(/^\uFEFF/, "");
  const records: CsvRecord[] = [];
  let cells: string[] = [], lines: number[] = [];
  let cell = "", quoted = false, line = 1, cellLine = 1, content = false;
  const endCell = () => {
    cells.push(quoted ? cell : cell.trim());
    lines.push(cellLine);
    if (quoted || cell.trim() !== "") content = true;
    cell = "";
    quoted = false;
    cellLine = line;
  };
  const endRecord = () => {
    endCell();
    if (content) records.push({ cells, line: lines[0], lines });
    cells = [];
    lines = [];
    content = false;
  };
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    if (ch === '"' && cell.trim() === "" && !quoted) {
      // A quoted cell: up to the next lone quote.
      const column = cells.length + 1, startLine = line;
      cellLine = line;
      let value = "";
      i++;
      while (true) {
        if (i >= s.length) fail(startLine, column, "a quoted cell is never closed");
        const c = s[i];
        if (c === '"') {
          if (s[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\r" || c === "\n") {
          line++;
          if (c === "\r" && s[i + 1] === "\n") {
            value += "\r";
            i++;
          }
        }
        value += s[i++];
      }
      while (s[i] === " " || s[i] === "\t") i++;
      if (i < s.length && !/[,\r\n#]/.test(s[i])) {
        fail(line, column, `text after the closing quote of ${JSON.stringify(value)}`);
      }
      cell = value;
      quoted = true;
      continue;
    }
    if (ch === ",") {
      endCell();
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && s[i + 1] === "\n" ? 2 : 1;
      line++;
      cellLine = line;
    } else if (ch === "#") {
      while (i < s.length && s[i] !== "\r" && s[i] !== "\n") i++;
    } else {
      if (quoted) fail(line, cells.length + 1, "text after a closing quote");
      cell += ch;
      i++;
    }
  }
  endRecord();
  return records;
}
