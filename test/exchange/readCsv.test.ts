import { readCsvText } from "../../src/exchange";
import { readStreamed } from "./csvReading";

const BOM = "\uFEFF";

/** Runs the same input through both readers and checks they agree before handing back the text reader's answer. */
async function readBoth(text: string) {
  const fromText = readCsvText(text);
  const fromStream = await readStreamed(text);
  expect({ header: fromStream.header ?? [], rows: fromStream.rows, fileFindings: fromStream.fileFindings }).toEqual(fromText);
  return fromText;
}

function codes(findings: ReadonlyArray<{ code: string }>): string[] {
  return findings.map((f) => f.code);
}

describe("reading CSV text", () => {
  it.each([
    ["LF", "a,b\n1,2\n3,4\n"],
    ["CRLF", "a,b\r\n1,2\r\n3,4\r\n"],
    ["LF without a final line break", "a,b\n1,2\n3,4"],
    ["CRLF with a UTF-8 BOM", `${BOM}a,b\r\n1,2\r\n3,4\r\n`],
    ["old Mac CR", "a,b\r1,2\r3,4\r"],
  ])("%s", async (_, text) => {
    expect(await readBoth(text)).toEqual({ header: ["a", "b"], rows: [["1", "2"], ["3", "4"]], fileFindings: [] });
  });

  it("strips the BOM from the first header, in bytes as well", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Account_ID,Name\n1,Ann\n")]);
    const read = await readStreamed(bytes);
    expect(read.header).toEqual(["Account_ID", "Name"]);
  });

  it("keeps quoted commas, doubled quotes and quoted line breaks", async () => {
    const text = 'id,note\r\n1,"Smith, John"\r\n2,"5"" pipe"\r\n3,"line one\r\nline two\nline three"\r\n4,"ends in CR\r"\r\n';
    expect((await readBoth(text)).rows).toEqual([
      ["1", "Smith, John"],
      ["2", '5" pipe'],
      ["3", "line one\r\nline two\nline three"],
      ["4", "ends in CR\r"],
    ]);
  });

  it("keeps spaces and leading zeros exactly as written", async () => {
    expect((await readBoth("id,name\n00123, padded \n")).rows).toEqual([["00123", " padded "]]);
  });

  it("passes blank lines in the middle through as rows", async () => {
    expect((await readBoth("a,b\n1,2\n\n3,4\n")).rows).toEqual([["1", "2"], [""], ["3", "4"]]);
    expect((await readBoth("a,b\r\n1,2\r\n\r\n3,4\r\n")).rows).toEqual([["1", "2"], [""], ["3", "4"]]);
  });

  it("does not turn the final line break into a row, but keeps a blank line after it", async () => {
    expect((await readBoth("a\n1\n")).rows).toEqual([["1"]]);
    expect((await readBoth("a\n1\n\n")).rows).toEqual([["1"], [""]]);
  });

  it("reads a header-only file as a header and no rows", async () => {
    expect(await readBoth("a,b,c\r\n")).toEqual({ header: ["a", "b", "c"], rows: [], fileFindings: [] });
  });
});

describe("file-level findings", () => {
  it.each([
    ["tabs", "Account_ID\tName\n1\tAnn\n"],
    ["semicolons", "Account_ID;Name;Zip\n1;Ann;00123\n"],
    ["pipes", "Account_ID|Name\n1|Ann\n"],
  ])("a file separated by %s is refused before any row", async (delimiter, text) => {
    const read = await readStreamed(text);
    expect(codes(read.fileFindings)).toEqual(["delimiter"]);
    expect(read.fileFindings[0].message).toContain(`separated by ${delimiter}`);
    expect(read.header).toBeNull();
    expect(read.rows).toEqual([]);
    expect(readCsvText(text)).toEqual({ header: [], rows: [], fileFindings: read.fileFindings });
  });

  it("names the byte and line of Windows-1252 text", async () => {
    const bytes = Buffer.concat([Buffer.from("id,name\n1,Ann\n2,Jos"), Buffer.from([0xe9]), Buffer.from("\n3,Bo\n")]);
    const read = await readStreamed(bytes);
    expect(codes(read.fileFindings)).toEqual(["encoding"]);
    expect(read.fileFindings[0].message).toContain('Windows-1252 (ANSI): byte 0xE9 ("é") at line 3');
  });

  it("reports Windows-1252 text that ends on the bad byte, in any chunking", async () => {
    const bytes = Buffer.concat([Buffer.from("id,name\n1,Jos"), Buffer.from([0xe9])]);
    for (const size of [1, 7, 65536]) {
      const read = await readStreamed(bytes, size);
      expect(codes(read.fileFindings)).toEqual(["encoding"]);
      expect(read.fileFindings[0].message).toContain("byte 0xE9");
      expect(read.fileFindings[0].message).toContain("line 2");
    }
  });

  it("finds the bad byte past the first chunk", async () => {
    const good = "id,name\n" + "1,Ann\n".repeat(20000);
    const bytes = Buffer.concat([Buffer.from(good), Buffer.from("2,Jos"), Buffer.from([0xe9, 0x0a])]);
    const read = await readStreamed(bytes, 4096);
    expect(read.fileFindings[0].message).toContain("at line 20002");
  });

  it.each([
    ["UTF-16LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("id,name\r\n1,Ann\r\n", "utf16le")])],
    ["UTF-16BE", Buffer.from([0xfe, 0xff, 0x00, 0x69, 0x00, 0x64])],
  ])("refuses %s with a byte order mark as an encoding problem", async (_, bytes) => {
    const read = await readStreamed(bytes, 1);
    expect(codes(read.fileFindings)).toEqual(["encoding"]);
    expect(read.fileFindings[0].message).toContain("UTF-16");
    expect(read.header).toBeNull();
  });

  it.each([
    ["PNG", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], "PNG image"],
    ["PDF", [...Buffer.from("%PDF-1.7\n%\xe2\xe3\n")], "PDF document"],
    ["xlsx", [0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0], "Excel workbook (.xlsx)"],
    ["xls", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], "old-style Excel workbook (.xls)"],
  ])("refuses a %s file as not CSV", async (_, bytes, words) => {
    const read = await readStreamed(Uint8Array.from(bytes), 3);
    expect(codes(read.fileFindings)).toEqual(["not-csv"]);
    expect(read.fileFindings[0].message).toContain(words);
    expect(read.header).toBeNull();
  });

  it("refuses text holding NUL bytes as not CSV, from a string too", async () => {
    expect(codes(readCsvText("id\u0000,name\n").fileFindings)).toEqual(["not-csv"]);
    expect(codes((await readStreamed("id\u0000,name\n")).fileFindings)).toEqual(["not-csv"]);
  });

  it.each([
    ["a quote that is never closed", 'id,name\n1,Ann\n2,"Bo\n3,Cy\n4,Di\n', "Row 3 opens a quote that is never closed."],
    ["text after a closing quote", 'id,name\n1,Ann\n2,Bo\n3,"Cy" Smith\n4,Di\n', "Row 4 has text right after the closing quote"],
    ["an unclosed quote in the header", 'id,"name\n1,Ann\n', "Row 1 opens a quote"],
  ])("refuses %s and names the sheet row", async (_, text, detail) => {
    for (const size of [1, 7, 65536]) {
      const read = await readStreamed(text, size);
      expect(codes(read.fileFindings)).toEqual(["malformed-csv"]);
      expect(read.fileFindings[0].message).toContain(detail);
    }
    expect(readCsvText(text).fileFindings[0].message).toContain(detail);
  });

  it("counts records, not lines, when naming the row of a broken quote", async () => {
    const text = 'id,note\n1,"two\nlines"\n2,"never closed\n3,x\n';
    expect(readCsvText(text).fileFindings[0].message).toContain("Row 3 opens a quote");
  });

  it("stops handing rows to the sink at the broken record", async () => {
    const read = await readStreamed('id\n1\n2\n"3\n4\n', 2);
    expect(read.rows).toEqual([["1"], ["2"]]);
  });

  it.each([
    ["no bytes at all", ""],
    ["only a BOM", BOM],
    ["only blank lines and spaces", " \r\n\r\n  \n\t\n"],
  ])("reports %s as an empty file without a header", async (_, text) => {
    const read = await readStreamed(text, 1);
    expect(codes(read.fileFindings)).toEqual(["empty-file"]);
    expect(read.header).toBeNull();
    expect(codes(readCsvText(text).fileFindings)).toEqual(["empty-file"]);
  });

  it("refuses a file over maxBytes, giving its size and the limit in MB", async () => {
    const text = "id,name\n" + "12345,Somebody\n".repeat(200_000);
    const read = await readStreamed(text, 65536, { maxBytes: 2 * 1024 * 1024 });
    expect(codes(read.fileFindings)).toEqual(["file-too-large"]);
    expect(read.fileFindings[0].message).toBe("The file is 2.9 MB; the import takes at most 2 MB. Split it into smaller files.");
    expect(read.bytes).toBe(Buffer.byteLength(text));
  });

  it("reports progress in bytes read", async () => {
    const seen: number[] = [];
    await readStreamed("id\n1\n2\n", 3, { onProgress: (bytes) => seen.push(bytes) });
    expect(seen).toEqual([3, 6, 7]);
  });
});

describe("chunk boundaries", () => {
  // "é" and "€" are two and three bytes; "𝄞" is four (a surrogate pair in JavaScript); lines end in CRLF.
  const text = 'Account_ID,Name,Note\r\n00123,José,"5€, ""quoted""\r\nnext line"\r\n\r\n00456,𝄞 clef,plain\r\n';
  const expected = {
    header: ["Account_ID", "Name", "Note"],
    rows: [["00123", "José", '5€, "quoted"\r\nnext line'], [""], ["00456", "𝄞 clef", "plain"]],
  };

  it.each([1, 2, 3, 5, 7, 64])("gives the same table in %i-byte chunks", async (size) => {
    const read = await readStreamed(text, size);
    expect(read.fileFindings).toEqual([]);
    expect({ header: read.header, rows: read.rows }).toEqual(expected);
    expect(read.dataRows).toBe(3);
  });

  it("agrees with the text reader", () => {
    expect(readCsvText(text)).toEqual({ ...expected, fileFindings: [] });
  });
});
