/**
 * Which rows of a file can meet another row under a cross-row rule, found from hashes alone.
 *
 * A file checked in two passes records, in the first, a 32-bit hash of each partition value a row would be entered
 * under (its Location_ID, its Account_ID, ...). A row whose every hash is held by no other row shares no value with
 * any row, so no cross-row rule can involve it; the rest (equal hashes: the same value, or rarely a collision) get
 * their full entries in the second pass, under just the indexes where they meet another row (elsewhere they would
 * stand alone, which breaks no rule). The cross-row findings are then exactly those of a single pass, while the
 * strings of the rows that meet no other are never kept.
 */
export class MeetingPoints {
  /** Per partition index, pairs of (row, hash) in typed arrays: eight bytes a row and index, nothing for the GC. */
  private readonly pairs: Int32Array[];
  private readonly used: number[];

  constructor(indexes: number) {
    this.pairs = Array.from({ length: indexes }, () => new Int32Array(2048));
    this.used = new Array<number>(indexes).fill(0);
  }

  record(row: number, index: number, hash: number): void {
    let pairs = this.pairs[index];
    const at = this.used[index];
    if (at + 2 > pairs.length) {
      const bigger = new Int32Array(pairs.length * 2);
      bigger.set(pairs);
      this.pairs[index] = pairs = bigger;
    }
    pairs[at] = row;
    pairs[at + 1] = hash;
    this.used[index] = at + 2;
  }

  /**
   * For each of `rowCount` data rows, the indexes under which it shares a hash with another row, as bits (bit i for
   * index i; past eight indexes, any meeting sets them all): 0 for a row that meets no other.
   */
  meetings(rowCount: number): Uint8Array {
    const masks = new Uint8Array(rowCount);
    for (let i = 0; i < this.pairs.length; i++) flagMeetings(this.pairs[i], this.used[i], masks, i < 8 ? 1 << i : 0xff);
    return masks;
  }
}

/**
 * Marks with `bit` the rows of (row, hash) pairs whose hash another row holds too. An open-addressing table in one
 * typed array, each slot a hash and its first row side by side (one memory access a probe, where two arrays would
 * take two), rather than a Map: a quarter of a million pairs an index take a few milliseconds.
 */
function flagMeetings(pairs: Int32Array, used: number, flags: Uint8Array, bit: number): void {
  let capacity = 16;
  while (capacity < used) capacity *= 2; // at least twice the number of pairs (used counts two numbers a pair)
  const mask = capacity - 1;
  // [hash, first row + 1] a slot: a new typed array is all zeros, which then reads as an empty slot.
  const table = new Int32Array(2 * capacity);
  for (let k = 0; k < used; k += 2) {
    const row = pairs[k];
    const hash = pairs[k + 1];
    let slot = (hash ^ (hash >>> 16)) & mask;
    while (table[2 * slot + 1] !== 0 && table[2 * slot] !== hash) slot = (slot + 1) & mask;
    const first = table[2 * slot + 1] - 1;
    if (first === -1) {
      table[2 * slot] = hash;
      table[2 * slot + 1] = row + 1;
    } else if (first !== row) {
      flags[first] |= bit;
      flags[row] |= bit;
    }
  }
}
