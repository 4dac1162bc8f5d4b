/** @jest-environment jsdom */
import { act, configure, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/components/App";
import { FakeImportApi } from "./fakeImportApi";
import { FakeWorkbook, FEW, resultOf } from "./fakeWorkbook";

// The machines are shared and noisy: give the pane time to render rather than fail a slow run.
configure({ asyncUtilTimeout: 10000 });

const WHITESPACE = FEW[2];

async function selectWhitespaceCell() {
  const adapter = new FakeWorkbook();
  adapter.nextResult = resultOf(FEW);
  render(<App adapter={adapter} connect={() => new FakeImportApi()} storage={null} />);
  fireEvent.click(screen.getByRole("button", { name: "Validate" }));
  await screen.findByText(/data rows? checked/);
  act(() => adapter.emitSelection({ sheet: "Sheet1", row: 4, column: "Account_ID", exceptions: [WHITESPACE] }));
  return adapter;
}

test("a finding with a safe fix offers Fix this and Fix all like this; one without offers neither", async () => {
  const adapter = await selectWhitespaceCell();
  const panel = screen.getByRole("region", { name: "Selected cell" });
  expect(within(panel).getByRole("button", { name: "Fix this" })).toBeTruthy();
  expect(within(panel).getByRole("button", { name: "Fix all like this" })).toBeTruthy();

  act(() => adapter.emitSelection({ sheet: "Sheet1", row: 2, column: "Meter_ID", exceptions: [FEW[0]] }));
  expect(within(screen.getByRole("region", { name: "Selected cell" })).queryByRole("button", { name: "Fix this" })).toBeNull();
});

test("Fix all like this previews every change; Apply writes them, and Undo fix puts them back", async () => {
  const adapter = await selectWhitespaceCell();
  adapter.nextPlan = {
    sheet: "Sheet1",
    code: "whitespace",
    label: "Trim the spaces",
    scope: "all",
    changes: Array.from({ length: 60 }, (_, i) => ({ row: i + 2, column: "Account_ID", before: ` A${i}`, after: `A${i}`, asText: false })),
  };
  const fixed = resultOf(FEW.filter((f) => f !== WHITESPACE));
  adapter.afterFix = fixed;

  fireEvent.click(screen.getByRole("button", { name: "Fix all like this" }));
  const preview = await screen.findByRole("region", { name: "Fix preview" });
  expect(adapter.calls.planFix).toEqual([{ finding: WHITESPACE, scope: "all" }]);
  expect(within(preview).getByText("60 cells on Sheet1 will change. Undo fix puts them back.")).toBeTruthy();
  // 50 rows shown (plus the header row), the rest counted; edge spaces made visible.
  expect(within(preview).getAllByRole("row")).toHaveLength(51);
  expect(within(preview).getByText("·A0")).toBeTruthy();
  expect(within(preview).getByText("…and 10 more cells.")).toBeTruthy();

  fireEvent.click(within(preview).getByRole("button", { name: "Apply fix" }));
  await waitFor(() => expect(adapter.calls.applyFix).toHaveLength(1));
  expect(await screen.findByText(/Trim the spaces: 60 cells changed and checked again/)).toBeTruthy();
  expect(screen.getByText("Sheet1: 500 data rows checked, 2 errors, 0 warnings, 1 info.")).toBeTruthy();
  expect(screen.queryByRole("region", { name: "Fix preview" })).toBeNull();

  adapter.afterUndo = resultOf(FEW);
  fireEvent.click(screen.getAllByRole("button", { name: "Undo fix" })[0]);
  await waitFor(() => expect(adapter.calls.undoFix).toBe(1));
  expect(await screen.findByText("Sheet1: 500 data rows checked, 2 errors, 1 warning, 1 info.")).toBeTruthy();
  expect(screen.queryByRole("button", { name: "Undo fix" })).toBeNull();
});

test("cancelling the preview writes nothing, and a failing fix is reported", async () => {
  const adapter = await selectWhitespaceCell();
  fireEvent.click(screen.getByRole("button", { name: "Fix this" }));
  fireEvent.click(within(await screen.findByRole("region", { name: "Fix preview" })).getByRole("button", { name: "Cancel" }));
  await waitFor(() => expect(screen.queryByRole("region", { name: "Fix preview" })).toBeNull());
  expect(adapter.calls.applyFix).toHaveLength(0);

  adapter.failures.applyFix = new Error("The sheet is protected.");
  fireEvent.click(screen.getByRole("button", { name: "Fix this" }));
  fireEvent.click(within(await screen.findByRole("region", { name: "Fix preview" })).getByRole("button", { name: "Apply fix" }));
  expect((await screen.findByRole("alert")).textContent).toContain("The sheet is protected.");
});
