import Papa from "papaparse";
import { fileException, type Exception } from "../validation";
import type { RecordLayout } from "./recordLayout";

/** Where the records of a CSV file go: the first one is the header, every later one a data row. */
export interface CsvSink {
  header(cells: string[]): void;
  row(cells: string[]): void;
}

export type LineBreak = "\n" | "\r\n" | "\r";

/** What papaparse's low-level Parser returns (its typings say `any`). */
interface ParserOutput {
  data: string[][];
  errors: Papa.ParseError[];
  meta: { cursor: number };
}

/**
 * Splits decoded CSV text, fed in pieces of any size, into records with papaparse's RFC 4180 parser.
 *
 * Papaparse's own streamers decode bytes per chunk (breaking characters split across chunks) and hide where a
 * record began, so we drive its Parser directly: each piece is parsed with the unfinished last record held back and
 * re-parsed with the next piece. The header is checked for a foreign delimiter before anything reaches the sink, and
 * the first fatal problem ends the reading.
 */
export class CsvTextReader {
  private pending = "";
  /** Length `pending` must reach before parsing again; doubling it keeps a huge unclosed quote linear, not quadratic. */
  private parseAt = 0;
  private lineBreak: LineBreak | null = null;
  private parser: Papa.Parser | null = null;
  private sawContent = false;
  /** Records handed to the sink, the header included: the sheet row of the last one. */
  private records = 0;
  private fatal: Exception | null = null;
  /** Whether `pending` is known to be ASCII (then a character is a byte, and a record's bytes need no counting). */
  private pendingAscii = true;

  /** With a `layout`, notes where each record lies in the bytes (see RecordLayout); without, does no extra work. */
  constructor(
    private readonly sink: CsvSink,
    private readonly layout: RecordLayout | null = null,
  ) {}

  /** The file-level finding that stopped the reading, if any. */
  get finding(): Exception | null {
    return this.fatal;
  }

  get dataRows(): number {
    return Math.max(0, this.records - 1);
  }

  /** Adds the next piece of text; `ascii` says it is known to hold only ASCII (the byte decoder knows for free). */
  push(text: string, ascii = false): void {
    if (this.fatal || text.length === 0) return;
    this.pendingAscii = (this.pending.length === 0 || this.pendingAscii) && ascii;
    this.pending += text;
    // Nothing is parsed while the file is only blank lines so far: a file of nothing else is empty, not a blank header.
    if (!this.sawContent) {
      if (!/\S/.test(text)) return;
      this.sawContent = true;
    }
    if (this.pending.length < this.parseAt) return;
    this.lineBreak ??= detectLineBreak(this.pending);
    if (!this.lineBreak) {
      this.parseAt = this.pending.length * 2;
      return;
    }
    this.parse(false);
  }

  /** Ends the text: parses the last record (unless the file ends with a line break) and reports an empty file. */
  finish(): void {
    if (this.fatal) return;
    if (!this.sawContent) {
      this.fatal = fileException("empty-file");
      return;
    }
    if (this.pending.length > 0) this.parse(true);
    if (!this.fatal) this.layout?.end();
  }

  private parse(final: boolean): void {
    this.parser ??= new Papa.Parser({ delimiter: ",", newline: this.lineBreak ?? "\n", quoteChar: '"' });
    const output: ParserOutput = this.parser.parse(this.pending, 0, !final);
    const quoteError = firstQuoteError(output);
    const complete = quoteError ? (quoteError.row ?? 0) : output.data.length;
    if (this.layout) {
      const measured = this.layout.measure(this.pending, output.data, complete, this.lineBreak ?? "\n", this.pendingAscii);
      if (!quoteError && measured !== (final ? this.pending.length : output.meta.cursor)) this.layout.invalidate();
    }
    for (let i = 0; i < complete; i++) {
      if (!this.emit(output.data[i])) return;
    }
    if (quoteError) {
      this.fatal = fileException("malformed-csv", { detail: quoteProblem(quoteError, this.records + 1) });
      return;
    }
    this.pending = final ? "" : this.pending.slice(output.meta.cursor);
    // What is held back is part of one record; if the text was not all ASCII, look again (it is short).
    if (this.layout && !this.pendingAscii) this.pendingAscii = !NON_ASCII.test(this.pending);
    this.parseAt = output.data.length === 0 ? this.pending.length * 2 : 0;
  }

  private emit(cells: string[]): boolean {
    if (this.records === 0) {
      const delimiter = foreignDelimiter(cells);
      if (delimiter) {
        this.fatal = fileException("delimiter", { delimiter });
        return false;
      }
      this.sink.header(cells);
    } else {
      this.sink.row(cells);
    }
    this.records++;
    return true;
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The line break of the file, from the first one outside quotes: CRLF (Excel on Windows), LF, or CR (old Mac Excel).
 * Null while the text so far holds none, or ends on a CR that may be the first half of a CRLF.
 */
export function detectLineBreak(text: string): LineBreak | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x0a) return "\n";
    else if (c === 0x0d) {
      if (i + 1 === text.length) return null;
      return text.charCodeAt(i + 1) === 0x0a ? "\r\n" : "\r";
    }
  }
  return null;
}

/** Papaparse keeps going after bad quoting; the earliest record with a quote problem is the one to report. */
function firstQuoteError(output: ParserOutput): Papa.ParseError | null {
  let first: Papa.ParseError | null = null;
  for (const error of output.errors) {
    if (error.type !== "Quotes" || error.row === undefined) continue;
    // An error on the held-back last record is seen again, complete, in the next parse.
    if (error.row >= output.data.length) continue;
    // On a tie the misplaced closing quote is the cause; the missing quote at the end is its consequence.
    if (!first || error.row < (first.row ?? 0) || (error.row === first.row && error.code === "InvalidQuotes")) first = error;
  }
  return first;
}

function quoteProblem(error: Papa.ParseError, sheetRow: number): string {
  return error.code === "MissingQuotes"
    ? `Row ${sheetRow} opens a quote that is never closed.`
    : `Row ${sheetRow} has text right after the closing quote of a value.`;
}

const FOREIGN_DELIMITERS: ReadonlyArray<{ char: string; name: string }> = [
  { char: "\t", name: "tabs" },
  { char: ";", name: "semicolons" },
  { char: "|", name: "pipes" },
];

/** The delimiter a one-field header is really split by (the most frequent of tab, semicolon, pipe), if any. */
function foreignDelimiter(header: string[]): string | null {
  if (header.length !== 1) return null;
  let best: string | null = null;
  let bestCount = 0;
  for (const { char, name } of FOREIGN_DELIMITERS) {
    const count = header[0].split(char).length - 1;
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}
