import { fileNameOf } from "../../src/client";

test.each([
  // The server's own form: ASCII fallback plus the exact name.
  [`attachment; filename="M_rz _ export.csv"; filename*=UTF-8''M%C3%A4rz%20%E2%82%AC%20export.csv`, "März € export.csv"],
  // filename* wins wherever it stands.
  [`attachment; filename*=utf-8''r%C3%A9sum%C3%A9.csv; filename="resume.csv"`, "résumé.csv"],
  [`attachment; filename*=ISO-8859-1'en'caf%E9.csv`, "café.csv"],
  [`attachment; filename="plain \\"quoted\\".csv"`, `plain "quoted".csv`],
  [`attachment; filename=bare.csv`, "bare.csv"],
  // A broken filename* falls back to filename.
  [`attachment; filename="ok.csv"; filename*=UTF-8''%E2%82`, "ok.csv"],
  // No folder parts: the header does not choose where the file is saved.
  [`attachment; filename="../../etc/passwd"`, "passwd"],
  [`attachment; filename*=UTF-8''..%5C..%5Cwin.ini`, "win.ini"],
  ["attachment", "fallback.csv"],
  [null, "fallback.csv"],
])("%s → %s", (header, name) => {
  expect(fileNameOf(header, "fallback.csv")).toBe(name);
});
