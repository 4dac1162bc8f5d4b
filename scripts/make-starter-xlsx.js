#!/usr/bin/env node
/**
 * Writes assets/samples/starter-with-mistakes.xlsx from assets/samples/starter-with-mistakes.csv: the same rows as an
 * Excel user would hold them, plus the mistakes only a workbook can make, for the workbench's "Load sample" and the
 * browser tests. Run it again after changing the CSV: `node scripts/make-starter-xlsx.js`.
 *
 * What Excel holds differently from the CSV's text:
 * - dates written YYYY-MM-DD are real dates (serial numbers shown with a yyyy-mm-dd format), as Excel makes of them;
 *   dates written otherwise stay text ("03/15/2019", and a "2020/01/15" added here): a date held as text;
 * - Account_ID of the first data rows is a number shown with a "000000" format, so the cell reads 000201 but the
 *   file would carry 201: an ID stored as a number.
 * The output is deterministic (fixed creation dates), so regenerating an unchanged sample changes nothing but zip
 * timestamps.
 */
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const Papa = require("papaparse");

const ROOT = path.join(__dirname, "..");
const SOURCE = path.join(ROOT, "assets", "samples", "starter-with-mistakes.csv");
const TARGET = path.join(ROOT, "assets", "samples", "starter-with-mistakes.xlsx");

/** Sheet rows (header = 1) whose Account_ID becomes a number with a leading-zero format. */
const NUMBER_ID_ROWS = [2, 3, 4, 5, 6];
/** An extra date held as text, at [sheet row, column]. */
const TEXT_DATE = { row: 9, column: "Endpoint_Install_Date", value: "2020/01/15" };
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1));

async function main() {
  const text = fs.readFileSync(SOURCE, "utf8").replace(/^\uFEFF/, "");
  const parsed = Papa.parse(text, { skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`${SOURCE}: ${parsed.errors[0].message}`);
  const [header, ...rows] = parsed.data;
  const dateColumns = new Set(header.map((name, i) => (/_Date$/.test(name) ? i : -1)).filter((i) => i >= 0));

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Data Exchange add-in";
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(header).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];

  rows.forEach((values, i) => {
    const sheetRow = i + 2;
    const row = sheet.addRow(values);
    values.forEach((value, c) => {
      const cell = row.getCell(c + 1);
      const name = header[c];
      if (name === TEXT_DATE.column && sheetRow === TEXT_DATE.row) {
        cell.value = TEXT_DATE.value;
      } else if (dateColumns.has(c) && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const [y, m, d] = value.split("-").map(Number);
        cell.value = new Date(Date.UTC(y, m - 1, d));
        cell.numFmt = "yyyy-mm-dd";
      } else if (name === "Account_ID" && NUMBER_ID_ROWS.includes(sheetRow) && /^\d+$/.test(value)) {
        cell.value = Number(value);
        cell.numFmt = "0".repeat(value.length);
      }
    });
  });
  header.forEach((name, c) => (sheet.getColumn(c + 1).width = Math.max(10, Math.min(28, name.length + 2))));

  await workbook.xlsx.writeFile(TARGET);
  process.stdout.write(`wrote ${path.relative(ROOT, TARGET)}: ${rows.length} data rows\n`);
}

main().catch((error) => {
  process.stderr.write(`make-starter-xlsx: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
