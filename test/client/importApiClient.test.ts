/**
 * The client against the real import API over HTTP: every call of ImportApi end to end, the answers zod-checked, and
 * the server's refusals as ImportApiErrors a clerk can act on.
 */
import { closeSync, ftruncateSync, mkdtempSync, openAsBlob, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateFile } from "../../src/exchange/validateFile";
import { IMPORT_SPECS } from "../../src/spec";
import { createImportApiClient, followImport, type ImportApi } from "../../src/client";
import { startLiveApi, type LiveApi } from "./support/liveApi";
import { failure } from "./support/failure";

const SAMPLES = join(__dirname, "../../assets/samples");
const CLEAN = join(SAMPLES, "starter-clean.csv");
const MISTAKES = join(SAMPLES, "starter-with-mistakes.csv");

jest.setTimeout(60_000);

let live: LiveApi;
let api: ImportApi;
beforeAll(async () => {
  live = await startLiveApi();
  api = createImportApiClient(live.settings);
});
afterAll(async () => live?.close());


async function uploadSample(path: string, options: { dryRun?: boolean } = {}) {
  return api.upload({ name: path.split("/").pop()!, content: readFileSync(path, "utf8") }, options);
}

const poll = { intervalMs: 20 };

test("me() names the signed-in user and organisation", async () => {
  await expect(api.me()).resolves.toEqual({ name: "Pat Clerk", email: "pat@example.com", organisation: { id: live.service.user.organisationId, name: "Test Water" } });
});

test("a wrong password is kind unauthorized, with a message pointing to Settings", async () => {
  const error = await failure(createImportApiClient({ ...live.settings, password: "wrong password" }).me());
  expect(error).toMatchObject({ kind: "unauthorized", status: 401, code: "invalid_credentials", retryable: false });
  expect(error.message).toBe("The import API refused the e-mail or password. Check them in Settings.");
});

test("the base URL may end in slashes", async () => {
  const client = createImportApiClient({ ...live.settings, baseUrl: `${live.baseUrl}//` });
  await expect(client.me()).resolves.toMatchObject({ email: "pat@example.com" });
});

test("an upload reports progress up to 1, and the import is labelled as coming from the add-in (method ui)", async () => {
  const fractions: number[] = [];
  // Big enough for axios to report progress on the way; the test run will reject the padding, which is fine here.
  const content = readFileSync(CLEAN, "utf8") + "x".repeat(4 * 1024 * 1024);
  const { bdeUUID, statusUrl } = await api.upload({ name: "progress.csv", content }, { onProgress: (f) => fractions.push(f) });
  expect(statusUrl).toBe(`/v1/bde/import/${bdeUUID}`);
  // Some from axios on the way (the client itself only ever adds a final 1), never going back, ending at 1.
  expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
  expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
  expect(fractions[fractions.length - 1]).toBe(1);
  const status = await api.status(bdeUUID);
  expect(status).toMatchObject({ method: "ui", importFile: "progress.csv" });
  const { items } = await api.activity(1, 5);
  expect(items.find((item) => item.bdeUUID === bdeUUID)).toMatchObject({ methodLabel: "Via UI", user: { email: "pat@example.com" } });
});

test("another client string is labelled as an API import", async () => {
  const script = createImportApiClient(live.settings, { client: "dx-cli" });
  const { bdeUUID } = await script.upload({ name: "script.csv", content: readFileSync(CLEAN, "utf8") });
  expect((await script.status(bdeUUID)).method).toBe("api");
});

test("follow to done, then the report holds the engine's findings with the file's row numbers", async () => {
  const { bdeUUID } = await uploadSample(MISTAKES);
  const seen: string[] = [];
  const done = await followImport(api, bdeUUID, { ...poll, onStatus: (s) => seen.push(s.state) });
  expect(done.state).toBe("done");
  expect(seen[seen.length - 1]).toBe("done");
  const report = await api.report(bdeUUID);
  expect(report).toMatchObject({ mDryRun: true, bdeUUID, importFile: "starter-with-mistakes.csv", state: "done", errors: done.errors, warnings: done.warnings });
  expect(report.errors).toBeGreaterThan(0);
  // The same findings, rows and all, as the engine finds in the file here.
  expect(report.exceptions).toEqual([...(await validateFile(MISTAKES, { specs: IMPORT_SPECS })).exceptions]);
});

test("approve a clean test run: it ends complete with the records imported", async () => {
  const { bdeUUID } = await uploadSample(CLEAN);
  const tested = await followImport(api, bdeUUID, poll);
  expect(tested).toMatchObject({ state: "done", errors: 0 });
  const approved = await api.approve(bdeUUID);
  expect(["approved", "updating", "complete"]).toContain(approved.state);
  const complete = await followImport(api, bdeUUID, poll);
  expect(complete).toMatchObject({ state: "complete", recordsImported: tested.recordsReady });
  expect(complete.recordsImported).toBeGreaterThan(0);
});

test("cancel, then approving the cancelled import is kind conflict with the server's reason", async () => {
  const { bdeUUID } = await uploadSample(CLEAN);
  await followImport(api, bdeUUID, poll);
  expect((await api.cancel(bdeUUID)).state).toBe("cancelled");
  const error = await failure(api.approve(bdeUUID));
  expect(error).toMatchObject({ kind: "conflict", status: 409, code: "invalid_state", retryable: false });
  expect(error.message).toBe(`Import ${bdeUUID} was cancelled; upload the file again to import it.`);
});

test("an unknown import is kind not-found with the server's message", async () => {
  const error = await failure(api.status("999999999999999999"));
  expect(error).toMatchObject({ kind: "not-found", status: 404, code: "not_found" });
  expect(error.message).toContain("No import 999999999999999999 in your organisation");
});

test("a refused field is kind bad-request with the server's message", async () => {
  const error = await failure(api.upload({ name: "a.csv", content: "x" }, { importType: "No Such Type" }));
  expect(error).toMatchObject({ kind: "bad-request", status: 400, code: "unknown_import_type" });
  expect(error.message).toContain('"No Such Type" is not an import type');
});

test("the activity list pages, newest first", async () => {
  const uploaded = [];
  for (let i = 0; i < 3; i++) uploaded.push((await uploadSample(CLEAN)).bdeUUID);
  const first = await api.activity(1, 2);
  const second = await api.activity(2, 2);
  expect(first).toMatchObject({ page: 1, pageSize: 2 });
  expect(first.items).toHaveLength(2);
  expect(first.total).toBeGreaterThanOrEqual(3);
  expect(first.pages).toBe(Math.ceil(first.total / 2));
  expect(first.items.map((i) => i.bdeUUID)).toEqual([uploaded[2], uploaded[1]]);
  expect(second.items[0].bdeUUID).toBe(uploaded[0]);
});

test("the original comes back byte for byte under its own (non-ASCII) name", async () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(CLEAN), Buffer.from([0xff, 0x00, 0x80])]);
  const { bdeUUID } = await api.upload({ name: "März € export.csv", content: new Blob([bytes]) });
  const download = await api.downloadFile(bdeUUID);
  expect(download.fileName).toBe("März € export.csv");
  expect(Buffer.from(await download.blob.arrayBuffer()).equals(bytes)).toBe(true);
});

test("the CSV report downloads under the file's name", async () => {
  const { bdeUUID } = await uploadSample(MISTAKES);
  await followImport(api, bdeUUID, poll);
  const download = await api.downloadReportCsv(bdeUUID);
  expect(download.fileName).toBe("starter-with-mistakes-exceptions.csv");
  expect(download.blob.type).toMatch(/^text\/csv/);
  const lines = (await download.blob.text()).trim().split("\r\n");
  expect(lines[0]).toBe("row,column,severity,code,component,message");
  expect(lines).toHaveLength((await api.report(bdeUUID)).exceptions.length + 1);
});

test("over 70 MB is kind too-large with the server's message (a sparse file: no 70 MB in memory)", async () => {
  const folder = mkdtempSync(join(tmpdir(), "dx-client-"));
  try {
    const path = join(folder, "huge.csv");
    writeFileSync(path, "");
    const fd = openSync(path, "r+");
    ftruncateSync(fd, 71 * 1024 * 1024);
    closeSync(fd);
    const error = await failure(api.upload({ name: "huge.csv", content: await openAsBlob(path) }));
    expect(error).toMatchObject({ kind: "too-large", status: 413, code: "file_too_large", retryable: false });
    expect(error.message).toBe("The file is larger than 70 MB, the most an import takes. Split it into smaller files.");
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test("an aborted upload is kind aborted", async () => {
  const controller = new AbortController();
  const pending = api.upload({ name: "a.csv", content: "x".repeat(8 * 1024 * 1024) }, { signal: controller.signal, onProgress: () => controller.abort() });
  const error = await failure(pending);
  expect(error).toMatchObject({ kind: "aborted", retryable: false });
});
