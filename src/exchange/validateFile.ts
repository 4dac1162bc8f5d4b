import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { readCsvStream } from "./readCsv";
import { RecordLayout } from "./recordLayout";
import { readRowsAt } from "./readRowsAt";
import { sniffContent } from "./sniff";
import { detectImportType } from "../spec/detect";
import type { ImportSpec } from "../spec/types";
import { countBySeverity, fileException, type Counts, type Exception } from "../validation";
import { ValidationSession } from "../validation/session";

/** The import takes files up to 70 MB (AquaCUE sync guide); so does dx, so it never passes what the server refuses. */
export const MAX_FILE_BYTES = 70 * 1024 * 1024;

/**
 * Read size for CSV files. 64 KiB rather than a megabyte: each chunk becomes one string that the parser slices, and
 * megabyte strings go to V8's large-object space, which is only freed by a full collection; measured on a 31 MB file,
 * parsing alone peaked at 120 MB with 1 MiB chunks and 56 MB with 64 KiB ones, and ran no slower.
 */
export const READ_CHUNK_BYTES = 64 * 1024;

export interface FileValidation {
  /** The detected or chosen import type; null when the file could not be read far enough to tell. */
  spec: ImportSpec | null;
  /** Records in the file (data rows that are not blank). */
  rows: number;
  /** Every finding in report order, made as it is read (iterable again and again), so none need be held at once. */
  exceptions: Iterable<Exception>;
  counts: Counts;
  /** True when a file-level error stopped the check: nothing in the file would import. */
  fileFailed: boolean;
  bytes: number;
}

export interface ValidateFileOptions {
  specs: readonly ImportSpec[];
  /** Skip detection and use this type. */
  spec?: ImportSpec;
  sheet?: string;
  /** `pass` is 1 or 2: a CSV file is read twice. */
  onProgress?: (bytesRead: number, totalBytes: number, pass: number) => void;
  /**
   * Sees each data row once, as it is checked, with its sheet row (the header is row 1): how the server adds the
   * findings that need stored data without reading the file again. CSV files only (the import API takes CSV).
   */
  onRow?: (cells: readonly string[], sheetRow: number, spec: ImportSpec, header: readonly string[]) => void;
}

/** A problem with the command itself or the path (not with the file's content): printed as one line, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Validates a CSV or xlsx file end to end, streaming CSV so memory stays a fraction of the file size. */
export async function validateFile(path: string, options: ValidateFileOptions): Promise<FileValidation> {
  const size = await sizeOf(path);
  if (size === 0) return failed([fileException("empty-file")], 0);
  if (size > MAX_FILE_BYTES) {
    // Rounded up, so a file just over the limit never reads as equal to it.
    const megabytes = (Math.ceil((size / 1048576) * 10) / 10).toFixed(1);
    return failed([fileException("file-too-large", { size: megabytes, limit: MAX_FILE_BYTES / 1048576 })], size);
  }
  const kind = sniffContent(await readHead(path));
  if (kind.kind === "binary") return failed([fileException("not-csv", { detail: kind.description })], size);
  return kind.kind === "xlsx" ? validateWorkbook(path, size, options) : validateCsv(path, size, options);
}

/**
 * CSV is checked in two passes (see ValidationSession's twoPass): the first streams the whole file, checks every cell
 * and row, notes which rows share a value with another and where each row lies in the bytes; the second reads only
 * those rows again and enters them in the cross-row rules. Memory then follows the rows that meet, not the file.
 */
async function validateCsv(path: string, size: number, options: ValidateFileOptions): Promise<FileValidation> {
  const version = await versionOf(path);
  let session: ValidationSession | null = null;
  let typeProblem: Exception | null = null;
  let header: readonly string[] = [];
  let sheetRow = 1;
  const layout = new RecordLayout();
  const result = await readCsvStream(
    createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
    {
      header(cells) {
        const chosen = chooseSpec(cells, options);
        if ("problem" in chosen) typeProblem = chosen.problem;
        else session = new ValidationSession(chosen.spec, cells, { twoPass: true });
        header = cells;
      },
      row(cells) {
        if (!session) return;
        session.appendRow(cells);
        options.onRow?.(cells, ++sheetRow, session.spec, header);
      },
    },
    { maxBytes: MAX_FILE_BYTES, onProgress: (read) => options.onProgress?.(read, size, 1), layout },
  );
  const fileErrors = result.fileFindings.filter((f) => f.severity === "error");
  if (fileErrors.length > 0) return failed(result.fileFindings, size);
  if (typeProblem) return failed([typeProblem], size);
  if (session) await secondPass(path, size, session, layout, options, version);
  return finished(session, result.fileFindings, size);
}

/**
 * The second pass reads only the candidate rows, from the byte ranges the first pass noted (about a sixth of a
 * typical file, and no parsing of the rest). Should those bytes not hold the rows the first pass saw (the file
 * changed, or the layout could not be trusted), the rows not yet entered are read by streaming the whole file again,
 * which also tells a changed file.
 */
async function secondPass(path: string, size: number, session: ValidationSession, layout: RecordLayout, options: ValidateFileOptions, version: string): Promise<void> {
  const candidates = session.crossRowCandidates();
  if (!candidates.includes(1)) return;
  // Byte ranges only hold the same rows in the same file: if it changed under us, say so rather than report half of
  // each version.
  if ((await versionOf(path)) !== version) throw changedWhileChecked(path);
  const enter = (index: number, cells: string[]) => {
    session.addCrossRow(index, cells);
    candidates[index] = 2;
  };
  const progress = (position: number) => options.onProgress?.(position, size, 2);
  if (await readRowsAt(path, layout, candidates, enter, progress)) {
    progress(size);
    return;
  }
  await streamedSecondPass(path, size, session, candidates, enter, options);
}

async function streamedSecondPass(
  path: string,
  size: number,
  session: ValidationSession,
  candidates: Uint8Array,
  enter: (index: number, cells: string[]) => void,
  options: ValidateFileOptions,
): Promise<void> {
  let index = 0;
  const again = await readCsvStream(
    createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
    {
      header: () => undefined,
      row(cells) {
        if (candidates[index] === 1) enter(index, cells);
        index++;
      },
    },
    { maxBytes: MAX_FILE_BYTES, onProgress: (read) => options.onProgress?.(read, size, 2) },
  );
  // The file read cleanly a moment ago; if it changed under us, say so rather than report half of each version.
  if (again.fileFindings.length > 0 || index !== session.rowCount) throw changedWhileChecked(path);
}

function changedWhileChecked(path: string): UsageError {
  return new UsageError(`${path} changed while it was being checked; check it again.`);
}

/** Size and modification time: what tells, cheaply, that a file was written to between two reads. */
async function versionOf(path: string): Promise<string> {
  const info = await stat(path);
  return `${info.size}:${info.mtimeMs}`;
}

async function validateWorkbook(path: string, size: number, options: ValidateFileOptions): Promise<FileValidation> {
  // exceljs is large; CSV runs, the common case, never load it.
  const { readXlsx } = await import("./readXlsx");
  const { table } = await readXlsx(path, { sheet: options.sheet }).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const chosen = chooseSpec(table.header, options);
  if ("problem" in chosen) return failed([chosen.problem], size);
  const session = new ValidationSession(chosen.spec, table.header);
  table.rows.forEach((cells, i) => session.appendRow(cells, table.formats?.[i]));
  return finished(session, [], size);
}

function chooseSpec(header: readonly unknown[], options: ValidateFileOptions): { spec: ImportSpec } | { problem: Exception } {
  if (options.spec) return { spec: options.spec };
  const detection = detectImportType(header, options.specs);
  if (detection.ok) return { spec: detection.spec };
  const code = detection.reason === "several" ? "ambiguous-import-type" : "unknown-import-type";
  return { problem: fileException(code, { detail: detection.message }) };
}

function finished(session: ValidationSession | null, readerFindings: Exception[], bytes: number): FileValidation {
  if (!session) return failed([fileException("empty-file")], bytes);
  const exceptions: Iterable<Exception> = {
    [Symbol.iterator]: () => (readerFindings.length === 0 ? session.eachException() : withReaderFindings(readerFindings, session)),
  };
  const sessionCounts = session.counts();
  const readerCounts = countBySeverity(readerFindings);
  const counts = { errors: sessionCounts.errors + readerCounts.errors, warnings: sessionCounts.warnings + readerCounts.warnings, infos: sessionCounts.infos + readerCounts.infos };
  return { spec: session.spec, rows: session.recordCount, exceptions, counts, fileFailed: fileLevelErrors(exceptions).length > 0, bytes };
}

function* withReaderFindings(readerFindings: readonly Exception[], session: ValidationSession): Generator<Exception> {
  yield* readerFindings;
  yield* session.eachException();
}

function failed(exceptions: Exception[], bytes: number): FileValidation {
  return { spec: null, rows: 0, exceptions, counts: countBySeverity(exceptions), fileFailed: true, bytes };
}

/** The errors about the file as a whole; they come first in report order, so only those are read. */
export function fileLevelErrors(exceptions: Iterable<Exception>): Exception[] {
  const errors: Exception[] = [];
  for (const e of exceptions) {
    if (e.row !== null) break;
    if (e.severity === "error") errors.push(e);
  }
  return errors;
}

async function sizeOf(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UsageError(`${path} is a folder; give the path of a .csv or .xlsx file.`);
    return info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UsageError(`${path}: no such file.`);
    if (code === "EACCES") throw new UsageError(`${path}: permission denied.`);
    throw new UsageError(`${path}: cannot be read (${code ?? (error as Error).message}).`);
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
