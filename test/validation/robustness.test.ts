/** validateTable must never throw, whatever a sheet or a broken CSV hands it. */
import fc from "fast-check";
import { IMPORT_SPECS } from "../../src/spec";
import { CATALOGUE, validateTable, ValidationSession, type CellValue } from "../../src/validation";

const SEVERITIES = ["error", "warning", "info"];

/** Header cells: real column names (some misspelt or cased), blanks, nulls and numbers. */
function headerCell(names: string[]): fc.Arbitrary<CellValue> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => n.toLowerCase().replace(/_/g, " ")) },
    { weight: 1, arbitrary: fc.constantFrom("", " ", null, undefined, 0, 42, true, "SP_Longitude", "Meter_Instal_Date", "Location_WFR", "_CLEAR_") },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("", " ", "_CLEAR_", "_clear_", "L", "0", "H", "2", "W", "Y", "N", "2021-02-30", "2021-01-15", "2021-01-15 10:00", "01/15/2021", "12.5", "1,234", "-0", "1e5", "NaN", "\u00a0x\u00a0", "a@b.co") },
  { weight: 2, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, Infinity, -Infinity, NaN, 1e21, 44197, -1, 3e6) },
);

const format = fc.constantFrom(null, undefined, "General", "@", "0%", "0.00%", "m/d/yyyy", "yyyy-mm-dd hh:mm", "00000", "#,##0.00", "[Red]0.0", '"x"0');

test.each(IMPORT_SPECS.map((s) => [s.label, s] as const))("validateTable never throws on arbitrary %s tables", (_, spec) => {
  const names = spec.columns.map((c) => c.name);
  fc.assert(
    fc.property(
      fc.array(headerCell(names), { maxLength: 14 }),
      fc.array(fc.array(cellValue, { maxLength: 16 }), { maxLength: 8 }),
      fc.array(fc.array(format, { maxLength: 16 }), { maxLength: 8 }),
      (header, rows, formats) => {
        const found = validateTable(spec, { header, rows, formats });
        // A value may itself hold braces; only a table without them proves every placeholder was filled.
        const braces = JSON.stringify([header, rows]).includes("{");
        for (const e of found) {
          expect(e.code in CATALOGUE).toBe(true);
          expect(SEVERITIES).toContain(e.severity);
          if (!braces) expect(e.message).not.toMatch(/\{\w+\}|undefined/);
        }
      },
    ),
    { numRuns: 200 },
  );
});

test("messages never show an unfilled placeholder", () => {
  fc.assert(
    fc.property(fc.array(fc.array(cellValue, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), (rows) => {
      const spec = IMPORT_SPECS[0];
      const header = spec.columns.slice(0, 12).map((c) => c.name);
      if (JSON.stringify(rows).includes("{")) return;
      for (const e of validateTable(spec, { header, rows })) expect(e.message).not.toMatch(/\{\w+\}/);
    }),
    { numRuns: 200 },
  );
});

test("a session never throws on edits of arbitrary rows", () => {
  const spec = IMPORT_SPECS[0];
  const header = spec.columns.filter((c) => c.starter).map((c) => c.name);
  fc.assert(
    fc.property(fc.array(fc.array(cellValue, { maxLength: 30 }), { minLength: 1, maxLength: 6 }), fc.array(fc.array(cellValue, { maxLength: 30 }), { maxLength: 3 }), fc.nat(), (rows, more, at) => {
      const session = new ValidationSession(spec, header);
      rows.forEach((r) => session.appendRow(r));
      session.exceptions();
      session.insertRows(at % (rows.length + 1), more);
      session.replaceRows([{ index: at % session.rowCount, cells: more[0] ?? [] }]);
      session.deleteRows(0, Math.min(2, session.rowCount));
      session.exceptions();
    }),
    { numRuns: 200 },
  );
});
