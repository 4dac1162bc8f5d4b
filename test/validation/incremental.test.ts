/**
 * Incremental re-checking: after a full run, replaceRows, insertRows and deleteRows must leave the session with exactly
 * the findings a fresh session over the edited table has, and must name every sheet row whose findings changed.
 */
import fc from "fast-check";
import { specById } from "../../src/spec";
import { validateTable, ValidationSession, type CellValue, type Exception } from "../../src/validation";
import { aaRow, STARTER_HEADER, withCode, where } from "./helpers";

const spec = specById("accounts-and-assets");
type Row = CellValue[];

/** Codes about the table as a whole; the add-in shows them in the task pane, not on a row. */
const FILE_CODES = new Set(["empty-file", "no-data-rows", "trailing-blank-rows", "trailing-blank-columns", "blank-row", "blank-header", "blank-column"]);

function sessionOf(header: readonly CellValue[], rows: readonly Row[]): ValidationSession {
  const session = new ValidationSession(spec, header);
  for (const row of rows) session.appendRow(row);
  session.exceptions();
  return session;
}

/** Row findings by data-row index, without the row number (which moves with the row). */
function byRow(exceptions: readonly Exception[], withMessages: boolean, headerRow = 1): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const e of exceptions) {
    if (e.row === null || e.row <= headerRow || FILE_CODES.has(e.code)) continue;
    const index = e.row - headerRow - 1;
    const list = out.get(index) ?? [];
    list.push(JSON.stringify(withMessages ? [e.code, e.column, e.severity, e.message] : [e.code, e.column, e.severity]));
    out.set(index, list);
  }
  return out;
}

type Edit =
  | { kind: "replace"; changes: Array<{ at: number; cells: Row }> }
  | { kind: "insert"; at: number; rows: Row[] }
  | { kind: "delete"; at: number; count: number };

/**
 * Applies an edit to the session and to the model table (rows with identities), and checks that every surviving or
 * new row whose findings differ is among the sheet rows the session returned. With `withMessages`, a finding whose
 * message names a row that moved ("repeats row 7" becoming "repeats row 6") counts as changed: the add-in shows the
 * message on the row, so a stale row number there misleads the user.
 */
function apply(session: ValidationSession, header: readonly CellValue[], model: Array<{ id: number; cells: Row }>, edit: Edit, nextId: () => number, withMessages = true): void {
  const before = byRow(session.exceptions(), withMessages);
  const beforeById = new Map(model.map((r, i) => [r.id, before.get(i) ?? []]));
  let returned: number[];
  const fresh = new Set<number>();
  if (edit.kind === "replace") {
    const changes = edit.changes.map(({ at, cells }) => ({ index: at % model.length, cells }));
    for (const { index, cells } of changes) model[index] = { id: model[index].id, cells };
    returned = session.replaceRows(changes);
  } else if (edit.kind === "insert") {
    const at = edit.at % (model.length + 1);
    const added = edit.rows.map((cells) => ({ id: nextId(), cells }));
    for (const a of added) fresh.add(a.id);
    model.splice(at, 0, ...added);
    returned = session.insertRows(at, edit.rows);
  } else {
    const at = edit.at % model.length;
    const count = Math.min(edit.count, model.length - at);
    model.splice(at, count);
    returned = session.deleteRows(at, count);
  }
  const got = session.exceptions();
  expect(got).toEqual(validateTable(spec, { header, rows: model.map((r) => r.cells) }));
  const after = byRow(got, withMessages);
  const shouldReturn: number[] = [];
  model.forEach((r, i) => {
    const now = after.get(i) ?? [];
    const then = fresh.has(r.id) ? [] : beforeById.get(r.id) ?? [];
    if (JSON.stringify(now) !== JSON.stringify(then)) shouldReturn.push(i + 2);
  });
  expect(shouldReturn.filter((row) => !returned.includes(row))).toEqual([]);
}

const row = (i: number, o: Record<string, CellValue> = {}): Row => STARTER_HEADER.map((h) => aaRow(i, o)[h]);

describe("examples", () => {
  function run(rows: Row[], edit: Edit): { session: ValidationSession; model: Array<{ id: number; cells: Row }> } {
    const session = sessionOf(STARTER_HEADER, rows);
    const model = rows.map((cells, id) => ({ id, cells }));
    let id = rows.length;
    apply(session, STARTER_HEADER, model, edit, () => id++);
    return { session, model };
  }

  test("replacing a duplicate row fixes both rows' findings", () => {
    const { session } = run([row(0), row(1), row(0)], { kind: "replace", changes: [{ at: 2, cells: row(2) }] });
    expect(withCode(session.exceptions(), "duplicate-row")).toEqual([]);
  });

  test("a replacement that makes a second register of a meter creates a compound-meter problem on both rows", () => {
    const { session } = run([row(0), row(1), row(2)], { kind: "replace", changes: [{ at: 1, cells: row(0, { Endpoint_SN: "EP-H" }) }] });
    expect(withCode(session.exceptions(), "compound-register-missing").map((e) => e.row)).toEqual([2, 3]);
  });

  test("fixing one register of a compound meter leaves the other flagged", () => {
    const { session } = run([row(0), row(0, { Endpoint_SN: "EP-H" })], { kind: "replace", changes: [{ at: 0, cells: row(0, { Register_Number: "L" }) }] });
    expect(withCode(session.exceptions(), "compound-register-missing").map((e) => e.row)).toEqual([3]);
  });

  test("inserting above a finding moves it down and renumbers the rows its message names", () => {
    const { session } = run([row(0), row(1), row(0)], { kind: "insert", at: 0, rows: [row(5), row(6)] });
    const [dup] = withCode(session.exceptions(), "duplicate-row");
    expect(where(dup)).toEqual({ code: "duplicate-row", row: 6, column: null, severity: "error" });
    expect(dup.message).toContain("row 4");
  });

  test("inserting a row that duplicates an existing one", () => {
    const { session } = run([row(0), row(1)], { kind: "insert", at: 1, rows: [row(1)] });
    expect(withCode(session.exceptions(), "duplicate-row").map((e) => e.row)).toEqual([4]);
  });

  test("deleting a duplicate removes the finding; rows below move up", () => {
    const { session } = run([row(0), row(0), row(1, { Account_ID: "" })], { kind: "delete", at: 1, count: 1 });
    const found = session.exceptions();
    expect(withCode(found, "duplicate-row")).toEqual([]);
    expect(withCode(found, "required").map(where)).toEqual([{ code: "required", row: 3, column: "Account_ID", severity: "error" }]);
  });

  test("deleting the first of three duplicate rows makes the second the original", () => {
    const { session } = run([row(1), row(0), row(0), row(0)], { kind: "delete", at: 1, count: 1 });
    const dups = withCode(session.exceptions(), "duplicate-row");
    expect(dups.map((e) => e.row)).toEqual([4]);
    expect(dups[0].message).toContain("row 3");
  });

  test("deleting rows above a cross-row finding renumbers the row its message names", () => {
    run([row(5), row(6), row(0), row(0)], { kind: "delete", at: 0, count: 2 });
  });

  test("blank rows: filling in a blank row inside the data, and blanking a row", () => {
    const blank = STARTER_HEADER.map(() => "");
    const { session } = run([row(0), blank, row(1)], { kind: "replace", changes: [{ at: 1, cells: row(2) }] });
    expect(withCode(session.exceptions(), "blank-row")).toEqual([]);
    run([row(0), row(1), row(2)], { kind: "replace", changes: [{ at: 1, cells: blank }] });
  });

  test("rowExceptions gives a row's own findings, cross-row ones included", () => {
    const session = sessionOf(STARTER_HEADER, [row(0), row(1, { Read_Sequence: "x" }), row(0)]);
    expect(session.rowExceptions(2).map((e) => e.code)).toEqual(["duplicate-row"]);
    expect(session.rowExceptions(1).map(where)).toEqual([{ code: "not-number", row: 3, column: "Read_Sequence", severity: "error" }]);
  });

  test("edits out of range are refused", () => {
    const session = sessionOf(STARTER_HEADER, [row(0)]);
    expect(() => session.deleteRows(1, 1)).toThrow(RangeError);
    expect(() => session.insertRows(3, [row(1)])).toThrow(RangeError);
    expect(() => session.replaceRows([{ index: 5, cells: row(1) }])).toThrow(RangeError);
  });
});

/** Small pools, so that duplicates, conflicts, compound meters and shared service points happen often. */
const HEADER = ["Account_ID", "Account_Full_Name", "Location_ID", "Service_Point_ID", "Meter_ID", "Register_Number", "Endpoint_SN", "Endpoint_Type", "Meter_Install_Date", "Meter_Removal_Date", "SA_Start_Date", "Read_Sequence"];
const POOLS: CellValue[][] = [
  ["A1", "A2", "", "_CLEAR_"],
  ["Ann", "Bob", ""],
  ["L1", "L2"],
  ["1", "2", ""],
  ["M1", "M2", "M3", ""],
  ["", "", "L", "0", "H", "2", "x"],
  ["E1", "E2", ""],
  ["M", "", "MM"],
  ["2020-01-01", "2021-06-01", "", "01/02/2020"],
  ["", "", "2022-01-01", "2019-01-01"],
  ["2019-01-01", "2022-01-01", ""],
  ["1", "2.5", "", 3],
];
const cellsArb: fc.Arbitrary<Row> = fc.oneof(
  { weight: 10, arbitrary: fc.tuple(...POOLS.map((pool) => fc.constantFrom(...pool))) },
  { weight: 1, arbitrary: fc.constant(HEADER.map(() => "")) },
  { weight: 1, arbitrary: fc.tuple(...POOLS.map((pool) => fc.constantFrom(...pool))).map((cells) => cells.slice(0, 6)) },
);
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), changes: fc.array(fc.record({ at: fc.nat(), cells: cellsArb }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), rows: fc.array(cellsArb, { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), count: fc.integer({ min: 0, max: 3 }) }),
);

function property(withMessages: boolean): void {
  fc.assert(
    fc.property(fc.array(cellsArb, { minLength: 1, maxLength: 12 }), fc.array(editArb, { minLength: 1, maxLength: 6 }), (rows, edits) => {
      const session = sessionOf(HEADER, rows);
      const model = rows.map((cells, id) => ({ id, cells }));
      let id = rows.length;
      for (const edit of edits) {
        if (model.length === 0 && edit.kind !== "insert") continue;
        apply(session, HEADER, model, edit, () => id++, withMessages);
      }
    }),
    { numRuns: 300 },
  );
}

test("property: incremental edits give the same findings as a fresh run and name every row whose findings changed", () => {
  property(false);
});

test("property: ...including rows whose message names a row that moved", () => {
  property(true);
});
