import fc from "fast-check";
import { digitsValue, isDecimal, isInteger, surelyWithin } from "../../src/validation/cellChecks";
import { isBlank } from "../../src/validation/problem";

/** The character-code checks stand in for regular expressions and trimming; they must agree with them on every text. */

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Texts made of what numbers are made of, and a few things they are not. */
const NUMBERISH = fc.array(fc.constantFrom("0", "1", "5", "9", "8", ".", "+", "-", " ", "e", "٣", "x", ","), { maxLength: 8 }).map((parts) => parts.join(""));
const TEXTS = fc.oneof(NUMBERISH, fc.string({ maxLength: 8 }));

test("property: isInteger and isDecimal agree with the patterns they replace", () => {
  fc.assert(
    fc.property(TEXTS, (text) => {
      expect(isInteger(text)).toBe(INTEGER.test(text));
      expect(isDecimal(text)).toBe(DECIMAL.test(text));
    }),
    { numRuns: 3000 },
  );
});

test("property: digitsValue reads a run of digits, and nothing else", () => {
  fc.assert(
    fc.property(TEXTS, (text) => {
      expect(digitsValue(text)).toBe(/^\d+$/.test(text) ? Number(text) : -1);
    }),
    { numRuns: 2000 },
  );
});

test("property: a decimal surely within a range is within it", () => {
  const ranges: Array<[number, number]> = [[-90, 90], [-180, 180], [0, 10], [-5, 0], [1, 2]];
  fc.assert(
    fc.property(NUMBERISH, fc.constantFrom(...ranges), (text, [min, max]) => {
      if (!isDecimal(text) || !surelyWithin(text, min, max)) return;
      const n = Number(text);
      expect(n >= min && n <= max).toBe(true);
    }),
    { numRuns: 3000 },
  );
});

test("surelyWithin spares the conversion for ordinary coordinates and leaves the edges to it", () => {
  expect(surelyWithin("43.123456", -90, 90)).toBe(true);
  expect(surelyWithin("-88.5", -180, 180)).toBe(true);
  expect(surelyWithin("89.999", -90, 90)).toBe(true);
  expect(surelyWithin("90", -90, 90)).toBe(false); // within, but only a closer look can tell
  expect(surelyWithin("-90.0", -90, 90)).toBe(false);
  expect(surelyWithin("123", -90, 90)).toBe(false);
  expect(surelyWithin("5", 1, 2)).toBe(false);
});

test("property: isBlank is whether trimming leaves nothing, whatever kind of space", () => {
  const SPACES = ["", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\ufeff", "\u200b", "a", "~", "\u007f", "é"];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...SPACES), { maxLength: 4 }), (parts) => {
      const text = parts.join("");
      expect(isBlank(text)).toBe(text.trim().length === 0);
    }),
    { numRuns: 2000 },
  );
});
