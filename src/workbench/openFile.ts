/** A picked or fetched file as a workbook for the fake host, by its extension: .csv as text cells, .xlsx as Excel holds it. */
import type { FakeWorkbookSpec } from "../../test/fakes";
import { csvWorkbook } from "./csvWorkbook";
import { xlsxWorkbook } from "./xlsxWorkbook";

/** The sample the "Load sample" button opens, shipped beside the page (copied from assets/samples/). */
export const SAMPLE_FILE = "starter-with-mistakes.xlsx";
export const SAMPLE_URL = `samples/${SAMPLE_FILE}`;

export async function workbookOf(name: string, bytes: ArrayBuffer): Promise<FakeWorkbookSpec> {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (extension === "csv" || extension === "txt") return csvWorkbook(new TextDecoder("utf-8").decode(bytes), name);
  if (extension === "xlsx" || extension === "xlsm") return xlsxWorkbook(bytes, name);
  throw new Error(`${name}: open a .csv or .xlsx file.`);
}

export async function fetchSample(): Promise<ArrayBuffer> {
  const response = await fetch(SAMPLE_URL);
  if (!response.ok) throw new Error(`The sample could not be loaded (${response.status} ${response.statusText}).`);
  return response.arrayBuffer();
}
