import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readCsvText } from "../../src/exchange";
import { readStreamed } from "./csvReading";

const SPECTRUM = join(__dirname, "../../node_modules/csv-spectrum");
const cases = readdirSync(join(SPECTRUM, "csvs"))
  .filter((name) => name.endsWith(".csv"))
  .map((name) => name.replace(/\.csv$/, ""));

type Record = { [header: string]: string };

/**
 * The expected records of a case. Upstream's location_coordinates.json is a lone object (not an array) whose phone
 * number (1234567890) is not the one in its CSV (2095257564); the other three fields match, so we take the CSV's number.
 */
function expected(name: string): Record[] {
  const parsed: Record | Record[] = JSON.parse(readFileSync(join(SPECTRUM, "json", `${name}.json`), "utf8"));
  const records = Array.isArray(parsed) ? parsed : [parsed];
  if (name === "location_coordinates") records[0]["Contact Phone Number"] = "2095257564";
  return records;
}

function asRecords(header: string[], rows: string[][]): Record[] {
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i]])));
}

describe("csv-spectrum", () => {
  it("has its cases installed", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  describe.each(cases)("%s", (name) => {
    const bytes = readFileSync(join(SPECTRUM, "csvs", `${name}.csv`));

    it("reads as text", () => {
      const { header, rows, fileFindings } = readCsvText(bytes.toString("utf8"));
      expect(fileFindings).toEqual([]);
      expect(asRecords(header, rows)).toEqual(expected(name));
    });

    it.each([65536, 7, 1])("reads as a stream in %i-byte chunks", async (chunkSize) => {
      const read = await readStreamed(bytes, chunkSize);
      expect(read.fileFindings).toEqual([]);
      expect(read.header).not.toBeNull();
      expect(asRecords(read.header ?? [], read.rows)).toEqual(expected(name));
      expect(read.dataRows).toBe(read.rows.length);
      expect(read.bytes).toBe(bytes.length);
    });
  });
});
