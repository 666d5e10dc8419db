import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { backgroundChecksCsvCollector } from './background-checks-collector.js';

const CHECKR = fileURLToPath(new URL('./fixtures/checkr-reports.csv', import.meta.url));
const { file } = scratchDir('bgc-');

describe('background-checks-csv', () => {
  it('reads Checkr report fields without a mapping: complete reports with their day and result, a pending one unfinished', async () => {
    const records = await parseFile(backgroundChecksCsvCollector, CHECKR);
    expect(records).toEqual([
      expect.objectContaining({ kind: 'background_check', email: 'ada@example.com', reportId: '4722c07dd9a10c3985ae432a', status: 'complete (clear)', completed: true, completedAt: '2026-03-30T18:12:45.000Z', package: 'tasker_standard' }),
      expect.objectContaining({ email: 'ben@example.com', status: 'complete (consider)', completed: true }),
      expect.objectContaining({ email: 'cy@example.com', status: 'pending', completed: false }),
    ]);
    expect(records[2]).not.toHaveProperty('completedAt');
  });

  it('reads another provider through a mapping, and refuses a finished check without its date', async () => {
    const csv = ['Applicant Email,Order Status,Closed Date', 'a@x.ai,Completed,04/02/2026'].join('\n');
    const [r] = await parseFile(backgroundChecksCsvCollector, file('other.csv', csv), { columns: { email: 'Applicant Email', status: 'Order Status', completedAt: 'Closed Date' } });
    expect(r).toMatchObject({ email: 'a@x.ai', completed: true, completedAt: '2026-04-02T00:00:00.000Z' });
    const e = await refusal(backgroundChecksCsvCollector, file('nodate.csv', 'candidate_email,status,completed_at\na@x.ai,complete,\n'));
    expect(e).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'nodate.csv', line: 2 } });
  });

  it('refuses a mapping that names a column the file does not have', async () => {
    const e = await refusal(backgroundChecksCsvCollector, CHECKR, { columns: { email: 'Applicant Email' } });
    expect(e).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'checkr-reports.csv', line: 1 } });
    expect(e.message).toContain('"Applicant Email" (options.columns.email)');
  });
});
