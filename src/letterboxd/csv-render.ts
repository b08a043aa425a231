import Papa from "papaparse";
import { OutputError } from "../errors.js";

/**
 * RFC 4180 as Letterboxd reads it: comma, `"` quotes only where needed (a field holding a
 * comma, a quote, `\n` or `\r`, or starting or ending with a space), `\n` after every record.
 * papaparse, not csv-stringify: the latter left ~5 KB of garbage per record (20 times the
 * text), 700 MB for a 100K-play export, and that churn alone could add 50 MB to its peak.
 */
const UNPARSE: Papa.UnparseConfig = { delimiter: ",", quoteChar: '"', escapeChar: '"', newline: "\n", header: false, quotes: false, escapeFormulae: false };

/**
 * A file's records, made on demand a batch at a time: an array, or rows mapped to
 * records only when asked (`lazyRecords`), so a 100K-row diary's cells never exist all at
 * once beside its rows and its text.
 */
export interface CsvRecords {
  readonly length: number;
  slice(start: number, end: number): readonly (readonly string[])[];
}

/** `rows` as CsvRecords, each made by `record` when its batch is rendered. */
export function lazyRecords<R>(rows: readonly R[], record: (row: R) => string[]): CsvRecords {
  return { length: rows.length, slice: (start, end) => rows.slice(start, end).map(record) };
}

/** The whole CSV text: header row, then one line per record, each ending in `\n`. */
export function renderCsv(header: readonly string[], records: CsvRecords): string {
  return render([header]) + render(records);
}

/**
 * Records are rendered a few hundred at a time, so their cells and pieces die young, and
 * each batch's text (tens of KB) stays out of V8's large-object space, which only a full
 * collection empties.
 */
const RENDER_BATCH = 400;
function render(records: CsvRecords): string {
  let text = "";
  for (let start = 0; start < records.length; start += RENDER_BATCH) text += unparse(records.slice(start, start + RENDER_BATCH));
  return text;
}

/** Records as CSV lines, each ending in `\n` (papaparse puts none after the last). */
function unparse(records: readonly (readonly string[])[]): string {
  // papaparse types its input as mutable but only reads it.
  return records.length === 0 ? "" : `${Papa.unparse(records as string[][], UNPARSE)}\n`;
}

export interface CsvPart {
  /** e.g. `diary.csv`, or `diary-2.csv` when split; may hold a folder, e.g. `lists/best.csv`. */
  fileName: string;
  content: string;
  /** Records, not counting the header. */
  rows: number;
  /** UTF-8 size of `content`. */
  bytes: number;
}

/**
 * The CSV of `name` as one `NAME.csv`, or, when that would pass `maxFileBytes`, as
 * `NAME-1.csv`, `NAME-2.csv`, … in record order, each with the header and none over
 * the limit. No records: no file. Throws OutputError when one record alone with the
 * header passes the limit.
 */
export function splitCsv(name: string, header: readonly string[], records: CsvRecords, maxFileBytes: number): CsvPart[] {
  return [...csvParts(name, header, records, maxFileBytes)].map(({ pieces, ...part }) => ({ ...part, content: pieces.join("") }));
}

/** A part as csvParts makes it: its text in pieces (header first), to be written one after another. */
export interface CsvPartPieces extends Omit<CsvPart, "content"> {
  pieces: readonly string[];
}

/**
 * splitCsv's parts one at a time, rendered a batch of records at a time: a 100K-row
 * diary's whole text never exists, nor even one part's as one string (a 900 KB string
 * lives in the large-object space until a full collection), only the pieces of the part
 * being filled.
 * The first part is named when it is full (`NAME-1.csv`) or when the records end
 * without filling it (`NAME.csv`). The OutputError for an oversized record comes when
 * that record is reached, after the parts before it.
 */
export function* csvParts(name: string, header: readonly string[], records: CsvRecords, maxFileBytes: number): Generator<CsvPartPieces> {
  if (records.length === 0) return;
  const headerText = render([header]);
  const headerBytes = Buffer.byteLength(headerText);
  let pieces: string[] = [headerText];
  let partBytes = headerBytes;
  let rows = 0;
  let count = 0;
  for (let start = 0; start < records.length; start += RENDER_BATCH) {
    const text = unparse(records.slice(start, start + RENDER_BATCH));
    const { ends, sizes } = recordBoundaries(text);
    let from = 0;
    for (let index = 0; index < ends.length; index++) {
      const lineBytes = sizes[index] ?? 0;
      if (headerBytes + lineBytes > maxFileBytes) {
        throw new OutputError(
          `Record ${start + index + 1} of ${name}.csv takes ${lineBytes} bytes, ` +
            `too many for a file of at most ${maxFileBytes} bytes with its header; raise --max-file-bytes.`,
        );
      }
      if (partBytes + lineBytes > maxFileBytes) {
        const recordStart = index === 0 ? 0 : (ends[index - 1] ?? 0);
        pieces.push(text.slice(from, recordStart));
        from = recordStart;
        count += 1;
        yield { fileName: `${name}-${count}.csv`, pieces, rows, bytes: partBytes };
        pieces = [headerText];
        partBytes = headerBytes;
        rows = 0;
      }
      partBytes += lineBytes;
      rows += 1;
    }
    pieces.push(text.slice(from));
  }
  const fileName = count === 0 ? `${name}.csv` : `${name}-${count + 1}.csv`;
  yield { fileName, pieces, rows, bytes: partBytes };
}

/**
 * Where each record of papaparse's output ends (offset past its `\n`) and its
 * UTF-8 size, in one pass. A `\n` inside a quoted field is not a record end; in that
 * output every `"` opens or closes quoting (an escaped `""` toggles twice).
 */
function recordBoundaries(body: string): { ends: number[]; sizes: number[] } {
  const ends: number[] = [];
  const sizes: number[] = [];
  let quoted = false;
  let size = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code < 0x80) size += 1;
    else if (code < 0x800) size += 2;
    else if (code >= 0xd800 && code <= 0xdbff && isLowSurrogate(body.charCodeAt(i + 1))) {
      size += 4;
      i += 1;
    } else size += 3; // Including a lone surrogate, which UTF-8 encoding turns into U+FFFD.
    if (code === 0x22) quoted = !quoted;
    else if (code === 0x0a && !quoted) {
      ends.push(i + 1);
      sizes.push(size);
      size = 0;
    }
  }
  return { ends, sizes };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
