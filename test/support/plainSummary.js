/**
 * Jest reporter that ends the run with one plain line, "jest: N passed, N failed, N skipped", the closing line that
 * CI reads to tell a run that tested something from one that ran no test.
 */
class PlainSummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}

module.exports = PlainSummaryReporter;
