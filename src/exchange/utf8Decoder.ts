/**
 * Strict UTF-8 decoding of a byte stream, chunk by chunk, that can say where and why the bytes are not UTF-8.
 *
 * TextDecoder in fatal mode only says "invalid"; users need the byte and the line to find the culprit (typically an
 * "é" saved by Excel's plain "CSV (Comma delimited)", which writes Windows-1252), so on failure we locate it ourselves.
 */

/** `ascii`: the text holds only ASCII, so each character is one byte (known for free: as many characters as bytes). */
export type DecodedChunk = { ok: true; text: string; ascii: boolean } | { ok: false; detail: string };

const ansi = new TextDecoder("windows-1252");

export class Utf8StreamDecoder {
  /**
   * Decoded a whole character run at a time: TextDecoder's stream mode is several times slower in Node than one-shot
   * decoding, so we hold back an unfinished character ourselves. BOMs are ours to strip (one-shot decoding would
   * strip one at the start of every chunk).
   */
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private started = false;
  /** Whether text has come out yet: a byte order mark can only be at its very start. */
  private textStarted = false;
  /** Lines decoded so far, counted as 1 + line feeds, so an error can name its line. */
  private line = 1;
  /** Bytes at the end of the previous chunk that begin a character the next chunk completes. */
  private carry: Uint8Array = new Uint8Array(0);
  /** Bytes of the byte order mark stripped from the start of the text (3, or 0 when there was none). */
  bomBytes = 0;

  decode(chunk: Uint8Array): DecodedChunk {
    const first = !this.started && chunk.length > 0;
    if (first) {
      this.started = true;
      if (isUtf16Bom(chunk)) return { ok: false, detail: "it is UTF-16 text, as Excel's \"Unicode Text\" saves it" };
    }
    const bytes = concat(this.carry, chunk);
    const complete = bytes.length - incompleteTailLength(bytes);
    let text: string;
    try {
      text = this.decoder.decode(bytes.subarray(0, complete));
    } catch {
      return { ok: false, detail: this.describeInvalid(bytes, false) };
    }
    this.carry = bytes.slice(complete);
    this.line += countLineFeeds(text);
    const ascii = text.length === complete;
    if (this.textStarted || text.length === 0) return { ok: true, text, ascii };
    this.textStarted = true;
    if (text.charCodeAt(0) !== 0xfeff) return { ok: true, text, ascii };
    this.bomBytes = 3;
    return { ok: true, text: text.slice(1), ascii };
  }

  /** Ends the bytes; fails when the file stops in the middle of a character. */
  end(): DecodedChunk {
    if (this.carry.length === 0) return { ok: true, text: "", ascii: true };
    return { ok: false, detail: this.describeInvalid(this.carry, true) };
  }

  private describeInvalid(bytes: Uint8Array, atEnd: boolean): string {
    const offset = firstInvalidOffset(bytes, atEnd);
    if (offset === -1) return `invalid UTF-8 near line ${this.line}`;
    const byte = bytes[offset];
    const line = this.line + countLineFeedBytes(bytes.subarray(0, offset));
    const hex = `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    const shown = ansi.decode(Uint8Array.of(byte));
    return `it looks like Windows-1252 (ANSI): byte ${hex} ("${shown}") at line ${line}`;
  }
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/**
 * Offset of the first byte that does not start a valid UTF-8 sequence, or -1. A sequence cut off by the end of
 * `bytes` counts as invalid only `atEnd` (otherwise the next chunk may complete it).
 */
export function firstInvalidOffset(bytes: Uint8Array, atEnd: boolean): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(lead);
    if (length === 0) return i;
    if (i + length > bytes.length) {
      const available = bytes.length - i;
      for (let k = 1; k < available; k++) if (!continues(bytes, i, k)) return i;
      return atEnd ? i : -1;
    }
    for (let k = 1; k < length; k++) if (!continues(bytes, i, k)) return i;
    i += length;
  }
  return -1;
}

/** Bytes a sequence takes, judged by its lead byte; 0 for bytes that cannot lead (continuations, C0, C1, F5+). */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** Whether the k-th byte of the sequence at `start` is a valid continuation, with UTF-8's limits on the second byte. */
function continues(bytes: Uint8Array, start: number, k: number): boolean {
  const byte = bytes[start + k];
  if (k === 1) {
    const lead = bytes[start];
    if (lead === 0xe0) return byte >= 0xa0 && byte <= 0xbf; // no overlong forms
    if (lead === 0xed) return byte >= 0x80 && byte <= 0x9f; // no surrogates
    if (lead === 0xf0) return byte >= 0x90 && byte <= 0xbf;
    if (lead === 0xf4) return byte >= 0x80 && byte <= 0x8f; // nothing above U+10FFFF
  }
  return byte >= 0x80 && byte <= 0xbf;
}

/** How many bytes at the end of a chunk start a character that is not finished yet (0 to 3). */
function incompleteTailLength(chunk: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= chunk.length; back++) {
    const byte = chunk[chunk.length - back];
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? back : 0;
  }
  return 0;
}

function countLineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

function countLineFeedBytes(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

export function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  if (first.length === 0) return second;
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}
