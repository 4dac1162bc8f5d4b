import { open, type FileHandle } from "node:fs/promises";
import Papa from "papaparse";
import type { LineBreak } from "./csvTextReader";
import type { RecordLayout } from "./recordLayout";

/** Most bytes read at once: the file is read in windows, from the first wanted row on, skipping stretches without one. */
const WINDOW_BYTES = 1024 * 1024;
/**
 * Most bytes of wanted rows parsed at once. The rows are gathered side by side and parsed as one text, since a parse
 * has a fixed cost that thousands of parses of a row or two would pay thousands of times; kept well below V8's
 * large-object size, like READ_CHUNK_BYTES, so the text is freed as cheaply as the first pass's.
 */
const BATCH_BYTES = 64 * 1024;

/**
 * Reads again just the data rows flagged 1 in `wanted`, from the byte ranges `layout` noted in a first read, and
 * hands each to `visit` in row order. Returns false, at once, when the bytes do not parse into exactly the records
 * the layout promises (the file changed, or the layout is wrong): the caller then reads the file the slow way, for the
 * rows still flagged (so `visit` should clear a row's flag). `onProgress` gets the file position reached.
 */
export async function readRowsAt(
  path: string,
  layout: RecordLayout,
  wanted: Uint8Array,
  visit: (index: number, cells: string[]) => void,
  onProgress?: (position: number) => void,
): Promise<boolean> {
  if (!layout.usable || layout.lineBreak === null || layout.dataRows !== wanted.length) return false;
  const handle = await open(path, "r");
  try {
    const batch = new Batch(layout.lineBreak, visit);
    const windows = new WindowReader(handle);
    for (let index = 0; index < wanted.length; index++) {
      if (wanted[index] !== 1) continue;
      const start = layout.rowStart(index);
      const end = layout.rowEnd(index);
      if (!windows.holds(start, end)) {
        if (!(await windows.readFrom(start, end))) return false;
        onProgress?.(start);
      }
      if (batch.bytes > 0 && batch.bytes + (end - start) > BATCH_BYTES && !batch.parse()) return false;
      batch.add(index, windows.bytes(start, end));
    }
    return batch.bytes === 0 || batch.parse();
  } finally {
    await handle.close();
  }
}

/** A window of the file, read in one go. */
class WindowReader {
  private buffer = Buffer.allocUnsafe(WINDOW_BYTES);
  private from = 0;
  private to = 0;

  constructor(private readonly handle: FileHandle) {}

  holds(start: number, end: number): boolean {
    return start >= this.from && end <= this.to;
  }

  /** Reads the window that starts at `start` (and reaches at least `end`); false when the file is shorter. */
  async readFrom(start: number, end: number): Promise<boolean> {
    // Only a single record longer than a window needs more room.
    if (end - start > this.buffer.length) this.buffer = Buffer.allocUnsafe(end - start);
    const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, start);
    this.from = start;
    this.to = start + bytesRead;
    return end <= this.to;
  }

  bytes(start: number, end: number): Uint8Array {
    return this.buffer.subarray(start - this.from, end - this.from);
  }
}

/** Wanted rows' bytes gathered side by side, then decoded and parsed together. */
class Batch {
  private buffer = Buffer.allocUnsafe(BATCH_BYTES);
  bytes = 0;
  private readonly rows: number[] = [];
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private readonly parser: Papa.Parser;

  constructor(
    private readonly lineBreak: LineBreak,
    private readonly visit: (index: number, cells: string[]) => void,
  ) {
    this.parser = new Papa.Parser({ delimiter: ",", newline: lineBreak, quoteChar: '"' });
  }

  add(index: number, record: Uint8Array): void {
    if (this.bytes + record.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(this.bytes + record.length);
      this.buffer.copy(bigger, 0, 0, this.bytes);
      this.buffer = bigger;
    }
    this.buffer.set(record, this.bytes);
    this.bytes += record.length;
    this.rows.push(index);
  }

  /** Parses the rows gathered and hands them on; false when the bytes are not exactly those records. */
  parse(): boolean {
    let text: string;
    try {
      text = this.decoder.decode(this.buffer.subarray(0, this.bytes));
    } catch {
      return false;
    }
    // Every record ends with a line break, save perhaps the file's last; the parser then sees nothing after it.
    const terminated = text.endsWith(this.lineBreak);
    const output = this.parser.parse(text, 0, terminated) as { data: string[][]; errors: unknown[]; meta: { cursor: number } };
    if (output.errors.length > 0 || output.data.length !== this.rows.length) return false;
    if (terminated && output.meta.cursor !== text.length) return false;
    for (let r = 0; r < this.rows.length; r++) this.visit(this.rows[r], output.data[r]);
    this.rows.length = 0;
    this.bytes = 0;
    return true;
  }
}
