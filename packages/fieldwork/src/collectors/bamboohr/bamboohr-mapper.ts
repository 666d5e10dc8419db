import type { PersonRecord } from '@fieldwork/core';
import { col, normalizeDate } from '../input/index.js';
import type { BambooOptions } from './bamboohr-config.js';

/** Maps one BambooHR report row (CSV row or JSON employee object, field ids as keys) to a person. */
export function mapBambooRow(
  row: Record<string, string>,
  options: BambooOptions,
  cite: { source: string; artifact: string; locator: string },
  where: { file: string; line?: number; pointer?: string },
): PersonRecord {
  const id = col(row, 'employeeNumber', 'id') ?? '';
  const startDate = normalizeDate(col(row, 'hireDate'), where, 'hireDate');
  const original = normalizeDate(col(row, 'originalHireDate'), where, 'originalHireDate');
  const endDate = normalizeDate(col(row, 'terminationDate'), where, 'terminationDate');
  const type = col(row, 'employmentHistoryStatus', 'employmentStatus', 'employeeType');
  const contractor = !!type && options.contractorStatuses.some((s) => s.toLowerCase() === type.toLowerCase());
  const first = col(row, 'firstName') ?? '';
  const last = col(row, 'lastName') ?? '';
  const email = col(row, 'workEmail', 'email');
  return {
    kind: 'person',
    ...cite,
    id,
    ...(email ? { email: email.toLowerCase() } : {}),
    ...(first || last ? { name: `${first} ${last}`.trim() } : {}),
    workerType: contractor ? 'contractor' : 'employee',
    ...(col(row, 'status') ? { status: col(row, 'status') } : {}),
    ...(startDate ? { startDate } : {}),
    // A termination date before the current hire date belongs to an earlier tenure.
    ...(endDate && !(startDate && endDate < startDate) ? { endDate } : {}),
    // …and is kept as the earlier spell's end, so the checks judge each employment spell on its own.
    ...(original && startDate && original < startDate ? { originalStartDate: original } : {}),
    ...(endDate && startDate && endDate < startDate ? { priorEndDate: endDate } : {}),
    rehire: !!(original && startDate && original < startDate),
    ...(col(row, 'department') ? { department: col(row, 'department') } : {}),
    ...(col(row, 'supervisorEmail', 'supervisor') ? { manager: col(row, 'supervisorEmail', 'supervisor') } : {}),
  };
}
