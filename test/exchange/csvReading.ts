import { readCsvStream, type CsvReadOptions, type CsvReadResult } from "../../src/exchange";

/** Bytes served in fixed-size pieces, the way a file stream (or a hostile one) hands them over. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export interface StreamedTable extends CsvReadResult {
  header: string[] | null;
  rows: string[][];
}

/** Reads bytes through readCsvStream, collecting what the sink is given. */
export async function readStreamed(bytes: Uint8Array | string, chunkSize = 65536, options?: CsvReadOptions): Promise<StreamedTable> {
  const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  let header: string[] | null = null;
  const rows: string[][] = [];
  const result = await readCsvStream(
    chunked(data, chunkSize),
    {
      header: (cells) => {
        header = cells;
      },
      row: (cells) => rows.push(cells),
    },
    options,
  );
  return { ...result, header, rows };
}
