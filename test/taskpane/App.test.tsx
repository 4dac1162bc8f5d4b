/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { FakeWorkbook, FEW, finding, manyFindings, resultOf } from "./fakeWorkbook";

// jsdom lays nothing out, so every element reports a height of 0 and the virtualized list would show no rows; give
// the list's scroll box a height (400 px, about eight rows of 52 px).
const clientHeight = Object.getOwnPropertyDescriptor(HTMLElement.prototype, "clientHeight");
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, "clientHeight", { configurable: true, get: () => 400 });
});
afterAll(() => {
  if (clientHeight) Object.defineProperty(HTMLElement.prototype, "clientHeight", clientHeight);
});

function setup(adapter = new FakeWorkbook()) {
  const view = render(<App adapter={adapter} />);
  return { adapter, ...view };
}

async function validate(adapter: FakeWorkbook) {
  fireEvent.click(screen.getByRole("button", { name: "Validate" }));
  await waitFor(() => expect(adapter.calls.validate.length).toBeGreaterThan(0));
  await screen.findByText(/data rows? checked/);
}

/** The findings' options (the native <select>s have options too). */
function options() {
  const list = screen.queryByRole("listbox", { name: "Findings" });
  return list ? within(list).queryAllByRole("option") : [];
}

function listbox() {
  return screen.getByRole("listbox", { name: "Findings" });
}

test("Validate shows the detected type, the counts and the findings", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  setup(adapter);
  await validate(adapter);

  expect(screen.getByText("Accounts and Assets (detected from the header row)")).toBeTruthy();
  expect(screen.getByText("Sheet1: 500 data rows checked, 2 errors, 1 warning, 1 info.")).toBeTruthy();
  expect(options()).toHaveLength(4);
  expect(options()[0].textContent).toContain("Row 2, Meter_ID");
  expect(options()[0].textContent).toContain("Too long");
  expect(options()[3].textContent).toContain("Whole file");
  expect(adapter.calls.validate[0].importType).toBeUndefined();
  expect(adapter.calls.validate[0].signal).toBeInstanceOf(AbortSignal);

  // The summary: one row per column with problems, its numbers in words.
  const byColumn = screen.getByRole("list", { name: "Errors and warnings by column" });
  expect(within(byColumn).getByRole("button", { name: /^Meter_ID: 1 error, 0 warnings/ })).toBeTruthy();
  expect(within(byColumn).queryByRole("button", { name: /No column/ })).toBeNull();
});

test("filters by severity, column and component, and the summary filters by column", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  setup(adapter);
  await validate(adapter);

  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "error" } });
  expect(options().map((o) => o.textContent)).toEqual([expect.stringContaining("Meter_ID"), expect.stringContaining("Service_Point_Type")]);
  expect(screen.getByText("Showing 2 of 4 findings")).toBeTruthy();

  fireEvent.change(screen.getByLabelText("Column"), { target: { value: "Service_Point_Type" } });
  expect(options()).toHaveLength(1);

  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "all" } });
  fireEvent.change(screen.getByLabelText("Column"), { target: { value: "all" } });
  fireEvent.change(screen.getByLabelText("Component"), { target: { value: "Account" } });
  expect(options()).toHaveLength(1);
  expect(options()[0].textContent).toContain("Account_ID");

  fireEvent.change(screen.getByLabelText("Component"), { target: { value: "all" } });
  fireEvent.click(screen.getByRole("button", { name: /^Meter_ID: / }));
  expect(options()).toHaveLength(1);
  expect((screen.getByLabelText("Column") as HTMLSelectElement).value).toBe("Meter_ID");

  fireEvent.change(screen.getByLabelText("Column"), { target: { value: "all" } });
  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "info" } });
  fireEvent.change(screen.getByLabelText("Component"), { target: { value: "Meter" } });
  expect(options()).toHaveLength(0);
  expect(screen.getByText("No findings match these filters.")).toBeTruthy();
});

test("next and previous walk the filtered list, wrap around, and go to each cell", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  setup(adapter);
  await validate(adapter);

  const next = screen.getByRole("button", { name: "Next" });
  const previous = screen.getByRole("button", { name: "Previous" });
  fireEvent.click(next);
  fireEvent.click(next);
  fireEvent.click(previous);
  fireEvent.click(previous);
  await waitFor(() => expect(adapter.calls.selectFinding).toHaveLength(4));
  expect(adapter.calls.selectFinding).toEqual([
    { row: 2, column: "Meter_ID", sheet: "Sheet1" },
    { row: 3, column: "Service_Point_Type", sheet: "Sheet1" },
    { row: 2, column: "Meter_ID", sheet: "Sheet1" },
    { row: null, column: null, sheet: "Sheet1" },
  ]);
  expect(options()[3].getAttribute("aria-selected")).toBe("true");
  expect(listbox().getAttribute("aria-activedescendant")).toBe(options()[3].id);

  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "warning" } });
  fireEvent.click(next);
  await waitFor(() => expect(adapter.calls.selectFinding).toHaveLength(5));
  expect(adapter.calls.selectFinding[4]).toEqual({ row: 4, column: "Account_ID", sheet: "Sheet1" });
});

test("a click or Enter on a finding selects its cell; arrow keys move without selecting", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  setup(adapter);
  await validate(adapter);

  fireEvent.click(options()[1]);
  await waitFor(() => expect(adapter.calls.selectFinding).toEqual([{ row: 3, column: "Service_Point_Type", sheet: "Sheet1" }]));

  const list = listbox();
  list.focus();
  fireEvent.keyDown(list, { key: "ArrowDown" });
  expect(adapter.calls.selectFinding).toHaveLength(1);
  expect(list.getAttribute("aria-activedescendant")).toBe(options()[2].id);
  fireEvent.keyDown(list, { key: "Enter" });
  await waitFor(() => expect(adapter.calls.selectFinding).toHaveLength(2));
  expect(adapter.calls.selectFinding[1]).toEqual({ row: 4, column: "Account_ID", sheet: "Sheet1" });

  fireEvent.keyDown(list, { key: "Home" });
  fireEvent.keyDown(list, { key: " " });
  fireEvent.keyDown(list, { key: "End" });
  fireEvent.keyDown(list, { key: "ArrowUp" });
  fireEvent.keyDown(list, { key: "Enter" });
  await waitFor(() => expect(adapter.calls.selectFinding).toHaveLength(4));
  expect(adapter.calls.selectFinding.slice(2)).toEqual([
    { row: 2, column: "Meter_ID", sheet: "Sheet1" },
    { row: 4, column: "Account_ID", sheet: "Sheet1" },
  ]);
});

test("50,000 findings render only a window of rows, before and after filtering", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(manyFindings(50_000), "accounts-and-assets", 50_000);
  setup(adapter);
  await validate(adapter);

  expect(screen.getByText("50,000 findings")).toBeTruthy();
  const first = options();
  expect(first.length).toBeGreaterThan(0);
  expect(first.length).toBeLessThan(40);
  expect(first[0].getAttribute("aria-setsize")).toBe("50000");
  expect(first[0].getAttribute("aria-posinset")).toBe("1");

  // Filtering 50,000 findings adds only a window of rows to the DOM, not one per finding.
  const added: Node[] = [];
  const observer = new MutationObserver((records) => records.forEach((r) => added.push(...r.addedNodes)));
  observer.observe(document.body, { childList: true, subtree: true });
  fireEvent.change(screen.getByLabelText("Severity"), { target: { value: "warning" } });
  await act(async () => {}); // deliver the mutation records
  observer.disconnect();
  const addedOptions = added.filter((n) => n instanceof HTMLElement && n.getAttribute("role") === "option").length;
  expect(addedOptions).toBeGreaterThan(0);
  expect(addedOptions).toBeLessThan(40);
  expect(screen.getByText("Showing 12,500 of 50,000 findings")).toBeTruthy();
  const warnings = options();
  expect(warnings.length).toBeLessThan(40);
  expect(warnings.every((o) => o.textContent?.startsWith("Warning"))).toBe(true);
  expect(warnings[0].getAttribute("aria-setsize")).toBe("12500");

  // End jumps to the last finding: it is rendered (aria-activedescendant must point at a real element) while the
  // DOM still holds only a window.
  const list = listbox();
  fireEvent.keyDown(list, { key: "End" });
  const active = document.getElementById(list.getAttribute("aria-activedescendant") ?? "");
  expect(active?.getAttribute("aria-posinset")).toBe("12500");
  expect(options().length).toBeLessThan(40);
});

test("the import type override is passed to validate, and changing it re-validates", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  setup(adapter);

  fireEvent.change(screen.getByLabelText("Check as"), { target: { value: "billing-reads" } });
  expect(adapter.calls.validate).toHaveLength(0);
  await validate(adapter);
  expect(adapter.calls.validate[0].importType).toBe("billing-reads");
  expect(screen.getByText("Billing (chosen by you)")).toBeTruthy();

  fireEvent.change(screen.getByLabelText("Check as"), { target: { value: "interval-reads" } });
  await waitFor(() => expect(adapter.calls.validate).toHaveLength(2));
  expect(adapter.calls.validate[1].importType).toBe("interval-reads");
  await screen.findByText("Interval (chosen by you)");

  fireEvent.change(screen.getByLabelText("Check as"), { target: { value: "auto" } });
  await waitFor(() => expect(adapter.calls.validate).toHaveLength(3));
  expect(adapter.calls.validate[2].importType).toBeUndefined();
});

test("a header that matches no type says so", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = { ...resultOf([finding(null, null, "error", "unknown-import-type", "File", "The header matches no import type.")]), spec: null, detectedBy: "none" };
  setup(adapter);
  await validate(adapter);
  expect(screen.getByText(/^unknown \(the header row matches no import type/)).toBeTruthy();
});

test("an adapter error becomes a message bar with its message and no stack trace", async () => {
  const adapter = new FakeWorkbook();
  const error = new Error("The sheet is protected. Unprotect it (Review > Unprotect Sheet) and validate again.");
  error.stack = "Error: The sheet is protected.\n    at Excel.run (excel.ts:12:3)";
  adapter.failures.validate = error;
  setup(adapter);
  fireEvent.click(screen.getByRole("button", { name: "Validate" }));

  const alert = await screen.findByRole("alert");
  expect(alert.textContent).toContain("Couldn't validate the sheet");
  expect(alert.textContent).toContain("The sheet is protected. Unprotect it (Review > Unprotect Sheet) and validate again.");
  expect(alert.textContent).not.toContain("excel.ts");
  expect((screen.getByRole("button", { name: "Validate" }) as HTMLButtonElement).disabled).toBe(false);

  fireEvent.click(screen.getByRole("button", { name: "Dismiss message" }));
  expect(screen.queryByRole("alert")).toBeNull();

  // Errors of the other actions too, and a message hidden in a non-Error object (Office's OfficeExtension.Error-like).
  delete adapter.failures.validate;
  adapter.nextResult = resultOf(FEW);
  await validate(adapter);
  adapter.failures.selectFinding = { code: "ItemNotFound", message: "The sheet Sheet1 was deleted." };
  fireEvent.click(options()[0]);
  expect((await screen.findByRole("alert")).textContent).toContain("The sheet Sheet1 was deleted.");
  adapter.failures.writeExceptionsSheet = "plain string failure";
  fireEvent.click(screen.getByRole("button", { name: "Exceptions sheet" }));
  await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("plain string failure"));
});

test("the notes switch is disabled with an explanation when notes are unsupported", async () => {
  const adapter = new FakeWorkbook();
  adapter.capabilitiesValue = { notes: false, triggerSource: false };
  setup(adapter);
  const notes = await screen.findByRole("switch", { name: "Notes on cells" });
  await screen.findByText(/this Excel doesn't have them/);
  expect((notes as HTMLInputElement).disabled).toBe(true);
  const hint = screen.getByText(/this Excel doesn't have them/);
  expect(notes.getAttribute("aria-describedby") ?? "").toContain(hint.id);
});

test("the notes switch calls setNotes when supported, and turns back off if that fails", async () => {
  const adapter = new FakeWorkbook();
  setup(adapter);
  await screen.findByText("Adds a note with the findings to each marked cell.");
  const notes = screen.getByRole("switch", { name: "Notes on cells" }) as HTMLInputElement;
  expect(notes.disabled).toBe(false);
  fireEvent.click(notes);
  await waitFor(() => expect(adapter.calls.setNotes).toEqual([true]));
  await waitFor(() => expect(notes.checked).toBe(true));

  adapter.failures.setNotes = new Error("Notes could not be written.");
  fireEvent.click(notes);
  await screen.findByRole("alert");
  await waitFor(() => expect(notes.checked).toBe(true));
  expect(adapter.calls.setNotes).toEqual([true, false]);
});

test("sheet tools call the adapter and report what they did", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW, "interval-reads");
  setup(adapter);
  expect((screen.getByRole("button", { name: "Exceptions sheet" }) as HTMLButtonElement).disabled).toBe(true);
  await validate(adapter);

  fireEvent.click(screen.getByRole("button", { name: "Exceptions sheet" }));
  await screen.findByText('The findings are on the sheet "Exceptions".');
  expect(adapter.calls.writeExceptionsSheet).toBe(1);

  fireEvent.click(screen.getByRole("button", { name: "Prepare sheet" }));
  await waitFor(() => expect(adapter.calls.prepareSheet).toEqual(["Sheet1"]));

  // The starter picker starts on the detected type; Accounts and Assets offers the starter subset.
  expect((screen.getByLabelText("Starter sheet type") as HTMLSelectElement).value).toBe("interval-reads");
  fireEvent.change(screen.getByLabelText("Starter sheet type"), { target: { value: "accounts-and-assets" } });
  fireEvent.click(screen.getByRole("button", { name: "New starter sheet" }));
  await screen.findByText('Added the sheet "Accounts and Assets starter". Fill it in, then select Validate.');
  fireEvent.click(screen.getByRole("checkbox", { name: "Starter columns only" }));
  fireEvent.click(screen.getByRole("button", { name: "New starter sheet" }));
  await waitFor(() => expect(adapter.calls.newStarterSheet).toHaveLength(2));
  expect(adapter.calls.newStarterSheet).toEqual([
    { importType: "accounts-and-assets", starterOnly: true },
    { importType: "accounts-and-assets", starterOnly: false },
  ]);

  fireEvent.click(screen.getByRole("button", { name: "Clear marks" }));
  await waitFor(() => expect(adapter.calls.clearMarks).toBe(1));
});

test("progress shows the phase, and Cancel stops the run", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  const release = adapter.hold();
  setup(adapter);
  fireEvent.click(screen.getByRole("button", { name: "Validate" }));

  const bar = await screen.findByRole("progressbar");
  expect(bar.getAttribute("aria-label")).toBe("Checking the cells, 40%");
  expect((screen.getByRole("button", { name: "Validate" }) as HTMLButtonElement).disabled).toBe(true);
  expect((screen.getByRole("button", { name: "Exceptions sheet" }) as HTMLButtonElement).disabled).toBe(true);

  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  await screen.findByText("Validation stopped");
  expect(screen.queryByRole("progressbar")).toBeNull();
  expect(adapter.calls.validate[0].signal?.aborted).toBe(true);
  expect(options()).toHaveLength(0);
  release();
});

test("live updates replace the result, and the selected cell's findings are shown", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  const { unmount } = setup(adapter);
  await validate(adapter);
  expect(adapter.listenerCount).toBe(3);

  act(() => adapter.emitValidation(resultOf(FEW.slice(1))));
  expect(screen.getByText("Sheet1: 500 data rows checked, 1 error, 1 warning, 1 info.")).toBeTruthy();
  expect(options()).toHaveLength(3);

  act(() => adapter.emitSelection({ sheet: "Sheet1", row: 3, column: "Service_Point_Type", exceptions: [FEW[1]] }));
  const panel = screen.getByRole("region", { name: "Selected cell" });
  expect(panel.textContent).toContain("Row 3, Service_Point_Type on Sheet1");
  expect(panel.textContent).toContain("Error: Unknown code");
  expect(panel.textContent).toContain('"X" is not an allowed Service_Point_Type; use W, S or F.');

  act(() => adapter.emitSelection({ sheet: "Sheet1", row: 9, column: "Meter_ID", exceptions: [] }));
  expect(within(screen.getByRole("region", { name: "Selected cell" })).getByText("No findings on this cell.")).toBeTruthy();

  // A background re-check that fails is said, not swallowed.
  act(() => adapter.emitLiveError(new Error("The workbook is busy; try again.\n    at revalidate (liveValidation.ts:1)")));
  expect(screen.getByText("Couldn't re-check your last change")).toBeTruthy();
  expect(screen.getByText("The workbook is busy; try again.")).toBeTruthy();
  expect(document.body.textContent).not.toContain("liveValidation.ts");

  unmount();
  expect(adapter.listenerCount).toBe(0);
});

test("a clean sheet says it has no findings", async () => {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf([]);
  setup(adapter);
  await validate(adapter);
  expect(screen.getByText("No findings: the sheet matches the spec.")).toBeTruthy();
  expect(screen.queryByRole("listbox")).toBeNull();
});
