/**
 * The task pane as the workbench mounts it: the real App over the Excel adapter, exactly as src/taskpane/index.tsx
 * mounts it in Excel. The one place to change when the App's props grow (the import API client, settings).
 */
import type { ReactElement } from "react";
import { createExcelAdapter } from "../excel/adapter";
import type { ExcelWorkbookAdapter } from "../excel/types";
import { App } from "../taskpane/components/App";

/** The adapter over whatever host is installed at globalThis.Excel and Office (the workbench's fake one). */
export function createPaneAdapter(): ExcelWorkbookAdapter {
  return createExcelAdapter();
}

export function renderPane(adapter: ExcelWorkbookAdapter): ReactElement {
  return <App adapter={adapter} />;
}
