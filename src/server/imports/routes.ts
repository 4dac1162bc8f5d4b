import { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { exceptionsCsvLines } from "../../exchange/exceptionsCsv";
import type { Exception } from "../../validation";
import type { Database, ImportRow } from "../db/schema";
import { ApiError } from "../errors";
import type { DataFolder } from "../files/dataFolder";
import { readReport } from "../reports/reportFile";
import { ActivityPages } from "./activityPages";
import { findImport, insertImport, newImportId, transition } from "./importRecords";
import { receiveUpload } from "./upload";
import { accepted, activityPage, errorBody, exceptionReport, importStatus } from "../../api";
import { importStatusOf, statusUrl } from "./views";

export interface ImportRoutesOptions {
  db: Kysely<Database>;
  folder: DataFolder;
  /** Tells the worker there is work (an upload or approval), so it need not wait for its next poll. */
  onWork: () => void;
}

const idParams = z.object({ id: z.string().regex(/^\d{1,24}$/, "an import id is a number") });
const tags = ["imports"];

/** The BEACON Data Exchange (BDE) import API: upload, status, report, approve, cancel, activity list, original file. */
export async function importRoutes(app: FastifyInstance, options: ImportRoutesOptions): Promise<void> {
  const { db, folder, onWork } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const activity = new ActivityPages(db);

  async function owned(organisationId: string, id: string): Promise<ImportRow> {
    const row = await findImport(db, organisationId, id);
    if (!row) throw new ApiError(404, "not_found", `No import ${id} in your organisation. Check the id in the activity list.`);
    return row;
  }

  api.post("/v1/bde/import", {
    schema: {
      tags,
      summary: "Upload a Data Exchange file; a dry run (test run) by default",
      description: "multipart/form-data with the CSV in the field `data`; optional fields `importType` (id or label) and `dryRun` (true by default).",
      consumes: ["multipart/form-data"],
      response: { 202: accepted, 400: errorBody, 413: errorBody, 415: errorBody },
    },
    handler: async (request, reply) => {
      const principal = request.principal!;
      const id = newImportId();
      const key = folder.fileKey(id);
      const upload = await receiveUpload(request, folder, key);
      await insertImport(db, {
        id,
        organisation_id: principal.organisationId,
        user_id: principal.userId,
        method: /excel-addin/i.test(String(request.headers["x-dx-client"] ?? "")) ? "ui" : "api",
        file_name: upload.fileName,
        file_key: key,
        file_bytes: upload.bytes,
        file_sha256: upload.sha256,
        import_type: upload.importType,
        dry_run: upload.dryRun ? 1 : 0,
        state: "queued",
        created_at: new Date().toISOString(),
      }).catch(async (error: unknown) => {
        await folder.remove(key);
        throw error;
      });
      onWork();
      return reply.status(202).send({ bdeUUID: id, statusUrl: statusUrl(id) });
    },
  });

  api.get("/v1/bde/import", {
    schema: {
      tags,
      summary: "The activity list, newest first",
      querystring: z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(25) }),
      response: { 200: activityPage },
    },
    handler: async (request, reply) => {
      const { page, pageSize } = request.query;
      const body = await activity.page(request.principal!.organisationId, page, pageSize);
      // The page is already the JSON of `activityPage` (ActivityPages builds it from activityEntryOf); Fastify sends
      // a Buffer as it is, so the untyped reply takes it.
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(body);
    },
  });

  api.get("/v1/bde/import/:id", {
    schema: { tags, summary: "Status of an import", params: idParams, response: { 200: importStatus, 404: errorBody } },
    handler: async (request) => importStatusOf(await owned(request.principal!.organisationId, request.params.id)),
  });

  // Approve: BEACON documents PUT /v1/bde/import with the id as a parameter; PUT on the import's own URL also works.
  const approve = async (organisationId: string, id: string) => {
    const row = await owned(organisationId, id);
    const moved = await transition(db, organisationId, id, ["done"], "approved", { approved_at: new Date().toISOString(), message: "import approved; system updating." });
    if (moved.ok) {
      onWork();
      return importStatusOf(moved.row);
    }
    const now = moved.row ?? row;
    // Approving twice applies once: an already approved import simply reports where it is.
    if (["approved", "updating", "complete"].includes(now.state)) return importStatusOf(now);
    throw new ApiError(409, "invalid_state", approveRefusal(now));
  };
  api.put("/v1/bde/import/:id", {
    schema: { tags, summary: "Approve a finished dry run: the import is applied", params: idParams, response: { 200: importStatus, 404: errorBody, 409: errorBody } },
    handler: async (request) => approve(request.principal!.organisationId, request.params.id),
  });
  api.put("/v1/bde/import", {
    schema: {
      tags,
      summary: "Approve a finished dry run (BEACON's form, the id as bdeUUID in the query or body)",
      querystring: z.object({ bdeUUID: z.string().optional() }),
      body: z.object({ bdeUUID: z.string().optional() }).optional().nullable(),
      response: { 200: importStatus, 400: errorBody, 404: errorBody, 409: errorBody },
    },
    handler: async (request) => {
      const id = request.query.bdeUUID ?? request.body?.bdeUUID;
      if (!id || !/^\d{1,24}$/.test(id)) throw new ApiError(400, "invalid_request", "Name the import to approve: bdeUUID in the query string or JSON body.");
      return approve(request.principal!.organisationId, id);
    },
  });

  api.delete("/v1/bde/import/:id", {
    schema: { tags, summary: "Cancel an import before it is applied", params: idParams, response: { 200: importStatus, 404: errorBody, 409: errorBody } },
    handler: async (request) => {
      const { organisationId } = request.principal!;
      const row = await owned(organisationId, request.params.id);
      const moved = await transition(db, organisationId, row.id, ["queued", "run", "done", "exception"], "cancelled", { message: "import cancelled." });
      if (moved.ok) return importStatusOf(moved.row);
      const now = moved.row ?? row;
      if (now.state === "cancelled") return importStatusOf(now);
      throw new ApiError(409, "invalid_state", `Import ${row.id} is ${now.state === "complete" ? "already applied" : "being applied"}; it can no longer be cancelled.`);
    },
  });

  api.get("/v1/bde/import/:id/report", {
    schema: {
      tags,
      summary: "The exceptions report of a finished test run (JSON, or CSV with ?format=csv)",
      params: idParams,
      querystring: z.object({ format: z.enum(["json", "csv"]).default("json") }),
    },
    handler: async (request, reply) => {
      const row = await owned(request.principal!.organisationId, request.params.id);
      if (!row.report_key) {
        throw new ApiError(409, "report_not_ready", `The test run of import ${row.id} has not finished (it is ${row.state}); poll its status and fetch the report when state is done.`, { "retry-after": "2" });
      }
      const findings = readReport(folder.read(row.report_key));
      if (request.query.format === "csv") {
        reply.header("content-disposition", attachment(`${stem(row.file_name)}-exceptions.csv`)).type("text/csv; charset=utf-8");
        return reply.send(streamOf(csvLines(findings)));
      }
      reply.type("application/json; charset=utf-8");
      return reply.send(streamOf(jsonReport(row, findings)));
    },
  });

  api.get("/v1/bde/import/:id/file", {
    schema: { tags, summary: "The original file, byte for byte", params: idParams },
    handler: async (request, reply) => {
      const row = await owned(request.principal!.organisationId, request.params.id);
      return sendOriginal(reply, folder, row);
    },
  });
}

function approveRefusal(row: ImportRow): string {
  switch (row.state) {
    case "queued":
    case "run":
      return `The test run of import ${row.id} has not finished; approve it once its state is done.`;
    case "exception":
      return `Import ${row.id} failed its test run (${row.message}); fix the file and upload it again.`;
    case "cancelled":
      return `Import ${row.id} was cancelled; upload the file again to import it.`;
    case "failed":
      return `Import ${row.id} could not be applied (${row.failure_reason ?? row.message}); upload the file again.`;
    default:
      return `Import ${row.id} is ${row.state} and cannot be approved.`;
  }
}

function sendOriginal(reply: FastifyReply, folder: DataFolder, row: ImportRow) {
  reply.header("content-disposition", attachment(row.file_name)).header("content-length", String(row.file_bytes)).type("application/octet-stream");
  return reply.send(folder.read(row.file_key));
}

/** A download header that is safe for any name: ASCII fallback plus the exact name in RFC 5987 form. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function stem(name: string): string {
  return name.replace(/\.[^.]*$/, "") || "import";
}

async function* csvLines(findings: AsyncIterable<Exception>): AsyncGenerator<string> {
  const batch: Exception[] = [];
  let header = true;
  for await (const f of findings) {
    batch.push(f);
    if (batch.length === 1000) {
      yield* linesOf(batch.splice(0), header);
      header = false;
    }
  }
  yield* linesOf(batch, header);
}

function* linesOf(batch: Exception[], header: boolean): Generator<string> {
  let first = true;
  for (const line of exceptionsCsvLines(batch)) {
    if (first && !header) {
      first = false;
      continue;
    }
    first = false;
    yield line;
  }
}

/** The report JSON, streamed: counts first, then each finding. Begins with BEACON's mDryRun field. */
async function* jsonReport(row: ImportRow, findings: AsyncIterable<Exception>): AsyncGenerator<string> {
  const status = importStatusOf(row);
  // Typed by the wire contract, so the streamed head cannot drift from what clients parse.
  const head: Omit<z.infer<typeof exceptionReport>, "exceptions"> = {
    mDryRun: status.dryRun,
    bdeUUID: row.id,
    importFile: row.file_name,
    importType: status.importType,
    state: row.state,
    rows: row.records_ready,
    recordsReady: row.records_ready,
    errors: row.errors,
    warnings: row.warnings,
    infos: row.infos,
  };
  yield JSON.stringify(head).slice(0, -1) + ',"exceptions":[';
  let separator = "";
  for await (const f of findings) {
    yield separator + JSON.stringify(f);
    separator = ",";
  }
  yield "]}";
}

/** Groups small strings into ~64 KiB chunks for the response stream. */
function streamOf(parts: AsyncIterable<string>): Readable {
  return Readable.from(chunked(parts), { objectMode: false });
}

async function* chunked(parts: AsyncIterable<string>): AsyncGenerator<Buffer> {
  let pending = "";
  for await (const part of parts) {
    pending += part;
    if (pending.length >= 64 * 1024) {
      yield Buffer.from(pending);
      pending = "";
    }
  }
  if (pending) yield Buffer.from(pending);
}
