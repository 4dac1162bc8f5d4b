export { sniffContent, SNIFF_LENGTH, type SniffedContent } from "./sniff";
export { readCsvStream, readCsvText, type CsvSink, type CsvReadResult, type CsvReadOptions } from "./readCsv";
export { writeCsv } from "./writeCsv";
export { readXlsx, type XlsxRead } from "./readXlsx";
