import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord, TrainingRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { FieldMapping, instantFromCell, normalizeDate, readMappedCsv } from '../input/index.js';
import { TRAINING_FIELDS, TRAINING_REQUIRED, trainingCsvOptionsSchema } from './training-config.js';
import type { TrainingCsvOptions } from './training-config.js';

/** Security-awareness training enrollments and completions from any LMS export (CSV), through a column mapping. */
export const trainingCsvCollector: Collector<TrainingCsvOptions> = {
  kind: 'training-csv',
  // A completion report restates every enrollment: a newer export of the same source replaces the older.
  snapshotKinds: ['training'],
  description: 'Training enrollments as CSV (email, course, campaign, status, enrolled, completed, due) from any LMS or awareness platform',
  options: trainingCsvOptionsSchema,
  mappingOption: 'columns',
  mediaType: 'text/csv',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const mapping = new FieldMapping(TRAINING_FIELDS, options.columns);
    const incomplete = new Set(options.incompleteStatuses.map((s) => s.toLowerCase()));
    for await (const { value: v, line, column } of readMappedCsv(input, ctx, mapping, TRAINING_REQUIRED, 'training report')) {
      const where = { file, line };
      for (const f of TRAINING_REQUIRED) {
        if (!v[f]) throw new FieldworkError('INPUT_INVALID_RECORD', `${file}: line ${line} has no ${f} (column "${column[f] ?? f}").`, { where, hint: 'Every enrollment needs the person and the course.' });
      }
      const finished = v.completedAt !== undefined && !(v.status && incomplete.has(v.status.toLowerCase()));
      const due = normalizeDate(v.dueDate, where, column.dueDate ?? 'dueDate');
      const record: TrainingRecord = {
        kind: 'training',
        ...ctx.cite(`line ${line}`),
        email: v.email.toLowerCase(),
        course: v.course,
        ...(v.campaign ? { campaign: v.campaign } : {}),
        ...(v.id ? { enrollmentId: v.id } : {}),
        ...(v.enrolledAt ? { enrolledAt: instantFromCell(v.enrolledAt, where, column.enrolledAt ?? 'enrolledAt', ctx.timezone) } : {}),
        ...(finished ? { completedAt: instantFromCell(v.completedAt as string, where, column.completedAt ?? 'completedAt', ctx.timezone) } : {}),
        ...(v.status ? { status: v.status } : {}),
        ...(due ? { dueDate: due } : {}),
      };
      yield record;
    }
  },
};
