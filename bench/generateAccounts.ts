import { createWriteStream } from "node:fs";

/**
 * Writes a realistic Accounts and Assets file for benchmarks: 40 columns, compound meters, manual meters, and about
 * `badRate` of the cells spoiled the ways clerks spoil them. Seeded, so two runs write the same bytes.
 */
export const BENCH_COLUMNS = [
  "Account_ID", "Account_First_Name", "Account_Last_Name", "Account_Full_Name", "Account_Email", "Account_Phone",
  "Billing_Address_Line1", "Billing_City", "Billing_State", "Billing_Zip", "Location_ID", "Location_Address_Line1",
  "Location_City", "Location_State", "Location_Zip", "Location_Latitude", "Location_Longitude", "Location_Year_Built",
  "Service_Point_ID", "Service_Point_Type", "Service_Point_Route", "Service_Point_Cycle", "Meter_ID", "Meter_SN",
  "Meter_Manufacturer", "Meter_Model", "Meter_Size", "Meter_Size_Unit", "Meter_Continuous_Flow", "Register_Number",
  "Register_Unit_Of_Measure", "Register_Resolution", "Meter_Install_Date", "Endpoint_SN", "Endpoint_Type",
  "Endpoint_Install_Date", "SA_Start_Date", "Read_Sequence", "Account_Paperless", "Utility_Use_1",
];

/** Mulberry32: a tiny seeded generator, so the benchmark file is the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Pine Rd", "Elm St", "Lake View Blvd"];
const CITIES = ["Milwaukee", "Madison", "Green Bay", "Kenosha", "Racine"];
const FIRST = ["Maria", "James", "Li", "Fatima", "John", "Ana", "Robert", "Priya"];
const LAST = ["Garcia", "Smith", "Chen", "Khan", "Johnson", "Silva", "Brown", "Patel"];
/** Share of cells spoiled: about 1%, as the issue sets. */
const BAD_RATE = 0.01;
const SPOILERS: Array<(value: string) => string> = [
  (v) => ` ${v}`, // stray space
  (v) => v + "x".repeat(70), // too long for most columns
  () => "02/30/2021", // not ISO and impossible
  () => "w", // lower-case code
  () => "12.5.1", // not a number
];

/** One data row for record `i`; compound meters take two consecutive rows with L and H registers. */
export function accountRow(i: number, random: () => number): string[] {
  const pair = Math.floor(i / 2);
  const compound = pair % 10 === 0; // one meter in ten is compound
  const id = compound ? pair : i;
  const manual = id % 17 === 0;
  const first = FIRST[id % FIRST.length];
  const last = LAST[(id >> 3) % LAST.length];
  const street = `${100 + (id % 900)} ${STREETS[id % STREETS.length]}`;
  const city = CITIES[id % CITIES.length];
  const zip = String(53000 + (id % 999)).padStart(5, "0");
  const day = String(1 + (id % 28)).padStart(2, "0");
  const month = String(1 + (id % 12)).padStart(2, "0");
  const row = [
    `AC${String(id).padStart(9, "0")}`, first, last, `${first} ${last}`, `${first.toLowerCase()}.${id}@example.com`,
    `414-555-${String(id % 10000).padStart(4, "0")}`, street, city, "WI", zip, `LOC${String(id).padStart(8, "0")}`,
    street, city, "WI", zip, (43 + (id % 1000) / 1000).toFixed(6), (-88 - (id % 1000) / 1000).toFixed(6),
    String(1950 + (id % 70)), "1", "W", `R${id % 40}`, `C${id % 12}`, `MTR${String(id).padStart(9, "0")}`,
    `SN${String(id).padStart(10, "0")}`, "Badger Meter", "E-Series Ultrasonic", "0.625", "INCHES", "N",
    compound ? (i % 2 === 0 ? "L" : "H") : "", "GAL", "1.0", `2019-${month}-${day}`,
    manual ? "" : `EP${String(i).padStart(9, "0")}`, manual ? "" : "M", manual ? "" : `2019-${month}-${day}`,
    `2020-${month}-${day}`, String(id % 5000), id % 3 === 0 ? "Y" : "N", "",
  ];
  for (let c = 0; c < row.length; c++) {
    if (random() < BAD_RATE) row[c] = SPOILERS[Math.floor(random() * SPOILERS.length)](row[c]);
  }
  return row;
}



function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",") + "\r\n";
}

/** Writes `rows` data rows (or rows until `targetBytes`) to `path`; resolves to the rows and bytes written. */
export async function writeAccountsFile(path: string, rows: number, seed = 42, targetBytes = 0): Promise<{ rows: number; bytes: number }> {
  const random = seeded(seed);
  const out = createWriteStream(path);
  let bytes = 0;
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      bytes += Buffer.byteLength(text);
      if (out.write(text)) resolve();
      else out.once("drain", resolve);
    });
  await write(csvLine(BENCH_COLUMNS));
  let written = 0;
  let batch = "";
  while (targetBytes > 0 ? bytes + batch.length < targetBytes : written < rows) {
    batch += csvLine(accountRow(written, random));
    written++;
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = "";
    }
  }
  await write(batch);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { rows: written, bytes };
}
