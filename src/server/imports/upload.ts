import type { MultipartFile } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { findSpec, IMPORT_SPECS } from "../../spec";
import { MAX_FILE_BYTES } from "../../exchange/validateFile";
import { ApiError } from "../errors";
import type { DataFolder } from "../files/dataFolder";

export interface ReceivedUpload {
  fileName: string;
  bytes: number;
  sha256: string;
  /** The spec id asked for, or null to detect the type from the header. */
  importType: string | null;
  dryRun: boolean;
}

/** Room for the multipart framing and the small fields around a file of the largest allowed size. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Refuses the rest of the body too: the connection is closed after the answer rather than read to its end. */
export const tooLarge = () =>
  new ApiError(413, "file_too_large", `The file is larger than ${MAX_FILE_BYTES / 1048576} MB, the most an import takes. Split it into smaller files.`, { connection: "close" });

/**
 * Reads the multipart form of an upload, streaming the `data` file to `key` in the data folder. Refuses an over-size
 * body by its Content-Length before reading anything, and one without a length as soon as it passes the limit; in
 * every failure the partial file is removed.
 */
export async function receiveUpload(request: FastifyRequest, folder: DataFolder, key: string): Promise<ReceivedUpload> {
  const declared = Number(request.headers["content-length"] ?? NaN);
  if (declared > MAX_FILE_BYTES + FORM_OVERHEAD_BYTES) throw tooLarge();
  if (!request.isMultipart()) throw new ApiError(415, "unsupported_media_type", "Send the file as multipart/form-data with the file in the field named data (curl -F data=@file.csv).");

  const fields: Record<string, string> = {};
  let stored: { fileName: string; bytes: number; sha256: string } | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, fieldSize: 1024 } })) {
      if (part.type === "field") {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== "data") {
        part.file.resume();
        throw new ApiError(400, "missing_file", `The file must be sent in the form field named data, not "${part.fieldname}".`);
      }
      stored = await storePart(part, folder, key);
    }
  } catch (error) {
    await folder.remove(key);
    throw asUploadError(error);
  }
  if (!stored) throw new ApiError(400, "missing_file", "No file was sent: put it in the form field named data (curl -F data=@file.csv).");
  try {
    return { ...stored, importType: importTypeOf(fields.importType ?? fields.type), dryRun: dryRunOf(fields.dryRun ?? fields.dry_run) };
  } catch (error) {
    await folder.remove(key);
    throw error;
  }
}

async function storePart(part: MultipartFile, folder: DataFolder, key: string) {
  // Stop reading the moment the limit is passed rather than after the whole body has arrived.
  part.file.once("limit", () => part.file.destroy(tooLarge()));
  const { bytes, sha256 } = await folder.storeUpload(part.file, key);
  if (part.file.truncated) throw tooLarge();
  return { fileName: safeFileName(part.filename), bytes, sha256 };
}

function asUploadError(error: unknown): unknown {
  if (error instanceof ApiError) return error;
  const code = (error as { code?: string }).code;
  if (code === "FST_REQ_FILE_TOO_LARGE") return tooLarge();
  if (code === "FST_FILES_LIMIT") return new ApiError(400, "too_many_files", "Send one file per import, in the form field named data.");
  if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT") return new ApiError(400, "too_many_fields", "The form has more fields than an import takes (data, importType, dryRun).");
  const message = (error as Error).message ?? "";
  if (/Unexpected end of (form|multipart data)|Premature close|aborted|Malformed part header|boundary/i.test(message) || code === "FST_PREMATURE_CLOSE" || code === "ECONNRESET") {
    return new ApiError(400, "bad_multipart", "The upload ended before the whole file arrived (or its form was malformed); nothing was stored. Send it again.");
  }
  return error;
}

function importTypeOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const spec = findSpec(value);
  if (!spec) {
    const known = IMPORT_SPECS.map((s) => `${s.id} (${s.label})`).join(", ");
    throw new ApiError(400, "unknown_import_type", `"${value}" is not an import type; use one of ${known}, or leave it out to detect the type from the header.`);
  }
  return spec.id;
}

function dryRunOf(value: string | undefined): boolean {
  if (value === undefined || value === "") return true;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new ApiError(400, "invalid_request", `dryRun must be true or false, not "${value}".`);
}

/** The name as the user's file had it, without any folder part or control characters, for lists and downloads. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 255);
  return clean === "" || clean === "." || clean === ".." ? "upload.csv" : clean;
}
