import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFieldworkError } from '@fieldwork/core/errors';
import { REAL_FIXTURES, parseFile } from '../../testing/index.js';
import { bambooCollector } from './bamboohr-collector.js';

const dir = mkdtempSync(join(tmpdir(), 'bamboohr-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function failure(path: string): Promise<{ code: string; where?: unknown; message: string }> {
  try {
    await parseFile(bambooCollector, path);
  } catch (e) {
    if (isFieldworkError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

const HEADER = 'employeeNumber,firstName,lastName,workEmail,department,employmentHistoryStatus,hireDate,originalHireDate,terminationDate,status';

describe('bamboohr-csv', () => {
  it('reads a CSV report: people, leavers, contractors, rehires', async () => {
    const csv = [
      HEADER,
      '1001,Ada,Okafor,Ada.Okafor@Example.com,Engineering,Full-Time,2024-03-04,2024-03-04,0000-00-00,Active',
      '1002,Ben,Walsh,ben.walsh@example.com,Sales,Contractor,2025-01-06,2025-01-06,2026-05-08,Inactive',
      '1003,Chen,Singh,chen.singh@example.com,Engineering,Full-Time,2026-03-02,2024-02-01,2025-01-31,Active',
    ].join('\r\n') + '\r\n';
    const people = await parseFile(bambooCollector, file('employees.csv', csv));
    expect(people).toHaveLength(3);
    expect(people[0]).toMatchObject({ kind: 'person', id: '1001', email: 'ada.okafor@example.com', name: 'Ada Okafor', workerType: 'employee', startDate: '2024-03-04', rehire: false, locator: 'line 2' });
    expect(people[0]).not.toHaveProperty('endDate');
    expect(people[1]).toMatchObject({ workerType: 'contractor', endDate: '2026-05-08', status: 'Inactive' });
    // The earlier tenure's termination date is not this tenure's end.
    expect(people[2]).toMatchObject({ rehire: true, startDate: '2026-03-02' });
    expect(people[2]).not.toHaveProperty('endDate');
  });

  it('reads the web UI download (column titles, BOM, US dates)', async () => {
    const csv = '\uFEFF"Employee #","First Name","Last Name","Work Email","Hire Date","Termination Date","Status"\n"7","Dara","Haddad","dara@example.com","04/15/2026","","Active"\n';
    const [p] = await parseFile(bambooCollector, file('ui.csv', csv));
    expect(p).toMatchObject({ id: '7', email: 'dara@example.com', startDate: '2026-04-15', name: 'Dara Haddad' });
  });

  it('accepts a header-only export as an empty population', async () => {
    expect(await parseFile(bambooCollector, file('empty.csv', `${HEADER}\n`))).toEqual([]);
  });

  it('reads the custom-report JSON ({fields, employees})', async () => {
    const json = {
      title: 'Fieldwork people',
      fields: [{ id: 'employeeNumber', type: 'text', name: 'Employee #' }, { id: 'workEmail', type: 'email', name: 'Work Email' }, { id: 'hireDate', type: 'date', name: 'Hire date' }, { id: 'terminationDate', type: 'date', name: 'Termination date' }, { id: 'status', type: 'status', name: 'Status' }],
      employees: [
        { id: '40', employeeNumber: '1040', workEmail: 'eli@example.com', hireDate: '2025-06-01', terminationDate: '0000-00-00', status: 'Active', supervisorEmail: null },
        { id: '41', employeeNumber: '1041', workEmail: 'farah@example.com', hireDate: '2024-01-10', terminationDate: '2026-07-31', status: 'Inactive' },
      ],
    };
    const people = await parseFile(bambooCollector, file('report.json', JSON.stringify(json, null, 2)));
    expect(people.map((p) => p.kind === 'person' && [p.id, p.endDate ?? null, p.locator])).toEqual([['1040', null, '/employees/0'], ['1041', '2026-07-31', '/employees/1']]);
  });

  it('refuses a truncated CSV at the broken line', async () => {
    const csv = `${HEADER}\n1001,Ada,Okafor,ada@example.com,Engineering,Full-Time,2024-03-04,2024-03-04,0000-00-00,Active\n1002,Ben,Walsh,ben@exa`;
    const err = await failure(file('truncated.csv', csv));
    expect(err).toMatchObject({ code: 'INPUT_MALFORMED', where: { file: 'truncated.csv', line: 3 } });
  });

  it('refuses a truncated JSON report', async () => {
    const text = JSON.stringify({ employees: [{ employeeNumber: '1', workEmail: 'a@example.com', hireDate: '2025-01-01' }, { employeeNumber: '2', workEmail: 'b@example.com', hireDate: '2025-01-01' }] }, null, 2);
    const err = await failure(file('truncated.json', text.slice(0, Math.floor(text.length / 2))));
    expect(err.code).toBe('INPUT_MALFORMED');
  });

  it('refuses an invalid date with its line', async () => {
    const err = await failure(file('bad-date.csv', `${HEADER}\n1001,Ada,Okafor,ada@example.com,Engineering,Full-Time,2024-13-40,,,Active\n`));
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { line: 2 } });
    expect(err.message).toMatch(/hireDate/);
  });

  it('refuses other files as the wrong format', async () => {
    expect((await failure(join(REAL_FIXTURES, 'identity/okta-system-log.get_logs_response.json'))).code).toBe('INPUT_WRONG_FORMAT');
    expect((await failure(file('other.json', '{"value": []}'))).code).toBe('INPUT_WRONG_FORMAT');
    const gusto = await failure(file('gusto.csv', 'Employee ID,Legal first name,Legal last name,Work email,Start date,Dismissal date\n1,A,B,a@example.com,2025-01-01,\n'));
    expect(gusto).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { line: 1 } });
    expect(gusto.message).toMatch(/employeeNumber/);
  });

  it('refuses an empty file', async () => {
    expect((await failure(file('zero.csv', ''))).code).toBe('INPUT_MALFORMED');
  });
});
