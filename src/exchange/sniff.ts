/** What the first bytes of an upload say it is, before any attempt to read it as CSV text. */
export type SniffedContent = { kind: "xlsx" } | { kind: "text" } | { kind: "binary"; description: string };

/** How far into the file a NUL byte still marks it as binary; text files never hold one. */
export const SNIFF_LENGTH = 8192;

interface Signature {
  bytes: readonly number[];
  description: string;
}

/** Formats people upload by mistake, named in the words they would use for them. */
const BINARY_SIGNATURES: readonly Signature[] = [
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], description: "This is an old-style Excel workbook (.xls), not a CSV file." },
  { bytes: [0x89, 0x50, 0x4e, 0x47], description: "This is a PNG image, not a CSV file." },
  { bytes: [0xff, 0xd8, 0xff], description: "This is a JPEG image, not a CSV file." },
  { bytes: [0x47, 0x49, 0x46, 0x38], description: "This is a GIF image, not a CSV file." },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], description: "This is a PDF document, not a CSV file." },
  { bytes: [0x1f, 0x8b], description: "This is a compressed (gzip) file, not a CSV file; unpack it first." },
];

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const UTF16_LE_BOM = [0xff, 0xfe];
const UTF16_BE_BOM = [0xfe, 0xff];

/** Classifies a file by its first bytes (pass at least SNIFF_LENGTH of them when the file is that long). */
export function sniffContent(head: Uint8Array): SniffedContent {
  if (startsWith(head, ZIP)) return { kind: "xlsx" };
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(head, signature.bytes)) return { kind: "binary", description: signature.description };
  }
  // UTF-16 is full of NULs but is text: the decoder gives the more useful "not UTF-8" finding for it.
  if (startsWith(head, UTF16_LE_BOM) || startsWith(head, UTF16_BE_BOM)) return { kind: "text" };
  const window = head.subarray(0, SNIFF_LENGTH);
  if (window.indexOf(0) === -1) return { kind: "text" };
  if (looksLikeBomlessUtf16(window)) {
    return { kind: "binary", description: "This looks like UTF-16 text without a byte order mark, not a UTF-8 CSV file." };
  }
  return { kind: "binary", description: "This file holds binary data, not text." };
}

function startsWith(head: Uint8Array, prefix: readonly number[]): boolean {
  return head.length >= prefix.length && prefix.every((byte, i) => head[i] === byte);
}

/** ASCII text saved as UTF-16 has a NUL in every other byte: the odd ones (little endian) or the even ones. */
function looksLikeBomlessUtf16(window: Uint8Array): boolean {
  const pairs = Math.floor(window.length / 2);
  if (pairs < 2) return false;
  let oddNuls = 0;
  let evenNuls = 0;
  for (let i = 0; i + 1 < window.length; i += 2) {
    if (window[i] === 0) evenNuls++;
    if (window[i + 1] === 0) oddNuls++;
  }
  const mostly = pairs * 0.9;
  return (oddNuls >= mostly && evenNuls === 0) || (evenNuls >= mostly && oddNuls === 0);
}
