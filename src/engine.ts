/**
 * The engine as a browser loads it: the task pane and its Web Worker validate with exactly this code, and the import
 * API and `dx` with the same modules. Built by webpack into dist/web/engine.js (global `DataExchange`); nothing here
 * may need Node, which the browser-bundle test enforces.
 */
export { IMPORT_SPECS, findSpec } from "./spec";
export { detectImportType } from "./spec/detect";
export { loadSpecOverrides, SpecFileError } from "./spec/overrides";
export { ValidationSession, validateTable, CATALOGUE, countBySeverity } from "./validation";
export { readCsvText } from "./exchange/readCsv";
export { writeCsv } from "./exchange/writeCsv";
export { exceptionsCsv } from "./exchange/exceptionsCsv";
