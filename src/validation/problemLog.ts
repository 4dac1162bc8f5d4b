import { CATALOGUE, type Code } from "./catalogue";
import { detach, type Params, type PlacedProblem } from "./problem";

/** Every code by a small number, so a finding's code fits in one byte of a typed array. */
const CODES = Object.keys(CATALOGUE) as Code[];
if (CODES.length > 256) throw new Error("ProblemLog keeps a code in one byte: widen its codes array");
const CODE_ID = new Map<Code, number>(CODES.map((code, id) => [code, id]));

/**
 * The row findings of a two-pass session, kept in columns rather than as objects.
 *
 * A file with a finding on a third of its rows would otherwise keep, for each one, a row state, an array, a problem
 * object, a parameters object and a copy of the value: about 430 bytes a finding, all of it copied by the young
 * generation's collector and then marked again and again in the old one (measured on the benchmark file: 12 MB kept
 * for its 28,000 cell findings). Here a finding is its row, column position and code in typed arrays, which the
 * collector never looks into, plus one string: the cell's text, from which its message parameters are made again when
 * the finding is written (a cell check is a pure function of the text), or, for the few findings that are not about
 * one cell's text alone (a required column, a row rule), the parameters themselves.
 *
 * Findings are added in row order, and read back in row order when the report is written.
 */
export class ProblemLog {
  private rows = new Int32Array(1024);
  private positions = new Int32Array(1024);
  private codes = new Uint8Array(1024);
  /** Per finding: the cell's text (parameters made again from it), or the parameters. */
  private readonly details: Array<string | Params> = [];

  get length(): number {
    return this.details.length;
  }

  /** Adds a row's problems (data-row index `row`, at or after every row added so far). */
  add(row: number, problems: readonly PlacedProblem[]): void {
    for (let i = 0; i < problems.length; i++) {
      const problem = problems[i];
      const at = this.details.length;
      if (at === this.rows.length) this.grow();
      this.rows[at] = row;
      this.positions[at] = problem.position;
      this.codes[at] = CODE_ID.get(problem.code)!;
      this.details.push(problem.cell === undefined ? problem.params : detach(problem.cell));
    }
  }

  row(at: number): number {
    return this.rows[at];
  }

  position(at: number): number {
    return this.positions[at];
  }

  code(at: number): Code {
    return CODES[this.codes[at]];
  }

  detail(at: number): string | Params {
    return this.details[at];
  }

  /** The first finding on data row `row` or a later one (`length` if none). */
  firstAtOrAfter(row: number): number {
    let lo = 0;
    let hi = this.details.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid] < row) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private grow(): void {
    const size = this.rows.length * 2;
    const rows = new Int32Array(size);
    rows.set(this.rows);
    this.rows = rows;
    const positions = new Int32Array(size);
    positions.set(this.positions);
    this.positions = positions;
    const codes = new Uint8Array(size);
    codes.set(this.codes);
    this.codes = codes;
  }
}
