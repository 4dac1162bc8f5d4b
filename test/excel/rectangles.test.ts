import { parseAddress, rectAddress } from "../../src/excel/addresses";
import { bandAddresses, bandOf, layoutBands, shiftBandsForDelete, shiftBandsForInsert, type Band } from "../../src/excel/markBands";
import { MarkIndex, marksOfRow } from "../../src/excel/markIndex";
import { ADDRESS_BUDGET, mergeRuns, packAddresses } from "../../src/excel/rectangles";
import type { Exception } from "../../src/validation";

describe("addresses", () => {
  test.each([
    ["B5", { row: 4, column: 1, rows: 1, columns: 1 }],
    ["B5:D9", { row: 4, column: 1, rows: 5, columns: 3 }],
    ["$AA$10", { row: 9, column: 26, rows: 1, columns: 1 }],
    ["5:7", { row: 4, column: 0, rows: 3, columns: 16384 }],
    ["C:C", { row: 0, column: 2, rows: 1048576, columns: 1 }],
    ["'My sheet'!D4:C2", { row: 1, column: 2, rows: 3, columns: 2 }],
  ])("%s", (address, rect) => {
    expect(parseAddress(address)).toEqual(rect);
  });

  test("nonsense is not an address", () => {
    expect(parseAddress("hello world")).toBeNull();
    expect(parseAddress("A0")).toBeNull();
  });
});

describe("rectangles", () => {
  test("runs repeated on consecutive rows become one block; a gap or a different run starts another", () => {
    const rects = mergeRuns([
      { row: 1, runs: [[0, 1], [4, 4]] },
      { row: 2, runs: [[0, 1], [4, 4]] },
      { row: 3, runs: [[0, 1]] },
      { row: 5, runs: [[0, 1]] },
    ]);
    expect(rects.map(rectAddress)).toEqual(["A2:B4", "E2:E3", "A6:B6"]);
  });

  test("packed address strings never pass the budget and keep every area", () => {
    const rects = Array.from({ length: 5000 }, (_, i) => ({ row: i * 3, column: i % 40, rows: 1, columns: 1 }));
    const strings = packAddresses(rects);
    expect(strings.length).toBeGreaterThan(1);
    for (const s of strings) expect(s.length).toBeLessThanOrEqual(ADDRESS_BUDGET);
    expect(strings.join(", ").split(", ")).toHaveLength(5000);
  });
});

const finding = (row: number, column: string | null, severity: Exception["severity"]): Exception => ({ row, column, severity, code: "x", component: "File", message: "" });

describe("marks of a row", () => {
  const columnOf = (h: string) => ({ A: 0, B: 1, C: 2, D: 3 })[h];

  test("an error wins over a warning on the same cell; infos are not marked", () => {
    expect(marksOfRow([finding(2, "B", "warning"), finding(2, "B", "error"), finding(2, "C", "warning"), finding(2, "D", "info")], columnOf, 4, false)).toEqual({ error: [[1, 1]], warning: [[2, 2]] });
  });

  test("a finding with no column marks the data row across the table, but not the header row", () => {
    expect(marksOfRow([finding(5, null, "warning"), finding(5, "C", "error")], columnOf, 4, false)).toEqual({ error: [[2, 2]], warning: [[0, 1], [3, 3]] });
    expect(marksOfRow([finding(1, null, "error")], columnOf, 4, true)).toBeUndefined();
  });
});

describe("bands", () => {
  function scattered(rows: number, every: number): MarkIndex {
    const marks = new MarkIndex();
    for (let r = 2; r <= rows; r += every) marks.set(r, { error: [[r % 30, r % 30]], warning: r % 2 ? [[35, 36]] : [] });
    return marks;
  }

  test("bands partition every row and each band's addresses fit one string a colour", () => {
    const marks = scattered(20000, 3);
    const bands = layoutBands(marks);
    expect(bands.length).toBeGreaterThan(2);
    expect(bands[0].first).toBe(1);
    expect(bands.at(-1)!.last).toBe(1048576);
    bands.forEach((band, i) => i > 0 && expect(band.first).toBe(bands[i - 1].last + 1));
    for (const band of bands) {
      const strings = bandAddresses(marks, band);
      expect(strings.filter((s) => s.severity === "error").length).toBeLessThanOrEqual(1);
      expect(strings.filter((s) => s.severity === "warning").length).toBeLessThanOrEqual(1);
    }
  });

  const three = (): Band[] => [
    { first: 1, last: 100, formats: [{ id: "a", severity: "error" }] },
    { first: 101, last: 200, formats: [{ id: "b", severity: "error" }] },
    { first: 201, last: 1048576, formats: [{ id: "c", severity: "error" }] },
  ];

  test("rows inserted inside a band grow it and move the later ones", () => {
    const bands = three();
    const grown = shiftBandsForInsert(bands, 150, 5);
    expect(grown.formats[0].id).toBe("b");
    expect(bands.map((b) => [b.first, b.last])).toEqual([[1, 100], [101, 205], [206, 1048576]]);
  });

  test("deleting every row of a band removes it and hands back its formats", () => {
    const bands = three();
    const { band, orphans } = shiftBandsForDelete(bands, 101, 100);
    expect(orphans.map((f) => f.id)).toEqual(["b"]);
    expect(band.formats[0].id).toBe("c");
    expect(bands.map((b) => [b.first, b.last])).toEqual([[1, 100], [101, 1048576]]);
    expect(bandOf(bands, 150).formats[0].id).toBe("c");
  });
});
