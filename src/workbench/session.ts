/**
 * One open workbook: a fake Excel host holding it, installed as globalThis.Excel and Office, and the task pane's
 * adapter over it. Opening another file ends the session (the adapter removes its event handlers from this host
 * first) and starts a new one, as closing a workbook and opening another would in Excel.
 */
import type { ExcelWorkbookAdapter } from "../excel/types";
import { fakeHost, type FakeExcelHost, type FakeWorkbookSpec } from "../../test/fakes";
import { createPaneAdapter } from "./pane";

export interface Session {
  /** Changes with every workbook opened: the pane is remounted for each. */
  id: number;
  /** The file the workbook came from. */
  fileName: string;
  host: FakeExcelHost;
  adapter: ExcelWorkbookAdapter;
  close(): Promise<void>;
}

/** What the page exposes for browser tests and the console: the open session. Not an API of the add-in. */
export interface WorkbenchGlobal {
  session: Session | null;
}

let opened = 0;

export function startSession(fileName: string, workbook: FakeWorkbookSpec): Session {
  // Microsoft 365's API set, so notes and triggerSource behave as in current Excel.
  const host = fakeHost(workbook, { apiVersion: "1.18", author: "Workbench User" });
  const uninstall = host.install();
  const adapter = createPaneAdapter();
  const session: Session = {
    id: ++opened,
    fileName,
    host,
    adapter,
    async close() {
      try {
        await adapter.dispose();
      } finally {
        uninstall();
        if (exposed().session === session) exposed().session = null;
      }
    },
  };
  exposed().session = session;
  return session;
}

function exposed(): WorkbenchGlobal {
  const g = globalThis as unknown as { workbench?: WorkbenchGlobal };
  g.workbench ??= { session: null };
  return g.workbench;
}
