import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core';
import { REAL_FIXTURES, parseFile, parseFileReport } from '../../testing/index.js';
import { hrCsvCollector } from './hr-csv-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'hr-csv-'));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function failure(path: string, options: unknown): Promise<{ code: string; where?: unknown; message: string; hint?: string }> {
  try {
    await parseFile(hrCsvCollector, path, options);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const GUSTO = {
  columns: { id: 'Employee ID', firstName: 'Legal first name', lastName: 'Legal last name', email: 'Work email', startDate: 'Start date', endDate: 'Dismissal date', workerType: 'Employment type', department: 'Department', manager: 'Manager email' },
  dateFormat: 'us',
};
const GUSTO_HEADER = 'Employee ID,Legal first name,Legal last name,Work email,Start date,Dismissal date,Employment type,Department,Manager email';

describe('hr-csv', () => {
  it('reads a Gusto-style roster through the column mapping (US dates)', async () => {
    const csv = [
      GUSTO_HEADER,
      'g-1,Ada,Okafor,ADA@example.com,3/4/2024,,Full-time employee,Engineering,Maya.Chen@example.com',
      'g-2,Ben,Walsh,ben@example.com,01/06/2025,05/08/2026,Contractor (1099),Sales,',
    ].join('\n');
    const people = await parseFile(hrCsvCollector, file('gusto.csv', csv), GUSTO);
    expect(people[0]).toMatchObject({ kind: 'person', id: 'g-1', email: 'ada@example.com', name: 'Ada Okafor', startDate: '2024-03-04', workerType: 'employee', manager: 'maya.chen@example.com', rehire: false, locator: 'line 2' });
    expect(people[1]).toMatchObject({ id: 'g-2', startDate: '2025-01-06', endDate: '2026-05-08', workerType: 'contractor' });
  });

  it('reads European dates and a single name column (Rippling-style)', async () => {
    const csv = 'Employee ID,Full Name,Work Email,Start Date,End Date,Employment Status\nr-9,Chen Singh,chen@example.com,10/03/2026,31.07.2026,Terminated\n';
    const [p] = await parseFile(hrCsvCollector, file('rippling.csv', csv), { columns: { id: 'Employee ID', name: 'Full Name', email: 'Work Email', startDate: 'Start Date', endDate: 'End Date', status: 'Employment Status' }, dateFormat: 'eu' });
    expect(p).toMatchObject({ name: 'Chen Singh', startDate: '2026-03-10', endDate: '2026-07-31', status: 'Terminated' });
  });

  it('marks rehires from a rehire column or an earlier original hire date', async () => {
    const csv = 'id,email,start,end,original,rehired\n1,a@example.com,2026-03-02,2025-01-31,2024-02-01,\n2,b@example.com,2026-01-05,,,Yes\n3,c@example.com,2025-01-05,,2025-01-05,no\n';
    const people = await parseFile(hrCsvCollector, file('rehire.csv', csv), { columns: { id: 'id', email: 'email', startDate: 'start', endDate: 'end', originalStartDate: 'original', rehire: 'rehired' } });
    expect(people.map((p) => p.kind === 'person' && p.rehire)).toEqual([true, true, false]);
    // The earlier tenure's dates stay on the record, so the checks can judge that spell on its own.
    expect(people[0]).toMatchObject({ startDate: '2026-03-02', originalStartDate: '2024-02-01', priorEndDate: '2025-01-31' });
    expect(people[0]).not.toHaveProperty('endDate');
    // The end of the earlier tenure is not an end of the current one.
    expect(people[0]).not.toHaveProperty('endDate');
  });

  it('names the columns the mapping leaves unread', async () => {
    const csv = `${GUSTO_HEADER},Salary,Home address\ng-1,Ada,Okafor,ada@example.com,3/4/2024,,Full-time,Engineering,,90000,1 Main St\n`;
    const { records, ignored } = await parseFileReport(hrCsvCollector, file('extra.csv', csv), GUSTO);
    expect(records).toHaveLength(1);
    expect(ignored).toEqual([{ field: 'Salary', at: 'line 1' }, { field: 'Home address', at: 'line 1' }]);
  });

  it('accepts a header-only export as an empty population', async () => {
    expect(await parseFile(hrCsvCollector, file('empty.csv', `${GUSTO_HEADER}\n`), GUSTO)).toEqual([]);
  });

  it('names the mapped column the file lacks, even without rows', async () => {
    const err = await failure(file('wrong.csv', 'Employee ID,Name\n'), GUSTO);
    expect(err).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'wrong.csv', line: 1 } });
    expect(err.message).toMatch(/"Work email" \(options\.columns\.email\)/);
    expect(err.hint).toMatch(/Employee ID, Name/);
  });

  it('refuses a slashed date under the ISO format, suggesting dateFormat', async () => {
    const err = await failure(file('slashed.csv', 'id,start\n1,03/04/2026\n'), { columns: { id: 'id', startDate: 'start' } });
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 2 } });
    expect(err.hint).toMatch(/dateFormat/);
  });

  it('refuses impossible dates and rows without an id', async () => {
    expect((await failure(file('feb30.csv', 'id,start\n1,02/30/2026\n'), { columns: { id: 'id', startDate: 'start' }, dateFormat: 'us' })).code).toBe('INPUT_INVALID_RECORD');
    expect(await failure(file('noid.csv', 'id,start\n,2026-01-01\n'), { columns: { id: 'id', startDate: 'start' } })).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 2 } });
  });

  it('refuses a truncated file, an empty file and a JSON export', async () => {
    const truncated = `${GUSTO_HEADER}\ng-1,Ada,Okafor,ada@example.com,3/4/2024,,Full-time,Engineering,m@example.com\ng-2,Ben,Wal`;
    expect(await failure(file('truncated.csv', truncated), GUSTO)).toMatchObject({ code: 'INPUT_MALFORMED', where: { line: 3 } });
    expect((await failure(file('zero.csv', ''), GUSTO)).code).toBe('INPUT_MALFORMED');
    expect((await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'), GUSTO)).code).toBe('INPUT_WRONG_FORMAT');
  });

  it('rejects a mapping without an id column', () => {
    expect(hrCsvCollector.options.safeParse({ columns: { email: 'Email' } }).success).toBe(false);
    expect(hrCsvCollector.options.safeParse({ columns: { id: 'ID' }, dateFormat: 'uk' }).success).toBe(false);
  });
});
