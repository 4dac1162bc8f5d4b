import { createReadStream } from "node:fs";
import { readCsvStream, type CsvSink } from "../../exchange/readCsv";
import { READ_CHUNK_BYTES } from "../../exchange/validateFile";

/** One data row of the file, numbered as the exceptions report numbers it (the header is row 1). */
export interface SheetRow {
  sheetRow: number;
  cells: readonly string[];
}

/** Rows handed over together, with the file's header as written. */
export interface SheetBatch {
  header: readonly string[];
  rows: readonly SheetRow[];
}

/**
 * Streams a CSV file and hands its non-blank data rows to `onBatch` in file order, `batchSize` at a time, waiting for
 * each batch to be written before reading on. The CSV reader pushes records synchronously, so the pacing sits in the
 * byte source: after each chunk is parsed, full batches are written before the next chunk is read. Memory is one
 * chunk's rows plus one batch, whatever the file size.
 */
export async function forEachBatch(filePath: string, batchSize: number, onBatch: (batch: SheetBatch) => Promise<void>): Promise<void> {
  let header: readonly string[] | null = null;
  let sheetRow = 1;
  let pending: SheetRow[] = [];
  const sink: CsvSink = {
    header(cells) {
      header = cells;
    },
    row(cells) {
      // Counted before the blank test: a blank row still takes its sheet row number, as in the exceptions report.
      sheetRow++;
      if (!isBlankRow(cells)) pending.push({ sheetRow, cells });
    },
  };
  const flush = async (all: boolean): Promise<void> => {
    while (header !== null && (pending.length >= batchSize || (all && pending.length > 0))) {
      const rows = pending.length > batchSize ? pending.slice(0, batchSize) : pending;
      pending = pending.length > batchSize ? pending.slice(batchSize) : [];
      await onBatch({ header, rows });
    }
  };
  async function* paced(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(filePath, { highWaterMark: READ_CHUNK_BYTES })) {
      yield chunk as Uint8Array;
      await flush(false);
    }
  }
  const result = await readCsvStream(paced(), sink);
  // The test run read this file without a file-level error; one now means the stored file changed or is damaged,
  // and importing part of it would be worse than failing the apply.
  const problem = result.fileFindings.find((f) => f.severity === "error");
  if (problem) throw new Error(`the stored import file can no longer be read: ${problem.message}`);
  await flush(true);
}

/** Every cell empty: Excel's padding, not a record (the test run does not count these either). */
function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== "") return false;
  return true;
}
