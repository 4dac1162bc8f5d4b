/**
 * The two demo tables of assets/samples: a clean Starter file and the same kind of file with typical clerk mistakes.
 * The sample CSV files hold exactly these cells; samples.test.ts checks that and what the engine finds in each.
 */

export const SAMPLE_HEADER = [
  "Account_ID", "Account_Full_Name", "Account_Email", "Account_Phone", "Billing_Address_Line1", "Billing_Address_Line2",
  "Location_ID", "Location_Address_Line1", "Location_Address_Line2", "Location_City", "Location_State", "Location_Zip", "Location_Latitude", "Location_Longitude",
  "Service_Point_ID", "Service_Point_Type", "Service_Point_Route", "Service_Point_Latitude", "Service_Point_Longitude",
  "Meter_ID", "Meter_SN", "Meter_Manufacturer", "Meter_Model", "Meter_Size", "Meter_Size_Unit",
  "Register_Number", "Register_Unit_Of_Measure", "Register_Resolution",
  "Meter_Install_Date", "Meter_Install_Start_Read", "Meter_Removal_Date", "Meter_Removal_End_Read",
  "SA_Start_Date", "Endpoint_SN", "Endpoint_Type", "Endpoint_Install_Date", "Endpoint_Removal_Date", "Read_Sequence",
];

type Sample = Partial<Record<(typeof SAMPLE_HEADER)[number], string>>;

const account = (id: string, name: string, email: string, line1: string, line2 = ""): Sample => ({
  Account_ID: id, Account_Full_Name: name, Account_Email: email, Account_Phone: "555-0142", Billing_Address_Line1: line1, Billing_Address_Line2: line2,
});
const location = (id: string, line1: string, line2: string, zip: string, lat: string, long: string): Sample => ({
  Location_ID: id, Location_Address_Line1: line1, Location_Address_Line2: line2, Location_City: "Springfield", Location_State: "IL", Location_Zip: zip, Location_Latitude: lat, Location_Longitude: long,
});
const service = (id: string, type: string, route: string, lat: string, long: string): Sample => ({
  Service_Point_ID: id, Service_Point_Type: type, Service_Point_Route: route, Service_Point_Latitude: lat, Service_Point_Longitude: long,
});
const meter = (id: string, sn: string, size: string, installed: string, extra: Sample = {}): Sample => ({
  Meter_ID: id, Meter_SN: sn, Meter_Manufacturer: "Badger Meter", Meter_Model: size === "3" ? "Recordall Compound" : "E-Series Ultrasonic", Meter_Size: size, Meter_Size_Unit: "INCHES",
  Register_Unit_Of_Measure: "GAL", Register_Resolution: "1", Meter_Install_Date: installed, ...extra,
});
const endpoint = (sn: string, installed: string, extra: Sample = {}): Sample => ({ Endpoint_SN: sn, Endpoint_Type: "M", Endpoint_Install_Date: installed, ...extra });

function rowsOf(records: Sample[]): string[][] {
  return records.map((r) => SAMPLE_HEADER.map((h) => r[h] ?? ""));
}

const jones = account("000101", "Riverside Apartments LLC", "billing@riverside-apts.example", "PO Box 118");
const riverside = location("0002001", "400 River Rd", "", "62701", "39.80012", "-89.64410");
const chen = account("000102", "Chen, Wei & Lin", "wchen@example.com", "17 Oak St", "_CLEAR_");
const oak = location("0002002", "17 Oak St", "Apt 4, Rear", "62702-1180", "39.78110", "-89.66002");
const patel = account("000103", "Priya Patel", "p.patel@example.net", "9 Elm Ct");
const elm = location("0002003", "9 Elm Ct", "", "62703", "39.77291", "-89.63017");
const okafor = account("000104", "Okafor, Chidi", "chidi.okafor@example.org", "PO Box 7, Station A");
const mill = location("0002004", "1200 Mill St", "Unit 2", "62704", "39.79044", "-89.67123");

/** A clean Starter file: compound meter, manual meter, _CLEAR_, quoted commas, leading zeros, a change-out. */
export const CLEAN_ROWS: string[][] = rowsOf([
  // A compound meter: one Meter_ID, low and high registers, an endpoint each.
  { ...jones, ...riverside, ...service("01", "W", "R07", "39.80020", "-89.64402"), ...meter("00030001", "19A44718", "3", "2018-06-04", { Register_Number: "L" }), SA_Start_Date: "2018-06-01", ...endpoint("1541000871", "2018-06-04"), Read_Sequence: "10" },
  { ...jones, ...riverside, ...service("01", "W", "R07", "39.80020", "-89.64402"), ...meter("00030001", "19A44718", "3", "2018-06-04", { Register_Number: "H" }), SA_Start_Date: "2018-06-01", ...endpoint("1541000872", "2018-06-04"), Read_Sequence: "10" },
  // A manually read meter: no endpoint.
  { ...chen, ...oak, ...service("01", "W", "R07", "39.78114", "-89.65998"), ...meter("00030002", "21B10007", "0.625", "2019-03-15"), SA_Start_Date: "2019-03-01", Read_Sequence: "20" },
  // A meter change-out, oldest row first.
  { ...patel, ...elm, ...service("01", "W", "R08", "39.77295", "-89.63011"), ...meter("00030003", "11C00412", "0.75", "2011-05-02", { Meter_Removal_Date: "2023-09-30", Meter_Removal_End_Read: "1873340" }), SA_Start_Date: "2011-05-01", ...endpoint("1541000873", "2011-05-02", { Endpoint_Removal_Date: "2023-09-30" }), Read_Sequence: "30" },
  { ...patel, ...elm, ...service("01", "W", "R08", "39.77295", "-89.63011"), ...meter("00030004", "23D55190", "0.75", "2023-09-30", { Meter_Install_Start_Read: "0" }), SA_Start_Date: "2011-05-01", ...endpoint("1541000874", "2023-09-30"), Read_Sequence: "30" },
  // Two services at one location: water and irrigation.
  { ...okafor, ...mill, ...service("01", "W", "R09", "39.79040", "-89.67120"), ...meter("00030005", "20E31002", "1", "2020-10-01"), SA_Start_Date: "2020-09-15", ...endpoint("1541000875", "2020-10-01"), Read_Sequence: "40" },
  { ...okafor, ...mill, ...service("02", "I", "R09", "39.79051", "-89.67131"), ...meter("00030006", "20E31003", "1", "2020-10-01"), SA_Start_Date: "2020-09-15", ...endpoint("1541000876", "2020-10-01"), Read_Sequence: "41" },
]);

/** Headers of the mistakes file: a typo and a legacy name among them. */
export const MISTAKES_HEADER = SAMPLE_HEADER.map((h) => (h === "Meter_Install_Date" ? "Meter_Instal_Date" : h === "Service_Point_Longitude" ? "SP_Longitude" : h));

const good = (n: number, extra: Sample = {}): Sample => {
  const id = String(200 + n).padStart(6, "0");
  return {
    ...account(id, `Customer ${n}`, `customer${n}@example.com`, `${100 + n} Lake Ave`),
    ...location(String(3000 + n).padStart(7, "0"), `${100 + n} Lake Ave`, "", "62705", "39.7600", "-89.6500"),
    ...service("01", "W", "R10", "39.7601", "-89.6501"),
    ...meter(String(40000 + n).padStart(8, "0"), `S${70000 + n}`, "0.625", "2020-01-15"),
    SA_Start_Date: "2020-01-01",
    ...endpoint(String(1541100000 + n), "2020-01-15"),
    Read_Sequence: String(n * 10),
    ...extra,
  };
};

/** About a dozen typical mistakes (listed in the comments) among good rows. */
export const MISTAKES_ROWS: string[][] = rowsOf([
  good(1),
  good(2, { SA_Start_Date: "03/15/2019" }), // date-format (row 3)
  good(3, { Service_Point_Type: "w" }), // invalid-code, "Write it as W" (row 4)
  good(4, { Account_Full_Name: " Maria Lopez " }), // whitespace (row 5)
  good(5, { Endpoint_SN: "ENDPOINT-SERIAL-12345" }), // too-long: 21 characters, Endpoint_SN takes 20 (row 6)
  good(6, { Meter_ID: "00049999", Register_Number: "" }), // compound meter without registers: rows 7 and 8
  good(6, { Meter_ID: "00049999", Register_Number: "", Endpoint_SN: "1541199999" }),
  good(8, { Endpoint_Type: "" }), // endpoint-type-missing (row 9)
  good(9),
  good(9), // duplicate-row (row 11 repeats row 10)
  good(11, { SA_Start_Date: "2021-02-30" }), // invalid-date (row 12)
  good(12, { Read_Sequence: "12.5" }), // not-integer (row 13)
  good(13, { Billing_Address_Line2: "_clear_" }), // clear-token-case (row 14)
  good(14, { Location_Zip: "6270" }), // pattern (row 15)
  good(15, { Register_Unit_Of_Measure: "gallons" }), // invalid-code (row 16)
  good(16, { Account_Email: "r.nguyen@example" }), // invalid-email (row 17)
  good(17),
  good(18, { Endpoint_Removal_Date: "2019-12-31" }), // removal-before-install: removed before its 2020-01-15 install (row 19)
  good(19),
  good(20, { Meter_ID: "_CLEAR_" }), // clear-not-allowed (row 21)
]);
