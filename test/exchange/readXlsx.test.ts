import ExcelJS from "exceljs";
import { readXlsx } from "../../src/exchange";

/** A small accounts sheet with the cell kinds that trip CSV exports up, plus a second sheet. */
async function workbookBytes(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Accounts");
  sheet.addRow(["Account_ID", "Meter_ID", "Meter_Install_Date", "Multiplier", "Notes"]);
  sheet.addRow(["00123", 1234567890123, new Date(Date.UTC(2021, 2, 4)), { formula: "2*5", result: 10 }, { richText: [{ text: "rich " }, { text: "text" }] }]);
  sheet.addRow([]); // a blank row in the middle
  sheet.addRow(["00456", "M-2", null, { formula: "NA()", result: { error: "#N/A" } }, { text: "a link", hyperlink: "https://example.com" }]);
  sheet.addRow(["00789", "M-3", 44259, true]);
  sheet.getCell("C2").numFmt = "yyyy-mm-dd";
  sheet.getCell("A2").numFmt = "@";
  sheet.getCell("C5").numFmt = "0";
  workbook.addWorksheet("Lookups").addRow(["Code", "Meaning"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("readXlsx", () => {
  it("reads the first sheet as a table of stored values", async () => {
    const { sheetName, sheets, table } = await readXlsx(await workbookBytes());
    expect(sheetName).toBe("Accounts");
    expect(sheets).toEqual(["Accounts", "Lookups"]);
    expect(table.header).toEqual(["Account_ID", "Meter_ID", "Meter_Install_Date", "Multiplier", "Notes"]);
    expect(table.rows).toEqual([
      ["00123", 1234567890123, 44259, 10, "rich text"],
      [],
      ["00456", "M-2", null, "#N/A", "a link"],
      ["00789", "M-3", 44259, true, null],
    ]);
    expect(table.formats).toEqual([
      ["@", null, "yyyy-mm-dd", null, null],
      [],
      [null, null, null, null, null],
      [null, null, "0", null, null],
    ]);
  });

  it("reads the sheet it is asked for", async () => {
    const { sheetName, table } = await readXlsx(await workbookBytes(), { sheet: "Lookups" });
    expect(sheetName).toBe("Lookups");
    expect(table.header).toEqual(["Code", "Meaning"]);
    expect(table.rows).toEqual([]);
  });

  it("names the sheets when asked for one that is not there", async () => {
    await expect(readXlsx(await workbookBytes(), { sheet: "Meters" })).rejects.toThrow(
      'The workbook has no sheet named "Meters"; its sheets are "Accounts", "Lookups".',
    );
  });

  it("rejects a damaged workbook with one plain sentence", async () => {
    const garbage = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("not really a zip file at all")]);
    await expect(readXlsx(garbage)).rejects.toThrow(/^The file cannot be opened as an Excel workbook \(\.xlsx\): it is damaged/);
  });

  it.each([
    ["CSV text", Buffer.from("Account_ID\n1\n"), "This file is text, not an Excel workbook (.xlsx); read it as a CSV file."],
    ["a PNG", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "This is a PNG image, not an Excel workbook (.xlsx)."],
    ["an old .xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "This is an old-style Excel workbook (.xls); open it in Excel and save it as .xlsx or CSV UTF-8."],
  ])("rejects %s with a message saying what it is", async (_, bytes, message) => {
    await expect(readXlsx(bytes)).rejects.toThrow(message);
  });

  it("says when the path does not exist", async () => {
    await expect(readXlsx("/no/such/book.xlsx")).rejects.toThrow("Cannot open /no/such/book.xlsx: no such file.");
  });
});
