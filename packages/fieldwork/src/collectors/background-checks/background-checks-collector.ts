import { FieldworkError } from '@fieldwork/core/errors';
import type { BackgroundCheckRecord, FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, instantFromCell, readMappedCsv } from '../input/index.js';
import { BACKGROUND_CHECK_FIELDS, BACKGROUND_CHECK_REQUIRED, backgroundChecksCsvOptionsSchema } from './background-checks-config.js';
import type { BackgroundChecksCsvOptions } from './background-checks-config.js';

/** Background check reports from a screening provider's export (Checkr, or any CSV through a mapping). */
export const backgroundChecksCsvCollector: Collector<BackgroundChecksCsvOptions> = {
  kind: 'background-checks-csv',
  // A report export restates every report: a newer export replaces the older one's statuses.
  snapshotKinds: ['background_check'],
  description: 'Background check reports as CSV (candidate email, status, result, package, completed_at; Checkr names by default, others through options.columns)',
  options: backgroundChecksCsvOptionsSchema,
  mappingOption: 'columns',
  mediaType: 'text/csv',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const mapping = new FieldMapping(BACKGROUND_CHECK_FIELDS, options.columns);
    const done = new Set(options.completedStatuses.map((s) => s.toLowerCase()));
    for await (const { value: v, line, column } of readMappedCsv(input, ctx, mapping, BACKGROUND_CHECK_REQUIRED, 'background check report')) {
      const where = { file, line };
      for (const f of BACKGROUND_CHECK_REQUIRED) {
        if (!v[f]) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${line} has no ${f} (column "${column[f] ?? f}").`, { where, hint: 'Every report needs the candidate and its status.' });
      }
      const completed = done.has(v.status.toLowerCase());
      if (completed && !v.completedAt) {
        throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${line} is ${v.status} but has no completion date.`, { where, hint: `A finished check needs the day it finished (column ${mapping.namesOf('completedAt').join(', ')}), or the start-date test cannot be made.` });
      }
      const record: BackgroundCheckRecord = {
        kind: 'background_check',
        ...ctx.cite(`line ${line}`),
        email: v.email.toLowerCase(),
        ...(v.id ? { reportId: v.id } : {}),
        status: v.result && completed ? `${v.status} (${v.result})` : v.status,
        completed,
        ...(completed ? { completedAt: instantFromCell(v.completedAt as string, where, column.completedAt ?? 'completedAt', ctx.timezone) } : {}),
        ...(v.package ? { package: v.package } : {}),
      };
      yield record;
    }
  },
};
