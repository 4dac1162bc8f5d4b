/**
 * The BDE import API end to end, in-process, on SQLite and PostgreSQL: upload → test run → report → approve → apply,
 * and every refusal the issue names.
 */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import ExcelJS from "exceljs";
import { join } from "node:path";
import { validateFile } from "../../src/exchange/validateFile";
import { safeFileName } from "../../src/server/imports/upload";
import { IMPORT_SPECS } from "../../src/spec";
import { describeEachDatabase, skipWithoutDatabase } from "./support/databases";
import { startTestService, type TestService } from "./support/testService";

const SAMPLES = join(__dirname, "../../assets/samples");
const CLEAN = join(SAMPLES, "starter-clean.csv");
const MISTAKES = join(SAMPLES, "starter-with-mistakes.csv");
const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

jest.setTimeout(60_000);

describeEachDatabase("import API", (kind) => {
  let service: TestService;
  beforeAll(async () => {
    if (await skipWithoutDatabase(kind)) return;
    service = await startTestService(kind);
  });
  afterAll(async () => service?.close());

  async function uploadFile(path: string, fields: Record<string, string> = {}) {
    const response = await service.upload({ name: path.split("/").pop()!, content: readFileSync(path) }, fields);
    expect(response.statusCode).toBe(202);
    return response.json() as { bdeUUID: string; statusUrl: string };
  }

  test("an upload answers 202 with BEACON's fields, and the test run ends done with the engine's own counts", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID, statusUrl } = await uploadFile(MISTAKES);
    expect(bdeUUID).toMatch(/^\d{18}$/);
    expect(statusUrl).toBe(`/v1/bde/import/${bdeUUID}`);
    const status = await service.settle(bdeUUID);
    const local = await validateFile(MISTAKES, { specs: IMPORT_SPECS });
    expect(status).toMatchObject({
      state: "done",
      dryRun: true,
      importFile: "starter-with-mistakes.csv",
      importType: "Accounts and Assets",
      progress: { percentComplete: 100 },
      reportUrl: `${statusUrl}/report`,
      errors: local.counts.errors,
      warnings: local.counts.warnings,
      method: "api",
    });
    // The report holds exactly what dx finds in the same file: one engine everywhere.
    const report = (await service.request({ method: "GET", url: `${statusUrl}/report` })).json();
    expect(report).toMatchObject({ mDryRun: true, bdeUUID, errors: local.counts.errors, warnings: local.counts.warnings });
    expect(report.exceptions).toEqual([...local.exceptions]);
  });

  test("the CSV report is the same findings, formula-safe, as a download", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(MISTAKES);
    await service.settle(bdeUUID);
    const csv = await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}/report?format=csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toContain('filename="starter-with-mistakes-exceptions.csv"');
    const lines = csv.body.trim().split("\r\n");
    expect(lines[0]).toBe("row,column,severity,code,component,message");
    const json = (await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}/report` })).json();
    expect(lines).toHaveLength(json.exceptions.length + 1);
    expect(lines.every((line) => !/^[=+\-@]/.test(line))).toBe(true);
  });

  test("the original file comes back byte for byte under a safe name", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const response = await service.upload({ name: "März € export.csv", content: readFileSync(CLEAN) });
    const { bdeUUID } = response.json();
    const file = await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}/file` });
    expect(file.rawPayload.equals(readFileSync(CLEAN))).toBe(true);
    expect(file.headers["content-disposition"]).toBe(`attachment; filename="M_rz _ export.csv"; filename*=UTF-8''M%C3%A4rz%20%E2%82%AC%20export.csv`);
  });

  test("approve applies once: the import goes complete, a second approve changes nothing", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN);
    expect(await service.settle(bdeUUID)).toMatchObject({ state: "done", errors: 0, warnings: 0, recordsReady: 7 });
    const approved = await service.request({ method: "PUT", url: `/v1/bde/import/${bdeUUID}` });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe("System Updating");
    expect(await service.settle(bdeUUID)).toMatchObject({ state: "complete", recordsImported: 7 });
    const again = await service.request({ method: "PUT", url: `/v1/bde/import?bdeUUID=${bdeUUID}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().state).toBe("complete");
    const row = await service.database.connection.db.selectFrom("imports").select("apply_count").where("id", "=", bdeUUID).executeTakeFirstOrThrow();
    expect(row.apply_count).toBe(1);
    const meters = await service.database.connection.db.selectFrom("meters").select("meter_id").where("organisation_id", "=", service.user.organisationId).execute();
    expect(meters.length).toBeGreaterThan(0);
  });

  test("the records ready after a test run are the records an approval imports, errors and all", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(MISTAKES);
    const tested = await service.settle(bdeUUID);
    const local = await validateFile(MISTAKES, { specs: IMPORT_SPECS });
    // Every data row but the exact duplicate (a whole-row error) imports at least in part.
    const duplicates = [...local.exceptions].filter((e) => e.code === "duplicate-row").length;
    expect(duplicates).toBeGreaterThan(0);
    expect(tested.recordsReady).toBe(local.rows - duplicates);
    await service.request({ method: "PUT", url: `/v1/bde/import/${bdeUUID}` });
    expect(await service.settle(bdeUUID)).toMatchObject({ state: "complete", recordsImported: tested.recordsReady });
  });

  test("dryRun=false applies straight after a test run", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN, { dryRun: "false" });
    expect(await service.settle(bdeUUID)).toMatchObject({ state: "complete", dryRun: false });
  });

  test("cancel before approval; approving a cancelled import is a 409 with the reason", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN);
    await service.settle(bdeUUID);
    const cancelled = await service.request({ method: "DELETE", url: `/v1/bde/import/${bdeUUID}` });
    expect(cancelled.json()).toMatchObject({ state: "cancelled", status: "Cancelled" });
    const refused = await service.request({ method: "PUT", url: `/v1/bde/import/${bdeUUID}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "invalid_state", message: expect.stringContaining("cancelled") });
  });

  test("a completed import cannot be cancelled", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN, { dryRun: "false" });
    await service.settle(bdeUUID);
    const refused = await service.request({ method: "DELETE", url: `/v1/bde/import/${bdeUUID}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain("already applied");
  });

  test.each([
    ["an image", "photo.png", async () => PNG, "not-csv"],
    ["a workbook", "sheet.xlsx", workbookBytes, "not-csv"],
    ["a file of no known type", "x.csv", async () => Buffer.from("Foo,Bar\r\n1,2\r\n"), "unknown-import-type"],
  ])("%s becomes an import in state exception with a file-level finding, never a 500", async (_what, name, content, code) => {
    if (await skipWithoutDatabase(kind)) return;
    const response = await service.upload({ name, content: await content() });
    expect(response.statusCode).toBe(202);
    const { bdeUUID } = response.json();
    const status = await service.settle(bdeUUID);
    expect(status).toMatchObject({ state: "exception", errors: 1, recordsReady: 0 });
    const report = (await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}/report` })).json();
    expect(report.exceptions).toEqual([expect.objectContaining({ row: null, code, severity: "error" })]);
    expect(status.message).toBe(report.exceptions[0].message);
    expect((await service.request({ method: "PUT", url: `/v1/bde/import/${bdeUUID}` })).statusCode).toBe(409);
  });

  test("bad requests get JSON errors with stable codes", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const noFile = await service.upload(null, { importType: "accounts-and-assets" });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe("missing_file");
    const wrongField = await service.upload({ field: "file", name: "a.csv", content: "x" });
    expect(wrongField.json().code).toBe("missing_file");
    const badType = await service.upload({ name: "a.csv", content: readFileSync(CLEAN) }, { importType: "Gas Readings" });
    expect(badType.statusCode).toBe(400);
    expect(badType.json()).toMatchObject({ code: "unknown_import_type", message: expect.stringContaining("accounts-and-assets") });
    const notMultipart = await service.request({ method: "POST", url: "/v1/bde/import", payload: "Account_ID\n1\n", headers: { "content-type": "text/csv" } });
    expect(notMultipart.statusCode).toBe(415);
    expect(notMultipart.json().code).toBe("unsupported_media_type");
    const unknown = await service.request({ method: "GET", url: "/v1/bde/import/123456789012345678" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "not_found" });
    const notANumber = await service.request({ method: "GET", url: "/v1/bde/import/abc" });
    expect(notANumber.statusCode).toBe(400);
    const route = await service.request({ method: "GET", url: "/v1/nothing" });
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe("not_found");
  });

  test("a truncated multipart body is a 400 and stores nothing", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const before = await importCount(service);
    const boundary = "----cut";
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nAccount_ID,Location_ID\r\n1,2\r\n`;
    const response = await service.request({ method: "POST", url: "/v1/bde/import", payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("bad_multipart");
    expect(await importCount(service)).toBe(before);
    expect(await storedUploads(service)).toEqual(await storedUploadsFromDb(service));
  });

  test("a body declared over 70 MB is refused with 413 before it is read", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const response = await service.request({ method: "POST", url: "/v1/bde/import", payload: "x", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(71 * 1024 * 1024) } }).catch((e: Error) => e);
    if (response instanceof Error) throw response;
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe("file_too_large");
  });

  test("a streamed body without a length is cut off at 70 MB: 413, and nothing is kept", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const before = await importCount(service);
    const address = await service.app.listen({ port: 0, host: "127.0.0.1" });
    const { status, body } = await postChunked(`${address}/v1/bde/import`, service.auth, 71 * 1024 * 1024);
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ code: "file_too_large", message: expect.stringContaining("70 MB") });
    expect(await importCount(service)).toBe(before);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(join(service.folder.root, "tmp"))).toEqual([]);
    expect(await storedUploads(service)).toEqual(await storedUploadsFromDb(service));
  });

  test("the report is not there before the test run ends: 409 with Retry-After", async () => {
    if (await skipWithoutDatabase(kind)) return;
    service.worker.stop();
    try {
      const { bdeUUID } = await uploadFile(CLEAN);
      const early = await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}/report` });
      expect(early.statusCode).toBe(409);
      expect(early.json().code).toBe("report_not_ready");
      expect(early.headers["retry-after"]).toBeDefined();
      expect((await service.request({ method: "GET", url: `/v1/bde/import/${bdeUUID}` })).json()).toMatchObject({ state: "queued", status: "Queued", progress: { percentComplete: 0 } });
    } finally {
      service.worker.start();
    }
  });

  test("the activity list: newest first, paginated, with who and how", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const first = await uploadFile(CLEAN);
    const second = await uploadFile(CLEAN);
    const viaAddIn = await service.upload({ name: "from-excel.csv", content: readFileSync(CLEAN) }, {}, { "x-dx-client": "excel-addin/0.1" });
    await service.settle(viaAddIn.json().bdeUUID);
    const page = (await service.request({ method: "GET", url: "/v1/bde/import?page=1&pageSize=2" })).json();
    expect(page.page).toBe(1);
    expect(page.pageSize).toBe(2);
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.pages).toBe(Math.ceil(page.total / 2));
    expect(page.items.map((i: { bdeUUID: string }) => i.bdeUUID)).toEqual([viaAddIn.json().bdeUUID, second.bdeUUID]);
    expect(page.items[0]).toMatchObject({ importFile: "from-excel.csv", user: { name: "Pat Clerk", email: "pat@example.com" }, method: "ui", methodLabel: "Via UI", importType: "Accounts and Assets" });
    expect(page.items[1].methodLabel).toBe("Via API");
    const next = (await service.request({ method: "GET", url: "/v1/bde/import?page=2&pageSize=2" })).json();
    expect(next.items[0].bdeUUID).toBe(first.bdeUUID);
    expect((await service.request({ method: "GET", url: "/v1/bde/import?pageSize=1000" })).statusCode).toBe(400);
  });

  test("another organisation's imports are a 404 and absent from its list", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN);
    const other = await service.addUser(null, `other-${kind}@example.com`);
    for (const [method, url] of [["GET", ""], ["GET", "/report"], ["GET", "/file"], ["PUT", ""], ["DELETE", ""]] as const) {
      const response = await service.request({ method, url: `/v1/bde/import/${bdeUUID}${url}`, as: other.auth });
      expect(response.statusCode).toBe(404);
    }
    const list = (await service.request({ method: "GET", url: "/v1/bde/import", as: other.auth })).json();
    expect(list.total).toBe(0);
  });

  test("a meter moved by a later file is a warning that needs stored data", async () => {
    if (await skipWithoutDatabase(kind)) return;
    const { bdeUUID } = await uploadFile(CLEAN, { dryRun: "false" });
    expect(await service.settle(bdeUUID)).toMatchObject({ state: "complete" });
    const text = readFileSync(CLEAN, "utf8");
    const [header, firstRow, ...rest] = text.split("\r\n");
    const columns = header.replace(/^\uFEFF/, "").split(",");
    const cells = firstRow.split(",");
    // The first row's meter, now at another location.
    cells[columns.indexOf("Location_ID")] = "0009999";
    const moved = [header, cells.join(","), ...rest.filter((line) => line && !line.includes(cells[columns.indexOf("Meter_ID")]))].join("\r\n") + "\r\n";
    const response = await service.upload({ name: "moved.csv", content: moved });
    const status = await service.settle(response.json().bdeUUID);
    const report = (await service.request({ method: "GET", url: `/v1/bde/import/${response.json().bdeUUID}/report` })).json();
    expect(report.exceptions).toContainEqual(expect.objectContaining({ code: "meter-moves", row: 2, severity: "warning" }));
    expect(status.warnings).toBeGreaterThanOrEqual(1);
  });
});

test.each([
  ["C:\\exports\\march.csv", "march.csv"],
  ["../../etc/passwd", "passwd"],
  ['a"b\u0007c.csv', "abc.csv"],
  ["..", "upload.csv"],
  [undefined, "upload.csv"],
])("an uploaded file name %j is kept as %j", (name, kept) => {
  expect(safeFileName(name)).toBe(kept);
});

/** POSTs a multipart upload of `size` bytes in chunks (no Content-Length), reading the answer even if it comes early. */
function postChunked(url: string, auth: Record<string, string>, size: number): Promise<{ status: number; body: string }> {
  const boundary = "----dxchunked";
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: "POST", headers: { ...auth, "content-type": `multipart/form-data; boundary=${boundary}`, "transfer-encoding": "chunked" } }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on("error", () => undefined); // the server may close the socket while we are still sending
    request.write(`--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`);
    const chunk = Buffer.alloc(1024 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end(`\r\n--${boundary}--\r\n`);
    };
    pump();
    setTimeout(() => reject(new Error("no answer to the oversized upload")), 60_000).unref();
  });
}

async function workbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Sheet1").addRows([["Account_ID", "Location_ID"], ["000101", "0002001"]]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importCount(service: TestService): Promise<number> {
  const rows = await service.database.connection.db.selectFrom("imports").select("id").execute();
  return rows.length;
}

async function storedUploads(service: TestService): Promise<string[]> {
  const { readdirSync } = await import("node:fs");
  return readdirSync(join(service.folder.root, "files")).sort();
}

async function storedUploadsFromDb(service: TestService): Promise<string[]> {
  const rows = await service.database.connection.db.selectFrom("imports").select("file_key").execute();
  return rows.map((r) => r.file_key.split("/").pop()!).sort();
}
