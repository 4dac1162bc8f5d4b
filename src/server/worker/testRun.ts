import { createReadStream } from "node:fs";
import type { Kysely } from "kysely";
import { readCsvStream } from "../../exchange/readCsv";
import { sniffContent } from "../../exchange/sniff";
import { validateFile } from "../../exchange/validateFile";
import { detectImportType } from "../../spec/detect";
import { findSpec, IMPORT_SPECS } from "../../spec";
import type { ImportSpec } from "../../spec/types";
import { fileException, type Exception } from "../../validation";
import type { Database } from "../db/schema";
import type { DataFolder } from "../files/dataFolder";
import { writeReport } from "../reports/reportFile";
import { loadStoredDataChecks, type StoredDataChecks } from "../storedData";

export interface TestRunInput {
  organisationId: string;
  importId: string;
  fileKey: string;
  /** The import type asked for at upload (an id or label); null to detect it from the header. */
  importType: string | null;
  /** Called with 0–100 as the file is read. */
  onProgress(percent: number): void;
}

export interface TestRunResult {
  spec: ImportSpec | null;
  rows: number;
  /** Rows that would import at least in part: all but those with an error about the whole row. */
  recordsReady: number;
  errors: number;
  warnings: number;
  infos: number;
  /** The first file-level error, when the file as a whole cannot import. */
  fileError: Exception | null;
  /** Where the report was written (a temporary path, moved into place when the result is recorded). */
  reportPath: string;
}

/**
 * The test run: the shared engine's findings (exactly what dx and the add-in find) plus those that need stored
 * data, merged in report order and written as the exceptions report. Nothing is stored but the report.
 */
export async function testRun(db: Kysely<Database>, folder: DataFolder, input: TestRunInput): Promise<TestRunResult> {
  const path = folder.path(input.fileKey);
  const reportPath = folder.temporaryPath(`report-${input.importId}`);
  const head = await readHead(path);
  if (sniffContent(head.bytes).kind === "xlsx") {
    // BEACON takes CSV only and answers a workbook with a file-level exception; so do we (dx reads xlsx for users).
    const finding = fileException("not-csv", { detail: "This is an Excel workbook (.xlsx), not a CSV file." });
    return finishedWith(reportPath, [finding], null, 0);
  }

  const chosen = input.importType ? findSpec(input.importType) ?? null : null;
  const spec = chosen ?? detectFrom(head.header);
  const stored: StoredDataChecks | null = spec && head.header ? await loadStoredDataChecks(db, input.organisationId, spec, head.header) : null;
  const validation = await validateFile(path, {
    specs: IMPORT_SPECS,
    spec: chosen ?? undefined,
    onProgress: (read, total, pass) => input.onProgress(Math.min(99, Math.floor(((pass - 1) * 50 + (read / total) * 50)))),
    onRow: stored ? (cells, sheetRow) => stored.row(cells, sheetRow) : undefined,
  });
  const storedFindings = validation.fileFailed || !stored ? [] : stored.findings();
  const findings = mergeInReportOrder(validation.exceptions, storedFindings);
  return finishedWith(reportPath, findings, validation.spec, validation.rows);
}

async function finishedWith(reportPath: string, findings: Iterable<Exception>, spec: ImportSpec | null, rows: number): Promise<TestRunResult> {
  const tally = { errors: 0, warnings: 0, infos: 0 };
  const wholeRowErrors = new Set<number>();
  let fileError: Exception | null = null;
  function* counted(): Generator<Exception> {
    for (const f of findings) {
      if (f.severity === "error") {
        tally.errors++;
        if (f.row === null) fileError ??= f;
        // A "File" error on a data row stops that whole row; on the header row (1) it is about a column, not a record.
        else if (f.component === "File" && f.row > 1) wholeRowErrors.add(f.row);
      } else if (f.severity === "warning") tally.warnings++;
      else tally.infos++;
      yield f;
    }
  }
  await writeReport(reportPath, counted());
  const failed = fileError !== null || spec === null;
  return { spec: failed ? null : spec, rows, recordsReady: failed ? 0 : rows - wholeRowErrors.size, ...tally, fileError, reportPath };
}

/** Engine findings come in report order (file level, then by row); stored-data findings sorted by row join them. */
function* mergeInReportOrder(engine: Iterable<Exception>, stored: readonly Exception[]): Generator<Exception> {
  let next = 0;
  for (const finding of engine) {
    if (finding.row !== null) while (next < stored.length && stored[next].row! < finding.row) yield stored[next++];
    yield finding;
  }
  while (next < stored.length) yield stored[next++];
}

function detectFrom(header: string[] | null): ImportSpec | null {
  if (!header) return null;
  const detection = detectImportType(header, IMPORT_SPECS);
  return detection.ok ? detection.spec : null;
}

/** The first bytes (to tell CSV from a workbook) and the header row, read from the start of the file only. */
async function readHead(path: string): Promise<{ bytes: Uint8Array; header: string[] | null }> {
  const chunks: Buffer[] = [];
  for await (const chunk of createReadStream(path, { start: 0, end: 256 * 1024 - 1 })) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  let header: string[] | null = null;
  await readCsvStream(once(bytes), { header: (cells) => (header = cells), row: () => undefined });
  return { bytes: bytes.subarray(0, 8192), header };
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
