import { FieldworkError } from '@fieldwork/core';
import type { PersonRecord } from '@fieldwork/core';
import type { HrCsvOptions } from './hr-csv-config.js';

type Where = { file: string; line?: number };

/**
 * A calendar date in the export's format. ISO (`2026-03-10`, with or without a time) is always
 * accepted; slashed dates follow `format` because `03/04/2026` means different days in the US
 * and in Europe. Empty values and `0000-00-00` mean "no date".
 */
export function parseHrDate(value: string | undefined, format: HrCsvOptions['dateFormat'], where: Where, column: string): string | undefined {
  const v = value?.trim();
  if (!v || v === '0000-00-00') return undefined;
  let y: string | undefined;
  let m: string | undefined;
  let d: string | undefined;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/.exec(v);
  const slashed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (iso) [, y, m, d] = iso;
  else if (slashed && format === 'us') [, m, d, y] = slashed;
  else if (slashed && format === 'eu') [, d, m, y] = slashed;
  const date = y && m && d ? `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` : undefined;
  if (!date || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: column "${column}" has "${v}", which is not a ${format === 'iso' ? 'YYYY-MM-DD' : format === 'us' ? 'MM/DD/YYYY' : 'DD/MM/YYYY'} date.`, {
      where,
      hint: slashed && format === 'iso' ? 'Set options.dateFormat to us (MM/DD/YYYY) or eu (DD/MM/YYYY) to say how this export writes dates.' : 'Fix the value or check options.dateFormat.',
    });
  }
  return date;
}

const YES = new Set(['y', 'yes', 'true', '1', 'x', 'rehire']);

/** Maps one HR export row (keys = CSV column titles) to a person through the column mapping. */
export function mapHrRow(row: Record<string, string>, options: HrCsvOptions, cite: { source: string; artifact: string; locator: string }, where: Where): PersonRecord {
  const c = options.columns;
  const get = (col: string | undefined): string | undefined => (col === undefined ? undefined : row[col]?.trim() || undefined);
  const date = (field: keyof typeof c) => parseHrDate(get(c[field]), options.dateFormat, where, c[field] ?? field);
  const id = get(c.id);
  if (!id) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: the row has no value in "${c.id}" (the employee id).`, { where, hint: 'Every HR row needs its employee id so people can be traced across exports.' });
  }
  const startDate = date('startDate');
  const endDate = date('endDate');
  const original = date('originalStartDate');
  const type = get(c.workerType)?.toLowerCase();
  const workerType = !type ? 'employee'
    : options.contractorValues.some((v) => type === v.toLowerCase() || type.includes(v.toLowerCase())) ? 'contractor'
      : options.internValues.some((v) => type === v.toLowerCase()) ? 'intern' : 'employee';
  const name = get(c.name) ?? ([get(c.firstName), get(c.lastName)].filter(Boolean).join(' ') || undefined);
  const email = get(c.email);
  const manager = get(c.manager);
  const rehireFlag = get(c.rehire);
  return {
    kind: 'person',
    ...cite,
    id,
    ...(email ? { email: email.toLowerCase() } : {}),
    ...(name ? { name } : {}),
    workerType,
    ...(get(c.status) ? { status: get(c.status) } : {}),
    ...(startDate ? { startDate } : {}),
    // An end date before the current start belongs to an earlier tenure.
    ...(endDate && !(startDate && endDate < startDate) ? { endDate } : {}),
    // …and is kept as the earlier spell's end, so the checks judge each employment spell on its own.
    ...(original && startDate && original < startDate ? { originalStartDate: original } : {}),
    ...(endDate && startDate && endDate < startDate ? { priorEndDate: endDate } : {}),
    rehire: (rehireFlag !== undefined && YES.has(rehireFlag.toLowerCase())) || !!(original && startDate && original < startDate),
    ...(get(c.department) ? { department: get(c.department) } : {}),
    ...(manager ? { manager: manager.includes('@') ? manager.toLowerCase() : manager } : {}),
  };
}
