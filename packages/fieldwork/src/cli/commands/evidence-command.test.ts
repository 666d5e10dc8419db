import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkspace } from '../../workspace/index.js';
import { runCliCaptured as cli } from '../../testing/run-cli-captured.js';

// A window in the past whatever day the test runs, so every date below is a real past date.
describe('fieldwork evidence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldwork-evidence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  initWorkspace({
    dir, organization: 'Relay Labs', timezone: 'UTC', owner: { name: 'Maya Chen', email: 'maya@relay.test' }, categories: ['security'],
    report: { type: 2, from: '2025-04-01', to: '2025-09-30' }, startDate: '2025-01-01', b2b: true, force: true,
    people: [{ name: 'Tomas Varga', email: 'tomas@relay.test', roles: ['security-lead'] }, { name: 'Leo Brandt', email: 'leo@relay.test', roles: ['it-admin'] }],
  });
  const ws = ['--workspace', dir];
  const pdf = join(dir, 'siem-config.pdf');
  writeFileSync(pdf, '%PDF-1.4\n% SIEM forwarding rules export\n%%EOF\n');
  const png = join(dir, 'alerting.png');
  writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));

  it('lists requests with owner, due date and status, filtered', async () => {
    const all = JSON.parse((await cli([...ws, '--json', 'evidence', 'list', '--as-of', '2025-10-05'])).stdout);
    expect(all.window).toEqual({ from: '2025-04-01', to: '2025-09-30' });
    expect(all.requests.find((r: { id: string }) => r.id === 'LOG-01/2025-Q2')).toMatchObject({ status: 'missing', due: '2025-07-30', owner: { email: 'tomas@relay.test', resolvedBy: 'role' } });
    // The window's last quarter is due on the window's last day.
    expect(all.requests.find((r: { id: string }) => r.id === 'LOG-01/2025-Q3')).toMatchObject({ status: 'missing', due: '2025-09-30' });
    expect(JSON.parse((await cli([...ws, '--json', 'evidence', 'list', '--as-of', '2025-09-20', '--control', 'LOG-01'])).stdout).requests.map((r: { status: string }) => r.status)).toEqual(['missing', 'due_soon']);
    const mine = JSON.parse((await cli([...ws, '--json', 'evidence', 'list', '--owner', 'leo@relay.test', '--status', 'missing'])).stdout);
    expect(mine.requests.length).toBeGreaterThan(0);
    expect(new Set(mine.requests.map((r: { owner: { name: string }; status: string }) => `${r.owner.name} ${r.status}`))).toEqual(new Set(['Leo Brandt missing']));
    const bad = await cli([...ws, 'evidence', 'list', '--status', 'late']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a request status/);
  });

  it('adds evidence, refuses a non-approver, accepts by an approver, and the check reads it', async () => {
    const added = await cli([...ws, '--json', 'evidence', 'add', 'LOG-01', pdf, png, '--covers', '2025-Q2', '--by', 'Tomas Varga', '--performed', '2025-06-20', '--note', 'forwarding rules and alert routing']);
    expect(added.code).toBe(0);
    const { submission, seqs } = JSON.parse(added.stdout);
    expect(submission).toMatchObject({ control: 'LOG-01', covers: '2025-Q2', by: 'Tomas Varga', files: [{ name: 'siem-config.pdf' }, { name: 'alerting.png', mediaType: 'image/png' }] });
    expect(seqs).toHaveLength(3);
    const refused = await cli([...ws, 'evidence', 'accept', submission.id, '--by', 'Leo Brandt']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Leo Brandt may not decide on evidence[\s\S]*Maya Chen/);
    const ok = await cli([...ws, 'evidence', 'accept', submission.id, '--by', 'Maya Chen']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^accepted sub-[0-9a-f]{12} \(LOG-01\/2025-Q2\) by Maya Chen/);
    const text = await cli([...ws, 'evidence', 'list', '--control', 'LOG-01', '--as-of', '2025-10-05']);
    expect(text.stdout).toMatch(/LOG-01\/2025-Q2 +current +due 2025-07-30 +Tomas Varga/);
    const check = JSON.parse((await cli([...ws, '--json', 'check'])).stdout);
    expect(check.results.find((r: { control: string }) => r.control === 'LOG-01')).toMatchObject({ check: 'manual.evidence', status: 'exception', exceptions: [expect.objectContaining({ rule: 'manual.missing', subject: 'LOG-01/2025-Q3' })] });
    expect(check.results.find((r: { control: string }) => r.control === 'LOG-02')).toMatchObject({ status: 'exception', exceptions: [expect.objectContaining({ rule: 'manual.missing', subject: 'LOG-02/2025-Q2' }), expect.objectContaining({ rule: 'manual.missing', subject: 'LOG-02/2025-Q3' })] });
  });

  it('rejects with a reason, marks occurrences not applicable, and exits 3 on a bad file', async () => {
    const { submission } = JSON.parse((await cli([...ws, '--json', 'evidence', 'add', 'LOG-02', pdf, '--covers', '2025-Q2', '--by', 'tomas@relay.test', '--performed', '2025-06-01'])).stdout);
    const noReason = await cli([...ws, 'evidence', 'reject', submission.id, '--by', 'Maya Chen']);
    expect(noReason.code).toBe(2);
    const rejected = await cli([...ws, 'evidence', 'reject', submission.id, '--by', 'Maya Chen', '--reason', 'shows the config, not an alert being triaged']);
    expect(rejected.stdout).toMatch(/^rejected .* by Maya Chen: shows the config/);
    const na = await cli([...ws, 'evidence', 'na', 'LOG-02', '--covers', '2025-Q3', '--reason', 'alerting moved to the new SOC contract in Q4', '--by', 'Maya Chen']);
    expect(na.code).toBe(0);
    const check = JSON.parse((await cli([...ws, '--json', 'check'])).stdout);
    const log2 = check.results.find((r: { control: string }) => r.control === 'LOG-02');
    expect(log2.exceptions.map((e: { rule: string; subject: string }) => `${e.rule} ${e.subject}`)).toEqual(['manual.rejected LOG-02/2025-Q2']);
    expect(log2.exceptions[0].detail).toContain('rejected by Maya Chen: shows the config');
    expect(log2.notes.join(' ')).toContain('LOG-02/2025-Q3: Not applicable: alerting moved');
    // A typed statement stands in for a file only where the control allows it.
    const typed = await cli([...ws, '--json', 'evidence', 'add', 'GOV-02', '--covers', '2025', '--by', 'Tomas Varga', '--performed', '2025-09-01', '--statement', 'Org chart and security roles reviewed; no reorganization this year.']);
    expect(typed.code, typed.stderr).toBe(0);
    expect(JSON.parse(typed.stdout).submission).toMatchObject({ control: 'GOV-02', statement: 'Org chart and security roles reviewed; no reorganization this year.', files: [] });
    const untyped = await cli([...ws, 'evidence', 'add', 'GOV-01', '--covers', '2025-Q3', '--by', 'Tomas Varga', '--statement', 'We met.']);
    expect(untyped.code).toBe(2);
    expect(untyped.stderr).toMatch(/GOV-01 needs evidence in a file/);
    const fake = join(dir, 'evidence.pdf');
    writeFileSync(fake, 'just text pretending');
    const bad = await cli([...ws, 'evidence', 'add', 'LOG-02', fake, '--covers', '2025-Q2', '--by', 'Tomas Varga']);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/evidence\.pdf: the content is not a PDF file/);
  });
});
