/**
 * Which rows of a file can meet another row under a cross-row rule, found from hashes alone.
 *
 * A file checked in two passes records, in the first, a 32-bit hash of each partition value a row would be entered
 * under (its Location_ID, its Account_ID, …). A row whose every hash is held by no other row shares no value with any
 * row, so no cross-row rule can involve it; the rest (equal hashes: the same value, or rarely a collision) get their
 * full entries in the second pass. The cross-row findings are then exactly those of a single pass, while the strings
 * of the rows that meet no other are never kept.
 */
export class MeetingPoints {
  private readonly rows: number[][];
  private readonly hashes: number[][];

  constructor(indexes: number) {
    this.rows = Array.from({ length: indexes }, () => []);
    this.hashes = Array.from({ length: indexes }, () => []);
  }

  record(row: number, index: number, hash: number): void {
    this.rows[index].push(row);
    this.hashes[index].push(hash);
  }

  /** A flag for each of `rowCount` data rows: 1 when the row shares a hash with another row under some index. */
  candidates(rowCount: number): Uint8Array {
    const flags = new Uint8Array(rowCount);
    for (let i = 0; i < this.rows.length; i++) {
      const firstRowOf = new Map<number, number>();
      const rows = this.rows[i];
      const hashes = this.hashes[i];
      for (let k = 0; k < rows.length; k++) {
        const first = firstRowOf.get(hashes[k]);
        if (first === undefined) firstRowOf.set(hashes[k], rows[k]);
        else if (first !== rows[k]) {
          flags[first] = 1;
          flags[rows[k]] = 1;
        }
      }
    }
    return flags;
  }
}
