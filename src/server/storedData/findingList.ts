import type { Code } from "../../validation/catalogue";
import type { Exception } from "../../validation/exception";
import { exceptionOf } from "../../validation/findings";
import type { Params } from "../../validation/problem";
import type { ColumnAt } from "./columns";

interface Placed {
  row: number;
  position: number;
  exception: Exception;
}

/** The findings of one test run, placed by sheet row and header position so they come out in report order. */
export class FindingList {
  private readonly placed: Placed[] = [];

  add(row: number, column: ColumnAt, code: Code, params: Params): void {
    this.placed.push({ row, position: column.position, exception: exceptionOf(code, row, column.written, column.spec, params) });
  }

  /** By row, then by the column's position in the header; the sort is stable, so ties keep the order found. */
  sorted(): Exception[] {
    return [...this.placed].sort((a, b) => a.row - b.row || a.position - b.position).map((p) => p.exception);
  }
}
