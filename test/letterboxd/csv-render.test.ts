import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { OutputError } from "../../src/errors.js";
import { renderCsv, splitCsv } from "../../src/letterboxd/index.js";

const header = ["Title", "Review"];

describe("renderCsv", () => {
  it("quotes only fields that need it (spaces at an end too, so no reader trims them) and ends every line, the last too, with \\n", () => {
    const text = renderCsv(header, [
      ["Plain", ""],
      ["Comma, here", 'He said "hi"'],
      ["Two\nlines", "Carriage\rreturn"],
      ["Amélie 🎬", " spaced "],
    ]);
    expect(text).toBe(
      'Title,Review\nPlain,\n"Comma, here","He said ""hi"""\n"Two\nlines","Carriage\rreturn"\nAmélie 🎬," spaced "\n',
    );
    expect(parse(text)).toEqual([header, ["Plain", ""], ["Comma, here", 'He said "hi"'], ["Two\nlines", "Carriage\rreturn"], ["Amélie 🎬", " spaced "]]);
  });

  it("writes only the header when there are no records", () => {
    expect(renderCsv(header, [])).toBe("Title,Review\n");
  });
});

describe("splitCsv", () => {
  // Header "Title,Review\n" is 13 bytes; each record below is 10 bytes ("Film 1,ab\n"), quoted ones more.
  const records = [1, 2, 3, 4, 5].map((n) => [`Film ${n}`, "ab"]);
  const whole = renderCsv(header, records);
  const wholeBytes = Buffer.byteLength(whole);

  it("writes no file for no records", () => {
    expect(splitCsv("diary", header, [], 100)).toEqual([]);
  });

  it("keeps a file of exactly the limit whole, as NAME.csv", () => {
    expect(splitCsv("diary", header, records, wholeBytes)).toEqual([{ fileName: "diary.csv", content: whole, rows: 5, bytes: wholeBytes }]);
  });

  it("splits a file one byte over the limit into NAME-1.csv, NAME-2.csv… in row order, each with the header", () => {
    const parts = splitCsv("diary", header, records, wholeBytes - 1);
    expect(parts.map((part) => [part.fileName, part.rows, part.bytes])).toEqual([
      ["diary-1.csv", 4, 53],
      ["diary-2.csv", 1, 23],
    ]);
    expect(parts.map((part) => parse(part.content) as string[][])).toEqual([[header, ...records.slice(0, 4)], [header, ...records.slice(4)]]);
  });

  it("fills each part up to exactly the limit and never past it", () => {
    const parts = splitCsv("lists/best", header, records, 13 + 20);
    expect(parts.map((part) => [part.fileName, part.rows, part.bytes])).toEqual([
      ["lists/best-1.csv", 2, 33],
      ["lists/best-2.csv", 2, 33],
      ["lists/best-3.csv", 1, 23],
    ]);
  });

  it("counts UTF-8 bytes, keeps quoted newlines inside their record and reports sizes exactly", () => {
    const tricky = [
      ["Amélie", "🎬🎬"],
      ["Two\nlines", 'say "x"'],
      ["Lone \ud800 surrogate", "Ω"],
      ["日本", "x,y"],
    ];
    for (let limit = 40; limit <= 120; limit++) {
      const parts = splitCsv("diary", header, tricky, limit);
      for (const part of parts) {
        expect(part.bytes).toBe(Buffer.byteLength(part.content));
        expect(part.bytes).toBeLessThanOrEqual(limit);
      }
      expect(parts.flatMap((part) => (parse(part.content) as string[][]).slice(1))).toEqual(
        parse(renderCsv(header, tricky)).slice(1),
      );
    }
  });

  it("splits thousands of records, rendered a batch at a time, exactly as the whole text would split", () => {
    const many = Array.from({ length: 4567 }, (_, i) => [`Film ${i}`, i % 7 === 0 ? "two\nlines, quoted" : "é"]);
    const text = renderCsv(header, many);
    expect(splitCsv("diary", header, many, Buffer.byteLength(text))).toEqual([{ fileName: "diary.csv", content: text, rows: many.length, bytes: Buffer.byteLength(text) }]);
    const parts = splitCsv("diary", header, many, 10_000);
    expect(parts.map((part) => part.fileName)).toEqual(parts.map((_, i) => `diary-${i + 1}.csv`));
    parts.forEach((part, index) => {
      expect(part.bytes).toBe(Buffer.byteLength(part.content));
      expect(part.bytes).toBeLessThanOrEqual(10_000);
      // Full up to the next record (the longest is 30 bytes), but for the last.
      if (index < parts.length - 1) expect(part.bytes + 30).toBeGreaterThan(10_000);
    });
    expect(parts.flatMap((part) => (parse(part.content) as string[][]).slice(1))).toEqual(many);
  });

  it("throws an OutputError when one record with the header passes the limit", () => {
    expect(() => splitCsv("diary", header, [["Short", ""], ["Long", "x".repeat(100)]], 60)).toThrow(OutputError);
    expect(() => splitCsv("diary", header, [["Short", ""], ["Long", "x".repeat(100)]], 60)).toThrow(
      /Record 2 of diary.csv takes 106 bytes.*at most 60 bytes/,
    );
  });
});
