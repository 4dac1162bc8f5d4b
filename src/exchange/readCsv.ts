import { fileException, type Exception } from "../validation";
import { CsvTextReader, type CsvSink } from "./csvTextReader";
import { SNIFF_LENGTH, sniffContent } from "./sniff";
import { concat, Utf8StreamDecoder } from "./utf8Decoder";
import type { RecordLayout } from "./recordLayout";

export type { CsvSink } from "./csvTextReader";

export interface CsvReadResult {
  /** At most one finding, about the file as a whole; when present, discard whatever the sink received. */
  fileFindings: Exception[];
  /** Rows handed to `sink.row`. */
  dataRows: number;
  /** Bytes read from the source (all of them, even past `maxBytes`, so the finding can give the size). */
  bytes: number;
}

export interface CsvReadOptions {
  maxBytes?: number;
  onProgress?: (bytesRead: number) => void;
  /** Filled with where each record lies in the bytes, for reading some of them again later (see RecordLayout). */
  layout?: RecordLayout;
}

const MB = 1024 * 1024;

/**
 * Reads a CSV byte stream (e.g. `fs.createReadStream(path)`) record by record into `sink`, holding only the record
 * being read in memory. Bad input never throws: it ends the reading with one file-level finding.
 */
export async function readCsvStream(source: AsyncIterable<Uint8Array>, sink: CsvSink, options: CsvReadOptions = {}): Promise<CsvReadResult> {
  const reading = new ByteReading(sink, options.layout ?? null);
  let bytes = 0;
  let oversized = false;
  for await (const chunk of source) {
    bytes += chunk.length;
    options.onProgress?.(bytes);
    // Past the limit we only count, so the message can say how large the file is.
    if (oversized) continue;
    if (options.maxBytes !== undefined && bytes > options.maxBytes) {
      oversized = true;
      continue;
    }
    reading.push(chunk);
    if (reading.finding) break;
  }
  if (oversized) {
    return { fileFindings: [tooLarge(bytes, options.maxBytes ?? 0)], dataRows: 0, bytes };
  }
  reading.end();
  return { fileFindings: reading.finding ? [reading.finding] : [], dataRows: reading.dataRows, bytes };
}

/** Same reading for text already in memory (the browser's `File.text()`, tests): header, rows, and any finding. */
export function readCsvText(text: string): { header: string[]; rows: string[][]; fileFindings: Exception[] } {
  const header: string[] = [];
  const rows: string[][] = [];
  if (text.slice(0, SNIFF_LENGTH).includes("\u0000")) {
    return { header, rows, fileFindings: [fileException("not-csv", { detail: "This file holds binary data, not text." })] };
  }
  const reader = new CsvTextReader({ header: (cells) => header.push(...cells), row: (cells) => rows.push(cells) });
  reader.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  reader.finish();
  return { header, rows, fileFindings: reader.finding ? [reader.finding] : [] };
}

/** The byte side of reading: sniffing the content, strict UTF-8 decoding, then the CSV text reader. */
class ByteReading {
  private readonly decoder = new Utf8StreamDecoder();
  private readonly text: CsvTextReader;
  /** The first bytes, held until there are enough to tell what kind of file this is. */
  private head: Uint8Array | null = new Uint8Array(0);
  private stopped: Exception | null = null;
  private bomSkipped = false;

  constructor(
    sink: CsvSink,
    private readonly layout: RecordLayout | null,
  ) {
    this.text = new CsvTextReader(sink, layout);
  }

  get finding(): Exception | null {
    return this.stopped ?? this.text.finding;
  }

  get dataRows(): number {
    return this.text.dataRows;
  }

  push(chunk: Uint8Array): void {
    if (this.finding) return;
    if (this.head) {
      this.head = concat(this.head, chunk);
      if (this.head.length >= SNIFF_LENGTH) this.releaseHead();
      return;
    }
    this.decode(chunk);
  }

  end(): void {
    if (this.head) this.releaseHead();
    if (this.finding) return;
    const last = this.decoder.end();
    if (!last.ok) {
      this.stopped = fileException("encoding", { detail: last.detail });
      return;
    }
    this.text.push(last.text, last.ascii);
    this.text.finish();
  }

  private releaseHead(): void {
    const head = this.head ?? new Uint8Array(0);
    this.head = null;
    const content = sniffContent(head);
    if (content.kind === "xlsx") {
      this.stopped = fileException("not-csv", { detail: "This is an Excel workbook (.xlsx), not a CSV file." });
    } else if (content.kind === "binary") {
      this.stopped = fileException("not-csv", { detail: content.description });
    } else {
      this.decode(head);
    }
  }

  private decode(chunk: Uint8Array): void {
    const decoded = this.decoder.decode(chunk);
    if (!decoded.ok) {
      this.stopped = fileException("encoding", { detail: decoded.detail });
      return;
    }
    // The byte order mark is stripped from the text, so the first record starts after it.
    if (this.layout && this.decoder.bomBytes > 0 && !this.bomSkipped) {
      this.layout.skipBytes(this.decoder.bomBytes);
      this.bomSkipped = true;
    }
    this.text.push(decoded.text, decoded.ascii);
  }
}

function tooLarge(bytes: number, maxBytes: number): Exception {
  // Rounded up, so a file just over the limit never reads as equal to it.
  const size = (Math.ceil((bytes / MB) * 10) / 10).toFixed(1);
  const limitMb = maxBytes / MB;
  const limit = Number.isInteger(limitMb) ? String(limitMb) : limitMb.toFixed(1);
  return fileException("file-too-large", { size, limit });
}
