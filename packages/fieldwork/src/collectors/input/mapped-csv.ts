import { FieldworkError } from '@fieldwork/core/errors';
import type { ArtifactInput, ParseContext } from '../collector.js';
import { iterateCsvRows, readCsvHeader } from './csv-input.js';
import type { FieldMapping } from './field-mapping.js';
import { normalizeInstant } from './dates.js';

/** One CSV row read through a field mapping: canonical field → the cell's trimmed text (blank cells left out). */
export interface MappedCsvRow {
  value: Record<string, string>;
  line: number;
  /** Canonical field → the column title it was read from, for error messages. */
  column: Record<string, string>;
}

/**
 * Streams a CSV export through a field mapping (a user's `options.columns` first, then our names
 * and their aliases). Refuses the file when a required field has no column or a mapped column
 * is not in the header, and names every column no field takes through `ctx.ignore`.
 *
 * @example
 * for await (const { value, line } of readMappedCsv(input, ctx, mapping, ['email', 'at'], 'policy acknowledgements')) { … }
 */
export async function* readMappedCsv(input: ArtifactInput, ctx: ParseContext, mapping: FieldMapping, required: readonly string[], what: string): AsyncGenerator<MappedCsvRow> {
  const file = input.displayName;
  const header = await readCsvHeader(input);
  if (header.every((h) => h === '')) {
    throw new FieldworkError('INPUT_MALFORMED', `${file} is empty.`, { where: { file }, hint: `Export the ${what} again; an empty file is not evidence (a header line alone is a valid empty export).` });
  }
  const columns = mapping.read(Object.fromEntries(header.map((h) => [h, 'x'])));
  const unmapped = mapping.unusedUserMappings(header);
  const missing = required.filter((f) => !(f in columns.value) && !unmapped.some(([u]) => u === f));
  if (unmapped.length > 0 || missing.length > 0) {
    const named = [...unmapped.map(([f, t]) => `"${t}" (options.columns.${f})`), ...missing.map((f) => `for ${f} (${mapping.namesOf(f).join(', ')})`)];
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no column ${named.join(', ')}.`, {
      where: { file, line: 1 },
      hint: `The header has: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}. Name your columns in options.columns (our field: your column title), or export the right file.`,
    });
  }
  for (const c of columns.ignored.flatMap((t) => (t === '' ? header.flatMap((h, i) => (h === '' ? [`column ${i + 1} (no title)`] : [])) : [t]))) ctx.ignore?.(c, 'line 1');
  const column = Object.fromEntries(Object.entries(columns.origin).map(([k, v]) => [k, v.join('.')]));
  for await (const { row, line } of iterateCsvRows(input)) {
    const mapped = mapping.read(row);
    const value: Record<string, string> = {};
    for (const [k, v] of Object.entries(mapped.value)) if (typeof v === 'string' && v.trim() !== '') value[k] = v.trim();
    yield { value, line, column };
  }
}

/**
 * An instant from an export cell: ISO-8601 with or without a time (a local time or a bare date is
 * read in `timeZone`, a bare date as the start of that day), or a US `MM/DD/YYYY` date.
 */
export function instantFromCell(value: string, where: { file: string; line: number }, field: string, timeZone: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(value.trim());
  const iso = us ? `${us[3]}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}${us[4] ? `T${us[4].padStart(2, '0')}:${us[5]}:${us[6] ?? '00'}` : ''}` : value;
  const out = normalizeInstant(iso, where, field, timeZone);
  if (!out) throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: ${field} is empty.`, { where, hint: 'Every row needs this date.' });
  return out;
}
