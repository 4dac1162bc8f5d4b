/// <reference types="office-js" />
/**
 * The task pane's entry: waits for Office, picks the theme, checks the API set and mounts the pane on the Excel
 * adapter. This file and src/excel/ are the only places that touch Office.*; the components get a WorkbookAdapter.
 */
import { createRoot } from "react-dom/client";
import { createExcelAdapter } from "../excel/adapter";
import { App } from "./components/App";
import { StartupMessage } from "./components/StartupMessage";
import { messageOf } from "./findings";
import { EXCEL_API, MIN_EXCEL_API } from "../excel/requirements";
import { themeFor, type OfficeThemeLike } from "./theme";

void Office.onReady((info) => {
  const container = document.getElementById("container");
  if (!container) return;
  const root = createRoot(container);
  const theme = themeFor(officeTheme());
  if (info.host !== Office.HostType.Excel) {
    root.render(<StartupMessage theme={theme} title="Open this in Excel" message="The Data Exchange pane works inside Excel: on the Home tab, select Data Exchange." />);
    return;
  }
  if (!Office.context.requirements.isSetSupported(EXCEL_API, MIN_EXCEL_API)) {
    root.render(
      <StartupMessage
        theme={theme}
        title="This Excel is too old for the add-in"
        message={`It needs ${EXCEL_API} ${MIN_EXCEL_API}: Excel 2021, Microsoft 365 version 1903 or later, Excel on the web, or Excel for Mac 16.24 or later.`}
      />,
    );
    return;
  }
  try {
    root.render(<App adapter={createExcelAdapter()} theme={theme} />);
  } catch (error) {
    root.render(<StartupMessage theme={theme} title="The add-in couldn't start" message={messageOf(error)} />);
  }
});

function officeTheme(): OfficeThemeLike | undefined {
  try {
    return Office.context.officeTheme ?? undefined;
  } catch {
    // Some hosts throw rather than return undefined when they have no theme to report.
    return undefined;
  }
}
