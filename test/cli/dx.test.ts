import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, openSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDx } from "../../src/cli/run";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function dx(...argv: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await runDx(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const SAMPLES = join(__dirname, "..", "..", "assets", "samples");
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dx-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const HEADER = "Account_ID,Location_ID,Service_Point_ID,Service_Point_Type,Meter_ID,Endpoint_SN,Endpoint_Type\r\n";

/** A user never sees a stack trace: every failure is one line that starts with "dx:". */
function expectOneLineError(run: Run, pattern: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).toMatch(/^dx: /);
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("dx validate: exit status and formats", () => {
  test("the clean starter sample has no errors and no warnings: exit 0", async () => {
    const run = await dx("validate", join(SAMPLES, "starter-clean.csv"), "--format", "json");
    const report = JSON.parse(run.stdout);
    expect(Object.keys(report)).toEqual(["importType", "rows", "errors", "warnings", "exceptions"]);
    expect(report).toMatchObject({ importType: "accounts-and-assets", errors: 0, warnings: 0 });
    expect(report.rows).toBeGreaterThan(5);
    expect(run.code).toBe(0);
  });

  test("the sample with mistakes has errors: exit 1, every exception has exactly the six keys", async () => {
    const run = await dx("validate", join(SAMPLES, "starter-with-mistakes.csv"), "--format", "json");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.errors).toBeGreaterThan(0);
    for (const e of report.exceptions) expect(Object.keys(e)).toEqual(["row", "column", "severity", "code", "component", "message"]);
  });

  test("warnings alone still exit 0", async () => {
    const path = file("warn.csv", HEADER + "A1,L1,1,W,M1, E1 ,M\r\n");
    const run = await dx("validate", path, "--format", "json");
    const report = JSON.parse(run.stdout);
    expect(report.errors).toBe(0);
    expect(report.exceptions.map((e: { code: string }) => e.code)).toContain("whitespace");
    expect(run.code).toBe(0);
  });

  test("text format summarises per column and lists findings with their rows", async () => {
    const path = file("text.csv", HEADER + "A1,L1,1,X,M1,E1,\r\n");
    const run = await dx("validate", path);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/Accounts and Assets, 1 record: 2 errors/);
    expect(run.stdout).toMatch(/By column:/);
    expect(run.stdout).toMatch(/\n\s+2\s+Service_Point_Type\s+error\s+invalid-code/);
  });

  test("csv format is the exceptions report, with formula-like cells neutralised", async () => {
    const path = file("formula.csv", "=cmd|' /C calc'!A0,Account_ID,Location_ID,Meter_ID\r\nx,A1,L1,M1\r\n");
    const out = join(dir, "report.csv");
    const run = await dx("validate", path, "--type", "accounts-and-assets", "--format", "csv", "--out", out);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const report = readFileSync(out, "utf8").split("\r\n");
    expect(report[0]).toBe("row,column,severity,code,component,message");
    const unknown = report.find((line) => line.includes("unknown-column"));
    expect(unknown).toMatch(/^1,'=cmd\|' \/C calc'!A0,error,unknown-column,/);
  });

  test("--type forces a type and accepts the Activity List label", async () => {
    const path = file("typed.csv", HEADER + "A1,L1,1,W,M1,E1,M\r\n");
    const run = await dx("validate", path, "--type", "Transaction History", "--format", "json");
    const report = JSON.parse(run.stdout);
    expect(report.importType).toBe("transaction-history");
    expect(report.exceptions.some((e: { code: string }) => e.code === "missing-column")).toBe(true);
  });

  test("--spec applies a utility's overrides", async () => {
    const path = file("long.csv", HEADER + "A1,L1,1,W,METER-0001,E1,M\r\n");
    const spec = file("spec.json", JSON.stringify({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLength: 5 } } } } }));
    const plain = JSON.parse((await dx("validate", path, "--format", "json")).stdout);
    const strict = JSON.parse((await dx("validate", path, "--format", "json", "--spec", spec)).stdout);
    expect(plain.errors).toBe(0);
    expect(strict.exceptions.filter((e: { severity: string }) => e.severity !== "info")).toEqual([expect.objectContaining({ row: 2, column: "Meter_ID", code: "too-long" })]);
  });

  test("an xlsx workbook is read with its number formats: a numeric ID is flagged, a date cell is accepted", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Accounts");
    sheet.addRow(["Account_ID", "Location_ID", "Meter_ID", "SA_Start_Date"]);
    sheet.addRow(["000123", 4567, "M1", new Date(Date.UTC(2021, 2, 4))]);
    sheet.getCell("D2").numFmt = "yyyy-mm-dd";
    const path = join(dir, "book.xlsx");
    await workbook.xlsx.writeFile(path);
    const run = await dx("validate", path, "--format", "json");
    const report = JSON.parse(run.stdout);
    expect(report.errors).toBe(0);
    expect(report.exceptions.filter((e: { severity: string }) => e.severity !== "info")).toEqual([
      expect.objectContaining({ row: 2, column: "Location_ID", code: "number-stored-id", severity: "warning" }),
    ]);
    expect(run.code).toBe(0);
  });
});

test("--sheet picks a worksheet; a sheet that is not there is one line naming the sheets", async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Notes").addRow(["just notes"]);
  const data = workbook.addWorksheet("Data");
  data.addRow(["Account_ID", "Location_ID", "Meter_ID"]);
  data.addRow(["A1", "L1", "M1"]);
  const path = join(dir, "two-sheets.xlsx");
  await workbook.xlsx.writeFile(path);
  const picked = await dx("validate", path, "--sheet", "Data", "--format", "json");
  expect(JSON.parse(picked.stdout)).toMatchObject({ importType: "accounts-and-assets", rows: 1, errors: 0 });
  expectOneLineError(await dx("validate", path, "--sheet", "Data2"), /no sheet named "Data2"; its sheets are "Notes", "Data"/);
});

describe("dx validate: files that cannot be checked get one line or a file-level finding, exit 2", () => {
  test("a missing file", async () => expectOneLineError(await dx("validate", join(dir, "nope.csv")), /no such file/));
  test("a folder", async () => expectOneLineError(await dx("validate", dir), /is a folder/));
  test("an unknown option", async () => expectOneLineError(await dx("validate", "x.csv", "--colour"), /--colour/));
  test("an --out path that cannot be written", async () => expectOneLineError(await dx("validate", join(SAMPLES, "starter-clean.csv"), "--out", join(dir, "no-such-folder", "r.txt")), /--out .*cannot be written \(ENOENT\)/));
  test("an unknown format", async () => expectOneLineError(await dx("validate", "x.csv", "--format", "xml"), /text, json or csv/));
  test("an unknown --type", async () => expectOneLineError(await dx("validate", file("t.csv", HEADER), "--type", "meters"), /accounts-and-assets/));
  test("a bad --spec names the bad key", async () => {
    const spec = file("bad-spec.json", JSON.stringify({ types: { "accounts-and-assets": { columns: { Meter_ID: { maxLength: "ten" } } } } }));
    expectOneLineError(await dx("validate", file("s.csv", HEADER), "--spec", spec), /types\.accounts-and-assets\.columns\.Meter_ID\.maxLength/);
  });
  test("no arguments prints the usage", async () => {
    const run = await dx();
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Usage: dx validate/);
  });

  async function fileFailure(path: string, code: string): Promise<void> {
    const run = await dx("validate", path, "--format", "json");
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    const errors = report.exceptions.filter((e: { severity: string }) => e.severity === "error");
    expect(errors.map((e: { code: string }) => e.code)).toEqual([code]);
    expect(errors[0]).toMatchObject({ row: null, column: null, severity: "error", component: "File" });
  }

  test("an empty file", () => fileFailure(file("empty.csv", ""), "empty-file"));
  test("a header with no data", () => fileFailure(file("header.csv", HEADER), "no-data-rows"));
  test("an image", () => fileFailure(file("photo.csv", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")), "not-csv"));
  test("a tab-delimited file", () => fileFailure(file("tabs.csv", HEADER.replace(/,/g, "\t") + "A1\tL1\t1\tW\tM1\t\t\r\n"), "delimiter"));
  test("a Windows-1252 file", () => fileFailure(file("ansi.csv", Buffer.concat([Buffer.from(HEADER), Buffer.from("A1,L1,1,W,M1,,\r\nJos\xe9,L2,1,W,M2,,\r\n", "latin1")])), "encoding"));
  test("a header that fits no import type", () => fileFailure(file("other.csv", "Name,Amount\r\nx,1\r\n"), "unknown-import-type"));
  test("a file over 70 MB, refused before it is read", async () => {
    const path = join(dir, "huge.csv");
    closeSync(openSync(path, "w"));
    truncateSync(path, 71 * 1024 * 1024);
    await fileFailure(path, "file-too-large");
  });
});

test("in text format, a file that cannot be checked is one line on stderr and nothing on stdout", async () => {
  const run = await dx("validate", file("photo2.csv", Buffer.from("89504e470d0a1a0a0000000d49484452", "hex")));
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^dx: .*photo2\.csv: This is a PNG image[^\n]*\n$/);
});
