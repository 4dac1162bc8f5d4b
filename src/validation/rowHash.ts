/**
 * A 53-bit fingerprint of a row's texts (two FNV-1a lanes with different offsets), used to find exact duplicate
 * rows without keeping the rows. Rows are only compared within one partition (the same Location_ID, say), and two
 * different rows there share a fingerprint with odds of about 1 in 10^16.
 */
export function rowHash(texts: readonly string[], length: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let p = 0; p < length; p++) {
    const text = texts[p];
    if (text !== undefined) {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        a = Math.imul(a ^ c, 0x01000193);
        b = Math.imul(b ^ c, 0x01000193 + 0x2a);
      }
    }
    // A separator keeps ["ab", "c"] apart from ["a", "bc"].
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x01000193 + 0x2a);
  }
  // 32 bits of one lane and 21 of the other: a safe integer, so it is a number, not a string to allocate.
  return (a >>> 0) * 0x200000 + (b >>> 11);
}
