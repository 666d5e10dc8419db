import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, Collector } from '../collector.js';
import { iterateCsvRows, readCsvHeader } from '../input/index.js';
import { hrCsvOptionsSchema } from './hr-csv-config.js';
import type { HrCsvOptions } from './hr-csv-config.js';
import { mapHrRow } from './hr-csv-mapper.js';

/** Any HRIS export as CSV (Gusto, Rippling, Deel, a spreadsheet), read through a column mapping. */
export const hrCsvCollector: Collector<HrCsvOptions> = {
  kind: 'hr-csv',
  snapshotKinds: ['person'],
  description: 'HR roster as CSV from any HRIS or spreadsheet, with a column mapping in options.columns',
  options: hrCsvOptionsSchema,
  mappingOption: 'columns',
  mediaType: 'text/csv',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const header = await readCsvHeader(input);
    if (header.every((h) => h === '')) {
      throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the roster again; an empty file is not evidence (a header line alone is a valid empty roster).' });
    }
    const mapped = Object.entries(options.columns) as [string, string][];
    const missing = mapped.filter(([, title]) => !header.includes(title));
    if (missing.length > 0) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} has no column ${missing.map(([f, t]) => `"${t}" (options.columns.${f})`).join(', ')}.`, {
        where: { file: input.displayName, line: 1 },
        hint: `The header has: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}. Column titles are matched exactly; fix options.columns or export the right file.`,
      });
    }
    const read = new Set(mapped.map(([, title]) => title));
    header.forEach((h, i) => {
      if (!read.has(h)) ctx.ignore?.(h === '' ? `column ${i + 1} (no title)` : h, 'line 1');
    });
    for await (const { row, line } of iterateCsvRows(input)) {
      yield mapHrRow(row, options, ctx.cite(`line ${line}`), { file: input.displayName, line });
    }
  },
};
