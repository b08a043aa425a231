import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { checkCronPattern } from "../../src/schedule/index.js";

const SHAPE = 'a schedule takes 5: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" (every night at 03:00).';

/** The message checkCronPattern throws for `pattern`, or "ok". */
function said(pattern: string): string {
  try {
    checkCronPattern(pattern);
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
}

describe("checkCronPattern", () => {
  it("takes five fields, croner's extensions included, and returns them joined by single spaces", () => {
    for (const pattern of ["0 3 * * *", "*/15 * * * *", "0 3 * * 1-5", "0 3 1,15 * *", "0 3 * * MON", "0 3 * JAN *", "0 3 L * *", "0 3 * * 5#2", "0 3 * * 7"]) expect(said(pattern), pattern).toBe("ok");
    expect(checkCronPattern("  0   3 * * *  ")).toBe("0 3 * * *");
  });

  it("refuses seconds, years, nicknames and too few fields, counting them", () => {
    expect(said("* * * * * *")).toBe(`"* * * * * *" has 6 fields; ${SHAPE}`);
    expect(said("0 0 3 * * * 2027")).toBe(`"0 0 3 * * * 2027" has 7 fields; ${SHAPE}`);
    expect(said("@daily")).toBe(`"@daily" has 1 field; ${SHAPE}`);
    expect(said("every night")).toBe(`"every night" has 2 fields; ${SHAPE}`);
    expect(said("   ")).toBe(`"" has 0 fields; ${SHAPE}`);
  });

  it("names the field that is wrong, in our words rather than croner's", () => {
    expect(said("61 * * * *")).toBe(`"61 * * * *": the minute "61" is not valid (it takes 0-59; * for any, lists like 1,15, ranges like 1-5, steps like */15); ${SHAPE}`);
    expect(said("0 25 * * *")).toMatch(/^"0 25 \* \* \*": the hour "25" is not valid \(it takes 0-23;/);
    expect(said("0 3 32 * *")).toMatch(/the day of month "32" is not valid \(it takes 1-31;/);
    // croner counts months from 0 in its own message ("Invalid value for month: 12").
    expect(said("0 3 * 13 *")).toMatch(/the month "13" is not valid \(it takes 1-12 or JAN-DEC;/);
    expect(said("0 3 * * 8")).toMatch(/the day of week "8" is not valid/);
    expect(said("*/0 * * * *")).toMatch(/the minute "\*\/0" is not valid/);
  });

  it("refuses a pattern no date matches", () => {
    expect(said("0 0 31 2 *")).toBe(`"0 0 31 2 *" never comes: no date matches it (such as the 31st of February); ${SHAPE}`);
  });
});
