import { normaliseBaseUrl } from "../../src/client";

test.each([
  ["http://127.0.0.1:8080", "http://127.0.0.1:8080"],
  ["  http://127.0.0.1:8080///  ", "http://127.0.0.1:8080"],
  ["HTTPS://Import.Example.com/", "https://import.example.com"],
  ["https://example.com/dx/api/", "https://example.com/dx/api"],
])("%j → %s", (typed, normal) => {
  expect(normaliseBaseUrl(typed)).toBe(normal);
});

test("anything else is kind bad-url", () => {
  expect(() => normaliseBaseUrl("file:///etc")).toThrow(expect.objectContaining({ kind: "bad-url" }));
  expect(() => normaliseBaseUrl("http://example.com/?x=1")).toThrow(expect.objectContaining({ kind: "bad-url" }));
});
