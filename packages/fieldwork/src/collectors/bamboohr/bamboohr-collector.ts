import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { ArtifactInput, Collector } from '../collector.js';
import { iterateCsvRows, iterateJsonItems, pointer, readCsvHeader } from '../input/index.js';
import { BAMBOO_REQUIRED, BAMBOO_TITLES, bambooOptionsSchema } from './bamboohr-config.js';
import type { BambooOptions } from './bamboohr-config.js';
import { mapBambooRow } from './bamboohr-mapper.js';

async function firstChar(input: { open(): NodeJS.ReadableStream }): Promise<string | undefined> {
  for await (const c of input.open()) {
    const m = /\S/.exec(String(c).replace(/^\uFEFF/, ''));
    if (m) return m[0];
  }
  return undefined;
}

/** BambooHR employee report: CSV download or the custom-report API's JSON (`employees` array). */
export const bambooCollector: Collector<BambooOptions> = {
  kind: 'bamboohr-csv',
  snapshotKinds: ['person'],
  description: 'BambooHR custom report (CSV, or JSON from /v1/reports/custom) with employeeNumber, workEmail, hireDate, terminationDate, status',
  options: bambooOptionsSchema,
  mediaType: 'text/csv',
  fileTypes: ['.csv', '.json'],
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const first = await firstChar(input);
    if (first === '{') {
      for await (const item of iterateJsonItems(input)) {
        const doc = item.value as { employees?: unknown };
        if (!doc || !Array.isArray(doc.employees)) {
          throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} is JSON but has no "employees" array.`, {
            where: { file: input.displayName, pointer: '/employees' }, hint: 'Export the report as CSV, or save the /v1/reports/custom?format=JSON response as it is.',
          });
        }
        for (const [i, e] of doc.employees.entries()) {
          const row = Object.fromEntries(Object.entries(e as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)]));
          const loc = pointer('/employees', i);
          yield validate(mapBambooRow(row, options, ctx.cite(loc), { file: input.displayName, pointer: loc }), input.displayName, { pointer: loc });
        }
      }
      return;
    }
    const rename = await headerRenames(input);
    for await (const { row, line } of iterateCsvRows(input)) {
      const named = Object.fromEntries(Object.entries(row).map(([k, v]) => [rename.get(k) ?? k, v]));
      yield validate(mapBambooRow(named, options, ctx.cite(`line ${line}`), { file: input.displayName, line }), input.displayName, { line });
    }
  },
};

/**
 * Reads the header line and maps web-UI column titles ("Employee #") to field ids
 * (`employeeNumber`), refusing a file that lacks a required column — even when it has no rows.
 */
async function headerRenames(input: { displayName: string; size: number; open(): NodeJS.ReadableStream }): Promise<Map<string, string>> {
  const header = await readCsvHeader(input as ArtifactInput);
  if (header.length === 0 || header.every((h) => h === '')) {
    throw new FieldworkError('INPUT_MALFORMED', `${input.displayName} is empty.`, { where: { file: input.displayName }, hint: 'Export the report again; an empty file is not evidence (a header line alone is a valid empty report).' });
  }
  const rename = new Map<string, string>();
  const ids = new Set(header.map((h) => h.toLowerCase()));
  for (const h of header) {
    const id = BAMBOO_TITLES[h.toLowerCase()];
    if (id && !ids.has(id.toLowerCase())) rename.set(h, id);
  }
  const have = new Set(header.map((h) => (rename.get(h) ?? h).toLowerCase()));
  const missing = BAMBOO_REQUIRED.filter((r) => !have.has(r.toLowerCase()));
  if (missing.length > 0) {
    throw new FieldworkError('INPUT_WRONG_FORMAT', `${input.displayName} has no column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}.`, {
      where: { file: input.displayName, line: 1 },
      hint: `A BambooHR report needs ${BAMBOO_REQUIRED.join(', ')} (or the web export's titles: Employee #, Work Email, Hire Date, Termination Date, Status). For another HR system use kind hr-csv with a column mapping.`,
    });
  }
  return rename;
}

function validate<T extends { id: string; email?: string }>(p: T, file: string, where: { line?: number; pointer?: string }): T {
  if (!p.id) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: a row has no employeeNumber.`, { where: { file, ...where }, hint: 'Every HR row needs its employee number so people can be traced.' });
  }
  return p;
}
