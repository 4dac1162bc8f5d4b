/**
 * A record's attributes text (attributes.ts) is built by hand for speed, in a few paths: one row about a new record,
 * several rows about a new record, and rows over a stored record. Every path must give exactly the bytes of the plain
 * definition: the fields as a JSON object with sorted keys, where a later row's non-blank cell wins, `_CLEAR_`
 * removes a field and a blank cell keeps it.
 */
import fc from "fast-check";
import { mergeFields, type FieldCells } from "../../src/server/apply/attributes";
import { CLEAR } from "../../src/server/apply/cellValues";
import type { Field } from "../../src/server/apply/layout";

const NAMES = ["Account_Email", "Account_First_Name", "Billing_City", "Meter_Size", "Utility_Use_1"];

/** Fields as FileLayout makes them (sorted by name), at positions 0.. of a row. */
function fieldsOf(names: readonly string[]): Field[] {
  return [...names].sort().map((name, position) => {
    const quoted = JSON.stringify(name);
    return { name, position, open: `{${quoted}:"`, next: `",${quoted}:"` };
  });
}

function plainDefinition(stored: string | null, changes: readonly FieldCells[]): string {
  const merged = new Map<string, string>(Object.entries(stored === null ? {} : (JSON.parse(stored) as Record<string, string>)));
  for (const { cells, fields } of changes) {
    for (const { name, position } of fields) {
      const cell = cells[position] ?? "";
      if (cell === CLEAR) merged.delete(name);
      else if (cell !== "") merged.set(name, cell);
    }
  }
  return JSON.stringify(Object.fromEntries([...merged.keys()].sort().map((name) => [name, merged.get(name)])));
}

/** Cells as files hold them: mostly blank or plain, sometimes _CLEAR_, quotes, backslashes, control characters. */
const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constant("") },
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constant(CLEAR) },
  { weight: 1, arbitrary: fc.constantFrom('say "hi"', "a\\b", "tab\there", "\u0001", "\ud800 lone") },
);

const all = fieldsOf(NAMES);
const some = fieldsOf(NAMES.slice(0, 3));
const change = fc.record({ cells: fc.array(cell, { minLength: NAMES.length, maxLength: NAMES.length }), fields: fc.constantFrom(all, some) });
const storedText = fc.option(fc.dictionary(fc.constantFrom(...NAMES), fc.string({ maxLength: 5 })).map((o) => plainDefinition(JSON.stringify(o), [])), { nil: null });

test("every path builds the attributes the plain definition gives, byte for byte", () => {
  fc.assert(
    fc.property(storedText, fc.array(change, { minLength: 1, maxLength: 4 }), (stored, changes) => {
      expect(mergeFields(stored, changes)).toBe(plainDefinition(stored, changes));
    }),
    { numRuns: 2000 },
  );
});

test("two rows about a new record: the later row's filled cells win, its blank ones keep the earlier", () => {
  const fields = fieldsOf(["A", "B", "C"]);
  expect(mergeFields(null, [{ cells: ["1", "2", ""], fields }, { cells: ["", "two", ""], fields }])).toBe('{"A":"1","B":"two"}');
});
