import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsvStream } from "../../src/exchange";
import { RecordLayout } from "../../src/exchange/recordLayout";
import { readRowsAt } from "../../src/exchange/readRowsAt";
import { chunked } from "./csvReading";

/**
 * The first pass over a CSV file notes where each record lies in the bytes, so the second can read just the rows it
 * needs. These tests hold the layout to the reader: the bytes it names for a row must read back as exactly that row.
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dx-layout-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;

/** Reads `bytes` in `chunkSize` pieces with a layout; returns the rows the reader gave and the layout. */
async function readWithLayout(bytes: Uint8Array, chunkSize = 7) {
  const layout = new RecordLayout();
  const rows: string[][] = [];
  const result = await readCsvStream(chunked(bytes, chunkSize), { header: () => undefined, row: (cells) => rows.push(cells) }, { layout });
  return { rows, layout, result };
}

/** Writes the bytes to a file and reads back the flagged rows by their byte ranges. */
async function readBack(bytes: Uint8Array, layout: RecordLayout, wanted: Uint8Array) {
  const path = join(dir, `file-${files++}.csv`);
  writeFileSync(path, bytes);
  const seen: Array<{ index: number; cells: string[] }> = [];
  const ok = await readRowsAt(path, layout, wanted, (index, cells) => seen.push({ index, cells }));
  return { ok, seen, path };
}

async function expectRowsReadBack(text: string | Uint8Array, chunkSize = 7) {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  const { rows, layout, result } = await readWithLayout(bytes, chunkSize);
  expect(result.fileFindings).toEqual([]);
  expect(layout.usable).toBe(true);
  expect(layout.dataRows).toBe(rows.length);
  const all = new Uint8Array(rows.length).fill(1);
  const { ok, seen } = await readBack(bytes, layout, all);
  expect(ok).toBe(true);
  expect(seen).toEqual(rows.map((cells, index) => ({ index, cells })));
  return rows;
}

describe("where each record lies in the bytes", () => {
  it.each([
    ["LF", "a,b\n1,2\n3,4\n"],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n"],
    ["CR", "a,b\r1,2\r3,4\r"],
    ["no final line break", "a,b\n1,2\n3,4"],
    ["a byte order mark", "\uFEFFa,b\r\n1,2\r\n3,4\r\n"],
    ["blank lines between and after rows", "a,b\n1,2\n\n3,4\n\n"],
    ["a header alone", "a,b\n"],
  ])("%s", async (_, text) => {
    await expectRowsReadBack(text);
  });

  it("quoted line breaks, commas and doubled quotes, as Excel writes them", async () => {
    const rows = await expectRowsReadBack('id,note\r\n1,"Smith, John"\r\n2,"5"" pipe"\r\n3,"line one\r\nline two\nline three"\r\n4,"ends in CR\r"\r\n5,plain\r\n');
    expect(rows[2]).toEqual(["3", "line one\r\nline two\nline three"]);
  });

  it("spaces papaparse allows between a closing quote and what follows", async () => {
    const rows = await expectRowsReadBack('a,b\n"x"  ,"y" \n"z"\t,w\n');
    expect(rows).toEqual([["x", "y"], ["z", "w"]]);
  });

  it("a quote inside an unquoted value, which is just a character", async () => {
    expect(await expectRowsReadBack('a,b\n5" pipe,x\n"q",y\n')).toEqual([['5" pipe', "x"], ["q", "y"]]);
  });

  it("multi-byte characters before the rows asked for, split across reads", async () => {
    const text = "name,city\r\nJosé,Zürich\r\n€uro,\"😀, ok\"\r\nplain,row\r\n北京,东京\r\n";
    for (const size of [1, 2, 3, 5, 64]) await expectRowsReadBack(text, size);
  });

  it("reads just the rows asked for, from their own bytes", async () => {
    const text = "h\r\n" + Array.from({ length: 50 }, (_, i) => `r${i}é,"v\r\n${i}"`).join("\r\n") + "\r\n";
    const bytes = Buffer.from(text, "utf8");
    const { rows, layout } = await readWithLayout(bytes, 13);
    const wanted = new Uint8Array(rows.length);
    for (const i of [0, 1, 2, 17, 30, 31, 49]) wanted[i] = 1;
    wanted[5] = 2; // already entered: not read again
    const { ok, seen } = await readBack(bytes, layout, wanted);
    expect(ok).toBe(true);
    expect(seen.map((s) => s.index)).toEqual([0, 1, 2, 17, 30, 31, 49]);
    for (const { index, cells } of seen) expect(cells).toEqual(rows[index]);
  });

  it("says so when the bytes no longer hold the rows, so the caller can read the file the slow way", async () => {
    const bytes = Buffer.from("a,b\n1,2\n3,4\n5,6\n", "utf8");
    const { layout } = await readWithLayout(bytes);
    const { ok } = await readBack(Buffer.from("a,b\n1,2\n3,4,5,6\n", "utf8"), layout, new Uint8Array([0, 1, 1]));
    expect(ok).toBe(false);
  });

  it("is not usable when the reading stopped on a problem", async () => {
    const { layout, result } = await readWithLayout(Buffer.from('a,b\n1,"2\n', "utf8"));
    expect(result.fileFindings.map((f) => f.code)).toEqual(["malformed-csv"]);
    expect(layout.usable).toBe(false);
    const { ok } = await readBack(Buffer.from("a,b\n", "utf8"), layout, new Uint8Array(0));
    expect(ok).toBe(false);
  });
});

/** Characters that make CSV hard: separators, quotes, line breaks, spaces, and characters of 2, 3 and 4 bytes. */
const CELL = fc.array(fc.constantFrom("a", "b", "1", ",", '"', "\n", "\r", " ", "\t", "é", "€", "😀", "x"), { maxLength: 6 }).map((parts) => parts.join(""));

interface Table {
  rows: string[][];
  lineBreak: "\n" | "\r\n" | "\r";
  bom: boolean;
  finalBreak: boolean;
  /** Per cell: quote it even when it does not need it, and spaces to leave after the closing quote. */
  quoteAll: boolean;
  spaces: string;
}

const TABLE: fc.Arbitrary<Table> = fc.record({
  rows: fc.array(fc.array(CELL, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
  lineBreak: fc.constantFrom("\n" as const, "\r\n" as const, "\r" as const),
  bom: fc.boolean(),
  finalBreak: fc.boolean(),
  quoteAll: fc.boolean(),
  spaces: fc.constantFrom("", " ", "\t "),
});

function serialize(table: Table): string {
  const field = (cell: string, last: boolean) => {
    const needs = /[",\r\n]/.test(cell) || cell.startsWith(" ") || cell.startsWith("\t");
    // Spaces after the closing quote of the very last value would end the file, which papaparse refuses.
    return needs || table.quoteAll ? `"${cell.replace(/"/g, '""')}"${last ? "" : table.spaces}` : cell;
  };
  // A record of one empty cell would be a blank line; write it quoted, so every generated row stays a row.
  const line = (cells: string[], lastLine: boolean) =>
    cells.length === 1 && cells[0] === "" ? '""' : cells.map((cell, c) => field(cell, lastLine && !table.finalBreak && c === cells.length - 1)).join(",");
  const lines = table.rows.map((cells, r) => line(cells, r === table.rows.length - 1));
  const body = ["h1,h2", ...lines].join(table.lineBreak) + (table.finalBreak ? table.lineBreak : "");
  return (table.bom ? "\uFEFF" : "") + body;
}

test("property: every row reads back from its own bytes, whatever the quoting, line breaks and characters", async () => {
  await fc.assert(
    fc.asyncProperty(TABLE, fc.integer({ min: 1, max: 40 }), fc.array(fc.boolean(), { maxLength: 12 }), async (table, chunkSize, picks) => {
      const bytes = Buffer.from(serialize(table), "utf8");
      const { rows, layout, result } = await readWithLayout(bytes, chunkSize);
      expect(result.fileFindings).toEqual([]);
      expect(layout.usable).toBe(true);
      const wanted = new Uint8Array(rows.length);
      picks.forEach((pick, i) => {
        if (pick && i < rows.length) wanted[i] = 1;
      });
      const { ok, seen } = await readBack(bytes, layout, wanted);
      expect(ok).toBe(true);
      expect(seen).toEqual(rows.flatMap((cells, index) => (wanted[index] === 1 ? [{ index, cells }] : [])));
    }),
    { numRuns: 400 },
  );
});
