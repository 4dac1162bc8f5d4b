import type { LineBreak } from "./csvTextReader";

/**
 * Where each record of a CSV file lies, in bytes, noted while the file is read once, so that a later look at a few
 * records can read just their bytes instead of the whole file again.
 *
 * The parser gives cells, not positions. Text without quotes is split at line breaks, so a record ends at the next
 * one; elsewhere a record's length is worked out from its cells: an unquoted field is exactly its text, a quoted one
 * (papaparse treats a field as quoted exactly when its first character is a quote) is its text with each quote
 * doubled, inside two quotes, plus any spaces papaparse lets stand before the next comma or line break. Lengths in characters become lengths in bytes by UTF-8 (a text chunk the decoder knows is ASCII needs
 * no counting). Every measured record must end on a line break (or the end of the text) and the records of a parse
 * must add up to what the parser consumed; if ever they do not, the layout is marked unusable and the caller reads
 * the file the slow way. Nothing is ever guessed.
 */
export class RecordLayout {
  /** Byte offset of each record (the header is record 0), then, once the text ends, the offset just past the last. */
  private starts = new Float64Array(4096);
  private count = 0;
  private ended = false;
  private broken = false;
  /** Byte offset where the text starts (3 after a UTF-8 byte order mark, which the decoder strips). */
  private nextByte = 0;
  /** The file's line break, from the reader. */
  lineBreak: LineBreak | null = null;

  /** Whether every record was measured and checked: only then may `rowStart`/`rowEnd` be used. */
  get usable(): boolean {
    return this.ended && !this.broken;
  }

  /** Data rows measured (records after the header; the last offset, once the text ends, is not a record). */
  get dataRows(): number {
    return Math.max(0, this.count - (this.ended ? 2 : 1));
  }

  /** Byte offset of data row `index` (the header is not a data row). */
  rowStart(index: number): number {
    return this.starts[index + 1];
  }

  /** Byte offset just past data row `index`, its line break included. */
  rowEnd(index: number): number {
    return this.starts[index + 2];
  }

  /** Bytes before the first character of text (a stripped byte order mark); call before any record is measured. */
  skipBytes(bytes: number): void {
    if (this.count === 0) this.nextByte += bytes;
    else this.broken = true;
  }

  /** The reader could not account for the records; the layout must not be used. */
  invalidate(): void {
    this.broken = true;
  }

  /**
   * Measures the first `complete` records the parser found in `text` (which starts at a record) and returns the
   * number of characters they take, line breaks included. `ascii` says the text is known to hold only ASCII.
   */
  measure(text: string, records: readonly (readonly string[])[], complete: number, lineBreak: LineBreak, ascii: boolean): number {
    this.lineBreak = lineBreak;
    if (this.broken || this.ended) {
      this.broken = true;
      return 0;
    }
    const quoted = text.indexOf('"') !== -1;
    const bytes = ascii ? null : new Utf8Counter(text);
    let at = 0;
    for (let r = 0; r < complete; r++) {
      let end = quoted ? quotedRecordEnd(text, at, records[r], lineBreak) : plainRecordEnd(text, at, lineBreak);
      if (end < 0) {
        this.broken = true;
        return 0;
      }
      if (end < text.length) {
        if (!text.startsWith(lineBreak, end)) {
          this.broken = true;
          return 0;
        }
        end += lineBreak.length;
      } else if (end > text.length) {
        this.broken = true;
        return 0;
      }
      this.push(this.nextByte);
      this.nextByte += bytes ? bytes.between(at, end) : end - at;
      at = end;
    }
    return at;
  }

  /** The text is over: notes where the last record ends. */
  end(): void {
    this.push(this.nextByte);
    this.ended = true;
  }

  private push(offset: number): void {
    if (this.count === this.starts.length) {
      const bigger = new Float64Array(this.starts.length * 2);
      bigger.set(this.starts);
      this.starts = bigger;
    }
    this.starts[this.count++] = offset;
  }
}

/**
 * Where a record ends in text without quotes: at the next line break, as papaparse splits such text (a search the
 * engine does natively, without touching the record's cells).
 */
function plainRecordEnd(text: string, start: number, lineBreak: LineBreak): number {
  const end = text.indexOf(lineBreak, start);
  return end === -1 ? text.length : end;
}

/** Where a record ends (before its line break), field by field, where some fields may be quoted; -1 if it cannot be. */
export function quotedRecordEnd(text: string, start: number, cells: readonly string[], lineBreak: string): number {
  let at = start;
  for (let c = 0; c < cells.length; c++) {
    if (c > 0) at++; // the comma
    const cell = cells[c];
    if (text.charCodeAt(at) !== 0x22) {
      at += cell.length;
      continue;
    }
    at += 2 + cell.length + quotesIn(cell);
    // Papaparse lets spaces stand between a closing quote and the comma or line break that follows.
    const next = c < cells.length - 1 ? text.indexOf(",", at) : text.indexOf(lineBreak, at);
    const stop = next === -1 ? text.length : next;
    if (stop > at && text.slice(at, stop).trim() !== "") return -1; // not what papaparse read: the caller gives up
    at = stop;
  }
  return at;
}

function quotesIn(cell: string): number {
  let count = 0;
  for (let at = cell.indexOf('"'); at !== -1; at = cell.indexOf('"', at + 1)) count++;
  return count;
}

const NON_ASCII = /[^\x00-\x7f]/g;

/**
 * UTF-8 byte counts of spans of one text, taken in order: only the non-ASCII characters need a look, found by a
 * regular expression that resumes where it stopped, so the text is scanned once however many spans are asked for.
 */
class Utf8Counter {
  /** Position of the next non-ASCII character at or after the spans asked so far (text length when none is left). */
  private next: number;

  constructor(private readonly text: string) {
    this.next = this.find(0);
  }

  between(start: number, end: number): number {
    let bytes = end - start;
    while (this.next < end) {
      const c = this.text.charCodeAt(this.next);
      // Two bytes up to U+07FF, three up to U+FFFF, four for a surrogate pair (two UTF-16 units, one extra byte each).
      bytes += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdfff ? 1 : 2;
      this.next = this.find(this.next + 1);
    }
    return bytes;
  }

  private find(from: number): number {
    NON_ASCII.lastIndex = from;
    const match = NON_ASCII.exec(this.text);
    return match ? match.index : this.text.length;
  }
}
