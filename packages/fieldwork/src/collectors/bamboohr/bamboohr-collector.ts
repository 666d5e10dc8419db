import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collector.js';
import { iterateCsvRows, iterateJsonItems, pointer } from '../input/index.js';
import { BAMBOO_REQUIRED, bambooOptionsSchema } from './bamboohr-config.js';
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
  description: 'BambooHR custom report (CSV, or JSON from /v1/reports/custom) with employeeNumber, workEmail, hireDate, terminationDate, status',
  options: bambooOptionsSchema,
  mediaType: 'text/csv',
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
    for await (const { row, line } of iterateCsvRows(input, BAMBOO_REQUIRED)) {
      yield validate(mapBambooRow(row, options, ctx.cite(`line ${line}`), { file: input.displayName, line }), input.displayName, { line });
    }
  },
};

function validate<T extends { id: string; email?: string }>(p: T, file: string, where: { line?: number; pointer?: string }): T {
  if (!p.id) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: a row has no employeeNumber.`, { where: { file, ...where }, hint: 'Every HR row needs its employee number so people can be traced.' });
  }
  return p;
}
