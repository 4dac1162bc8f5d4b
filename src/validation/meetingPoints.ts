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
  /** Per partition index and data row, how many rows share the row's hash there (set by `meetings`; 0: none). */
  private readonly sizes: Int32Array[] = [];

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
    this.sizes.length = 0;
    // One table for every index, cleared between them: a fresh one each time would cost its pages' first touch again.
    const table = new Int32Array(3 * capacityFor(Math.max(0, ...this.used)));
    for (let i = 0; i < this.pairs.length; i++) {
      const sizes = new Int32Array(rowCount);
      const capacity = capacityFor(this.used[i]);
      if (i > 0) table.fill(0, 0, 3 * capacity);
      flagMeetings(this.pairs[i], this.used[i], masks, i < 8 ? 1 << i : 0xff, sizes, table, capacity);
      this.sizes.push(sizes);
    }
    return masks;
  }

  /**
   * How many rows record the same hash as data row `row` under partition index `index`, the row included (after
   * `meetings`): once that many rows hold the row's value there, no other row can (a row with the value has the
   * hash), so their group is complete. Meaningful for an index that records one hash a row (a column's value).
   */
  sharing(index: number, row: number): number {
    return this.sizes[index][row];
  }
}

/** Slots in a table for `used` numbers of (row, hash) pairs: a power of two, at least twice the number of pairs. */
function capacityFor(used: number): number {
  let capacity = 16;
  while (capacity < used) capacity *= 2;
  return capacity;
}

/**
 * Marks with `bit` the rows of (row, hash) pairs whose hash another row holds too, and notes in `sizes` how many rows
 * share each such row's hash. An open-addressing table in one typed array, each slot a hash, its first row and its
 * count side by side (one memory access a probe, where several arrays would take several), rather than a Map: a
 * quarter of a million pairs an index take a few milliseconds.
 */
function flagMeetings(pairs: Int32Array, used: number, flags: Uint8Array, bit: number, sizes: Int32Array, table: Int32Array, capacity: number): void {
  // [hash, first row + 1, rows] a slot, in `table` (all zeros, which reads as an empty slot).
  for (let k = 0; k < used; k += 2) {
    const row = pairs[k];
    const hash = pairs[k + 1];
    const slot = slotOf(table, capacity, hash);
    const first = table[3 * slot + 1] - 1;
    table[3 * slot + 2]++;
    if (first === -1) {
      table[3 * slot] = hash;
      table[3 * slot + 1] = row + 1;
    } else if (first !== row) {
      flags[first] |= bit;
      flags[row] |= bit;
    }
  }
  // Only rows that meet another are looked up again: the rest (most) stand alone.
  for (let k = 0; k < used; k += 2) {
    const row = pairs[k];
    if ((flags[row] & bit) !== 0) sizes[row] = table[3 * slotOf(table, capacity, pairs[k + 1]) + 2];
  }
}

/** The slot of `hash` in the table: where it is, or the empty slot where it goes. */
function slotOf(table: Int32Array, capacity: number, hash: number): number {
  const mask = capacity - 1;
  let slot = (hash ^ (hash >>> 16)) & mask;
  while (table[3 * slot + 1] !== 0 && table[3 * slot] !== hash) slot = (slot + 1) & mask;
  return slot;
}
