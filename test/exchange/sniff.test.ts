import { sniffContent } from "../../src/exchange";

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

describe("sniffContent", () => {
  it("knows a zip (xlsx) by its local file header", () => {
    expect(sniffContent(bytes(0x50, 0x4b, 0x03, 0x04, 0x14))).toEqual({ kind: "xlsx" });
  });

  it.each([
    ["xls", bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1), "This is an old-style Excel workbook (.xls), not a CSV file."],
    ["PNG", bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a), "This is a PNG image, not a CSV file."],
    ["JPEG", bytes(0xff, 0xd8, 0xff, 0xe0), "This is a JPEG image, not a CSV file."],
    ["GIF", Buffer.from("GIF89a"), "This is a GIF image, not a CSV file."],
    ["PDF", Buffer.from("%PDF-1.4"), "This is a PDF document, not a CSV file."],
    ["NUL bytes", Buffer.from("id,name\n1,\u0000\u0001\n"), "This file holds binary data, not text."],
    ["BOM-less UTF-16", Buffer.from("id,name\r\n", "utf16le"), "This looks like UTF-16 text without a byte order mark, not a UTF-8 CSV file."],
  ])("calls %s binary", (_, head, description) => {
    expect(sniffContent(head)).toEqual({ kind: "binary", description });
  });

  it("lets UTF-16 with a byte order mark through as text, for the decoder to name its encoding", () => {
    expect(sniffContent(Buffer.concat([bytes(0xff, 0xfe), Buffer.from("id", "utf16le")]))).toEqual({ kind: "text" });
  });

  it("calls CSV text, empty input and a NUL past the first 8 KB text", () => {
    expect(sniffContent(Buffer.from("Account_ID,José\r\n"))).toEqual({ kind: "text" });
    expect(sniffContent(bytes())).toEqual({ kind: "text" });
    expect(sniffContent(Buffer.concat([Buffer.alloc(8192, 0x61), bytes(0)]))).toEqual({ kind: "text" });
  });
});
