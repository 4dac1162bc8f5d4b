/** @jest-environment jsdom */
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import type { ConnectionSettings } from "../../src/client/types";
import { App } from "../../src/taskpane/components/App";
import type { SettingsStorage } from "../../src/taskpane/connection";
import { apiError, entryOf, FakeImportApi, statusOf } from "./fakeImportApi";
import { FakeWorkbook, FEW, finding, resultOf } from "./fakeWorkbook";

// The machines are shared and noisy: give the pane time to render rather than fail a slow run.
configure({ asyncUtilTimeout: 10000 });

const SETTINGS: ConnectionSettings = { baseUrl: "http://127.0.0.1:8080", email: "pat@example.com", password: "secret" };

/** A Storage over a Map, so each test starts with what it puts in. */
function memoryStorage(initial?: ConnectionSettings): SettingsStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const storage = {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
  if (initial) storage.setItem("dx.connection.v1", JSON.stringify(initial));
  return storage;
}

function setup(options: { adapter?: FakeWorkbook; api?: FakeImportApi; saved?: ConnectionSettings | null } = {}) {
  const adapter = options.adapter ?? new FakeWorkbook();
  const api = options.api ?? new FakeImportApi();
  const storage = memoryStorage(options.saved === null ? undefined : (options.saved ?? SETTINGS));
  const connected: ConnectionSettings[] = [];
  const connect = (settings: ConnectionSettings) => {
    connected.push(settings);
    return api;
  };
  render(<App adapter={adapter} connect={connect} storage={storage} pollMs={5} />);
  return { adapter, api, storage, connected };
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole("tab", { name }));
}

async function validate() {
  fireEvent.click(screen.getByRole("button", { name: "Validate" }));
  await screen.findByText(/data rows? checked/);
}

const submitButton = () => screen.getByRole("button", { name: "Submit for a test run" });

test("settings are saved in the browser's storage and the connection test names who signed in", async () => {
  const { storage, connected } = setup({ saved: null });
  openTab("Settings");
  fireEvent.change(screen.getByLabelText("Import API URL"), { target: { value: "http://dx.example:8080" } });
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "pat@example.com" } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "pw" } });

  fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
  expect(await screen.findByText(/Signed in to http:\/\/dx\.example:8080 as Pat Clerk \(pat@example\.com\), Example Water/)).toBeTruthy();
  expect(connected.at(-1)).toEqual({ baseUrl: "http://dx.example:8080", email: "pat@example.com", password: "pw" });
  expect(storage.items.size).toBe(0);

  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  expect(JSON.parse(storage.items.get("dx.connection.v1")!)).toEqual({ baseUrl: "http://dx.example:8080", email: "pat@example.com", password: "pw" });
  openTab("Submit");
  expect(screen.getByText(/Sends the checked sheet to http:\/\/dx\.example:8080 as pat@example\.com/)).toBeTruthy();
});

test("a failed connection test says why and keeps what was typed", async () => {
  const api = new FakeImportApi();
  api.failWith("me", apiError("unauthorized", "The import API refused the e-mail or password. Check them in Settings.", false));
  setup({ api, saved: SETTINGS });
  openTab("Settings");
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "wrong" } });
  fireEvent.click(screen.getByRole("button", { name: "Test connection" }));
  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain("refused the e-mail or password");
  expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("wrong");
  expect((screen.getByLabelText("E-mail") as HTMLInputElement).value).toBe("pat@example.com");
});

test("without settings, Submit is off and points to Settings", async () => {
  setup({ saved: null });
  openTab("Submit");
  expect(screen.getByText("No import API set up")).toBeTruthy();
  expect((submitButton() as HTMLButtonElement).disabled).toBe(true);
  fireEvent.click(screen.getByRole("button", { name: "Open Settings" }));
  expect(screen.getByRole("tab", { name: "Settings" }).getAttribute("aria-selected")).toBe("true");
});

test("a sheet with errors is refused until the clerk chooses to send it anyway", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  const { api } = setup({ adapter });
  await validate();
  openTab("Submit");
  expect(screen.getByText("The sheet has 2 errors")).toBeTruthy();
  expect((submitButton() as HTMLButtonElement).disabled).toBe(true);

  fireEvent.click(screen.getByRole("checkbox", { name: "Send anyway, with its errors" }));
  fireEvent.click(submitButton());
  await waitFor(() => expect(api.uploads).toHaveLength(1));
  expect(api.uploads[0].options.dryRun).toBe(true);
});

test("submit, follow the test run, paint the server's findings, approve, and see the records imported", async () => {
  const adapter = new FakeWorkbook();
  const api = new FakeImportApi();
  const { connected } = setup({ adapter, api });
  await validate();
  openTab("Submit");
  fireEvent.click(submitButton());

  // The file the adapter made is what is uploaded, under its name and type.
  await waitFor(() => expect(api.uploads).toHaveLength(1));
  expect(api.uploads[0].name).toBe(adapter.nextSubmission.fileName);
  expect(api.uploads[0].content).toBe(adapter.nextSubmission.csv);
  expect(api.uploads[0].options.importType).toBe(adapter.nextSubmission.importType);
  expect(connected[0]).toEqual(SETTINGS);

  expect(await screen.findByText("Queued")).toBeTruthy();
  act(() => void api.advance("1", "run", { progress: { percentComplete: 40 } }));
  expect(await screen.findByText("Test run: 40%")).toBeTruthy();

  const moved = finding(3, "Meter_ID", "warning", "meter-moves", "Meter", "Meter M1 is stored at location L9; this row moves it.");
  api.reports.set("1", [moved]);
  act(() => void api.advance("1", "done", { recordsReady: 11, warnings: 1, errors: 0, progress: { percentComplete: 100 } }));
  const result = await screen.findByRole("region", { name: "Test run result" });
  expect(within(result).getByText("Records ready: 11")).toBeTruthy();
  expect(within(result).getByText("Warnings: 1")).toBeTruthy();
  expect(within(result).getByText("Errors: 0")).toBeTruthy();
  expect(within(result).getByText(/1 finding from the data already stored/)).toBeTruthy();
  expect(adapter.calls.showServerFindings).toEqual([{ findings: [moved], submission: expect.objectContaining({ sheetRows: adapter.nextSubmission.sheetRows }) }]);

  fireEvent.click(screen.getByRole("button", { name: "Approve" }));
  expect(await screen.findByLabelText("System Updating")).toBeTruthy();
  act(() => void api.advance("1", "complete", { recordsImported: 11 }));
  expect(await screen.findByText(/Records imported: 11 of 11 ready \(1 warning, 0 errors\)/)).toBeTruthy();
  expect(api.calls.filter((c) => c.method === "approve")).toHaveLength(1);
});

test("cancel after the test run imports nothing", async () => {
  const { api } = setup();
  openTab("Submit");
  fireEvent.click(submitButton());
  await screen.findByText("Queued");
  act(() => void api.advance("1", "done", { recordsReady: 3 }));
  fireEvent.click(await screen.findByRole("button", { name: "Cancel import" }));
  expect(await screen.findByText("Cancelled")).toBeTruthy();
  expect(api.imports.get("1")!.state).toBe("cancelled");
  expect(api.calls.some((c) => c.method === "approve")).toBe(false);
});

test("a failed upload says why and Retry sends it again; a refused password offers no retry", async () => {
  const api = new FakeImportApi();
  api.failWith("upload", apiError("unreachable", "No answer from http://127.0.0.1:8080: check the URL in Settings and that the import API is running.", true));
  setup({ api });
  openTab("Submit");
  fireEvent.click(submitButton());
  expect((await screen.findByRole("alert")).textContent).toContain("No answer from http://127.0.0.1:8080");
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  await screen.findByText("Queued");
  expect(api.uploads).toHaveLength(1);

  api.failWith("upload", apiError("unauthorized", "The import API refused the e-mail or password. Check them in Settings.", false));
  act(() => void api.advance("1", "done"));
  fireEvent.click(await screen.findByRole("button", { name: "Cancel import" }));
  fireEvent.click(await screen.findByRole("button", { name: "Done" }));
  fireEvent.click(submitButton());
  expect((await screen.findByRole("alert")).textContent).toContain("refused the e-mail or password");
  expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
});

test("a lost connection while following is retried, then the import is followed to its end", async () => {
  const api = new FakeImportApi();
  setup({ api });
  openTab("Submit");
  fireEvent.click(submitButton());
  await screen.findByText("Queued");
  api.failWith("status", apiError("unreachable", "No answer from http://127.0.0.1:8080.", true), false);
  expect(await screen.findByText(/Connection lost, retrying/)).toBeTruthy();
  api.failures.delete("status");
  act(() => void api.advance("1", "done", { recordsReady: 2 }));
  expect(await screen.findByText("Records ready: 2")).toBeTruthy();
  expect(screen.queryByText(/Connection lost/)).toBeNull();
});

test("a sheet over 70 MB is refused before anything is uploaded", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextSubmission = { ...adapter.nextSubmission, csv: "x".repeat(70 * 1024 * 1024 + 1) };
  const { api } = setup({ adapter });
  openTab("Submit");
  fireEvent.click(submitButton());
  expect((await screen.findByRole("alert")).textContent).toMatch(/70\.0 MB file.*at most 70 MB/);
  expect(api.uploads).toHaveLength(0);
});

test("a file the import API rejects says so with its message", async () => {
  const { api } = setup();
  openTab("Submit");
  fireEvent.click(submitButton());
  await screen.findByText("Queued");
  act(() => void api.advance("1", "exception", { message: "The file is not CSV text." }));
  expect((await screen.findByRole("alert")).textContent).toContain("The file is not CSV text.");
});

test("the activity list pages through imports and downloads their files", async () => {
  const api = new FakeImportApi();
  api.activityItems = Array.from({ length: 12 }, (_, i) => entryOf({ ...statusOf(String(12 - i), `file-${12 - i}.csv`, "complete"), recordsReady: 5, recordsImported: 5 }));
  const created: Blob[] = [];
  URL.createObjectURL = (blob: Blob) => {
    created.push(blob);
    return "blob:test";
  };
  URL.revokeObjectURL = () => undefined;
  setup({ api });
  openTab("Activity");
  const list = await screen.findByRole("list", { name: "Imports" });
  expect(within(list).getAllByRole("listitem")).toHaveLength(10);
  expect(within(list).getAllByRole("listitem")[0].textContent).toContain("file-12.csv");
  expect(within(list).getAllByRole("listitem")[0].textContent).toContain("5 of 5 records imported");
  expect(within(list).getAllByRole("listitem")[0].textContent).toContain("Pat Clerk (pat@example.com)");
  expect(screen.getByText("Page 1 of 2 (12 imports)")).toBeTruthy();

  fireEvent.click(screen.getByRole("button", { name: "Next page" }));
  await waitFor(() => expect(within(screen.getByRole("list", { name: "Imports" })).getAllByRole("listitem")).toHaveLength(2));

  fireEvent.click(screen.getByRole("button", { name: "Original file of file-2.csv" }));
  await waitFor(() => expect(api.calls).toContainEqual({ method: "downloadFile", id: "2" }));
  fireEvent.click(screen.getByRole("button", { name: "Exceptions report of file-2.csv" }));
  await waitFor(() => expect(api.calls).toContainEqual({ method: "downloadReportCsv", id: "2" }));
  await waitFor(() => expect(created).toHaveLength(2));
  expect(screen.queryByRole("alert")).toBeNull();
});
