import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFile, parseFileReport, refusal, scratchDir } from '../../testing/index.js';
import { knowbe4Collector } from './knowbe4-collector.js';
import { trainingCsvCollector } from './training-csv-collector.js';

const KNOWBE4 = fileURLToPath(new URL('./fixtures/knowbe4-enrollments.json', import.meta.url));
const { file } = scratchDir('training-');

describe('knowbe4-enrollments', () => {
  it('reads the Reporting API enrollments: a pass with its completion, a past-due one without, and names the fields not read', async () => {
    const { records, ignored } = await parseFileReport(knowbe4Collector, KNOWBE4);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ kind: 'training', email: 'ssmith@kb4-demo.com', enrollmentId: '1425526', campaign: '2026 Annual Training', completedAt: '2026-02-03T16:58:40.000Z', status: 'Passed', locator: '/0' });
    expect(records[1]).toMatchObject({ kind: 'training', email: 'jdoe@kb4-demo.com', status: 'Past Due' });
    expect(records[1]).not.toHaveProperty('completedAt');
    expect(ignored.map((i) => i.field).sort()).toEqual(['start_date', 'time_spent', 'user.first_name', 'user.id', 'user.last_name']);
  });

  it('a policy module mapped in options is a policy acknowledgement, not training', async () => {
    const records = await parseFile(knowbe4Collector, KNOWBE4, { policies: { 'Acceptable Use Policy': { policy: 'acceptable-use', version: '3' } } });
    expect(records[2]).toMatchObject({ kind: 'policy_ack', email: 'ssmith@kb4-demo.com', policy: 'acceptable-use', version: '3', at: '2026-01-12T09:41:17.000Z', method: 'knowbe4' });
    expect(records.filter((r) => r.kind === 'training')).toHaveLength(2);
  });

  it('refuses a file that is not enrollments, naming the place', async () => {
    const e = await refusal(knowbe4Collector, file('users.json', JSON.stringify([{ id: 1, email: 'a@x.ai' }])));
    expect(e).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'users.json', pointer: '/0/enrollment_id' } });
    expect(e.hint).toContain('/v1/training/enrollments');
  });
});

describe('training-csv', () => {
  it('reads an LMS export by its own column names, and a row without a completion date is not finished', async () => {
    const csv = ['Learner Email,Course Name,Campaign,Status,Assigned Date,Completion Date,Due Date,Score', 'ADA@x.ai,Security Basics,Onboarding,Completed,2026-03-02,2026-03-05T10:00:00Z,2026-04-01,92', 'ben@x.ai,Security Basics,Onboarding,In progress,2026-03-02,,2026-04-01,'].join('\n');
    const { records, ignored } = await parseFileReport(trainingCsvCollector, file('lms.csv', csv), {}, 'America/New_York');
    expect(records[0]).toMatchObject({ kind: 'training', email: 'ada@x.ai', course: 'Security Basics', campaign: 'Onboarding', completedAt: '2026-03-05T10:00:00.000Z', enrolledAt: '2026-03-02T05:00:00.000Z', dueDate: '2026-04-01' });
    expect(records[1]).not.toHaveProperty('completedAt');
    expect(ignored).toEqual([{ field: 'Score', at: 'line 1' }]);
  });

  it('a status that says not finished wins over a filled-in date (a reset attempt)', async () => {
    const csv = ['email,course,status,completed', 'a@x.ai,Security Basics,Failed,03/05/2026'].join('\n');
    const [r] = await parseFile(trainingCsvCollector, file('failed.csv', csv));
    expect(r).not.toHaveProperty('completedAt');
  });

  it('takes a user mapping for unusual titles, and refuses a file missing a required column', async () => {
    const csv = ['Who,What,Finished', 'a@x.ai,Phishing 101,2026-03-05'].join('\n');
    const [r] = await parseFile(trainingCsvCollector, file('custom.csv', csv), { columns: { email: 'Who', course: 'What', completedAt: 'Finished' } });
    expect(r).toMatchObject({ email: 'a@x.ai', course: 'Phishing 101', completedAt: '2026-03-05T00:00:00.000Z' });
    const e = await refusal(trainingCsvCollector, file('nocourse.csv', 'email,completed\na@x.ai,2026-03-05\n'));
    expect(e).toMatchObject({ code: 'INPUT_WRONG_FORMAT', where: { file: 'nocourse.csv', line: 1 } });
    expect(e.message).toContain('for course');
  });

  it('refuses a date that is not one, naming the line and the column', async () => {
    const e = await refusal(trainingCsvCollector, file('baddate.csv', 'email,course,completed\na@x.ai,X,2026-02-30\n'));
    expect(e).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { file: 'baddate.csv', line: 2 } });
  });
});
