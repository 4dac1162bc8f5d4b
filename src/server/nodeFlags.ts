/**
 * The V8 settings the import API process is started with (`npm run server`, `npm start`, the tests and the
 * benchmark all start it so; see README). They can only be given on Node's command line: set from inside the
 * process, they come too late for the heap.
 *
 * A young generation of 32 MB a semi-space instead of V8's 16: an apply batch's rows, folded records and statements
 * (tens of megabytes, dead once the batch is written) then die young instead of being copied into the old generation
 * and collected there by full collections. Measured on the 100,000-row benchmark apply (SQLite, in-process, runs
 * alternated): 3.7–4.3 s of CPU instead of 5.2–5.4 s, GC time 0.08 s instead of 0.17–0.38 s. The cost is memory
 * while busy: the server's peak through a 70 MB file's test run went from 171–179 MB to 198–227 MB, against the
 * 300 MB the service is held to.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=32"];
