import { FieldworkError } from '@fieldwork/core/errors';
import { parse } from 'csv-parse';
import type { ArtifactInput } from '../collector.js';

/**
 * Longest CSV record (bytes) read. Real rows are a few KB; without a bound, a header of tens of
 * MB with no line break makes the parser quadratic (minutes) and holds it all in memory.
 */
export const MAX_CSV_RECORD_BYTES = 4 * 1024 * 1024;

/** One CSV row as an object keyed by header, with its 1-based line number. */
export interface CsvRow {
  row: Record<string, string>;
  line: number;
}

/**
 * Streams the rows of a CSV file with a header line. `required` headers must be present
 * (matched case-insensitively after trimming), or the file is refused as the wrong format.
 */
export async function* iterateCsvRows(input: ArtifactInput, required: string[] = []): AsyncGenerator<CsvRow> {
  await refuseEndlessFirstLine(input);
  const parser = input.open().pipe(parse({ columns: (h: string[]) => h.map((c) => c.replace(/^\uFEFF/, '').trim()), bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: true, max_record_size: MAX_CSV_RECORD_BYTES }));
  let headerChecked = false;
  let rows = 0;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!headerChecked) {
        headerChecked = true;
        const have = new Set(Object.keys(rec.record).map((k) => k.toLowerCase()));
        const missing = required.filter((r) => !have.has(r.toLowerCase()));
        if (missing.length > 0) {
          throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, {
            where: { file: input.displayName, line: 1 },
            hint: `Expected a header line with ${required.join(', ')}. Is this the right file for the kind, or does it need a column mapping (options.columns)?`,
          });
        }
      }
      rows++;
      yield { row: rec.record, line: rec.info.lines };
    }
  } catch (e) {
    if (e instanceof FieldworkError) throw e;
    const err = e as { message?: string; lines?: number; code?: string };
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid CSV: ${err.message ?? String(e)}`, {
      where: { file: input.displayName, ...(err.lines ? { line: err.lines } : {}) },
      hint: err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'A row has a different number of fields than the header; the file may be truncated or a value has an unquoted comma.'
        : err.code === 'CSV_MAX_RECORD_SIZE' ? `A record is longer than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB: the file has no line breaks, an unclosed quote, or is not CSV.`
        : 'Check quoting at that line, or export the file again.',
      cause: e,
    });
  }
  if (rows === 0 && required.length > 0) {
    // An export with only a header is a valid, empty population; a file with nothing is not.
    if (input.size === 0) {
      throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the file again; an empty file is not evidence.' });
    }
  }
}

/**
 * The header line of a CSV file (trimmed, BOM removed), or `[]` for an empty file, so a wrong
 * file is refused even when it has no rows. Bounded like the rows: a header without a line
 * break is refused at {@link MAX_CSV_RECORD_BYTES}.
 */
export async function readCsvHeader(input: ArtifactInput): Promise<string[]> {
  await refuseEndlessFirstLine(input);
  const parser = input.open().pipe(parse({ bom: true, to_line: 1, relax_column_count: true, relax_quotes: true, max_record_size: MAX_CSV_RECORD_BYTES }));
  try {
    for await (const rec of parser as AsyncIterable<string[]>) return rec.map((h) => h.replace(/^\uFEFF/, '').trim());
  } catch (e) {
    if (e instanceof FieldworkError) throw e;
    const err = e as { message?: string; code?: string };
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} has no readable CSV header line: ${err.message ?? String(e)}`, {
      where: { file: input.displayName, line: 1 },
      hint: err.code === 'CSV_MAX_RECORD_SIZE' ? `The first line is longer than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB: the file has no line breaks or is not CSV.` : 'Check the first line of the file, or export it again.',
      cause: e,
    });
  }
  return [];
}

/**
 * Refuses a file whose first {@link MAX_CSV_RECORD_BYTES} bytes hold no line break, before the
 * parser sees it: the parser would refuse it too, but only after working through those bytes one
 * character at a time (seconds, and tens of seconds on a busy machine); a byte search takes
 * milliseconds.
 */
async function refuseEndlessFirstLine(input: ArtifactInput): Promise<void> {
  if (input.size <= MAX_CSV_RECORD_BYTES) return;
  const stream = input.open();
  let seen = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lf = chunk.indexOf(0x0a);
      const cr = chunk.indexOf(0x0d);
      if ((lf >= 0 && seen + lf <= MAX_CSV_RECORD_BYTES) || (cr >= 0 && seen + cr <= MAX_CSV_RECORD_BYTES)) return;
      seen += chunk.length;
      if (seen > MAX_CSV_RECORD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  if (seen <= MAX_CSV_RECORD_BYTES) return;
  throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is not valid CSV: its first line is longer than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB.`, {
    where: { file: input.displayName, line: 1 },
    hint: `The first line is longer than ${MAX_CSV_RECORD_BYTES / 1024 / 1024} MB: the file has no line breaks or is not CSV.`,
  });
}

/** Looks a column up case-insensitively. */
export function col(row: Record<string, string>, ...names: string[]): string | undefined {
  for (const n of names) {
    if (row[n] !== undefined) return row[n] === '' ? undefined : row[n];
    const k = Object.keys(row).find((x) => x.toLowerCase() === n.toLowerCase());
    if (k !== undefined) return row[k] === '' ? undefined : row[k];
  }
  return undefined;
}
