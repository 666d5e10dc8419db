import { describe, expect, it } from 'vitest';
import { PROBE_RUN_FORMAT } from '../../probe/probe-run.js';
import type { ProbeRun } from '../../probe/probe-run.js';
import { parseFile, parseFileReport, refusal, scratchDir } from '../../testing/index.js';
import { isolationProbeCollector } from './isolation-probe-collector.js';

const scratch = scratchDir('probe-collector-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(isolationProbeCollector, path, options);
const ops = ['query', 'get', 'update', 'delete'] as const;
const run = (leak = false): ProbeRun => ({
  format: PROBE_RUN_FORMAT, runId: 'probe-1', store: 'support-memory', adapter: 'http', startedAt: '2026-06-01T10:00:00Z', finishedAt: '2026-06-01T10:00:02Z',
  tenants: ['a', 'b'], canaries: 2, notes: [],
  attempts: [...ops.map((op) => ({ op, fromTenant: 'a', targetTenant: 'b', outcome: leak && op === 'get' ? 'leaked' as const : 'denied' as const })), { op: 'no_tenant', outcome: 'denied' }],
  leaks: 0, passed: true,
});

describe('isolation-probe-json', () => {
  it('reads a passing run', async () => {
    const [rec] = await parseFile(isolationProbeCollector, file('run.json', JSON.stringify(run(), null, 2)));
    expect(rec).toMatchObject({ kind: 'isolation_probe', runId: 'probe-1', store: 'support-memory', adapter: 'http', at: '2026-06-01T10:00:02.000Z', leaks: 0, passed: true, locator: '/' });
  });

  it('keeps the stated verdict and every attempt, so the check can judge an edited "passed"', async () => {
    const [rec] = await parseFile(isolationProbeCollector, file('edited.json', JSON.stringify(run(true))));
    expect(rec).toMatchObject({ leaks: 0, passed: true });
    expect(rec.kind === 'isolation_probe' && rec.attempts.filter((a) => a.outcome === 'leaked').map((a) => a.op)).toEqual(['get']);
  });

  it('reads a run from another tool that states no leak count or verdict (both are judged from the attempts)', async () => {
    const { leaks, passed, ...unstated } = run(true);
    const { records, ignored } = await parseFileReport(isolationProbeCollector, file('elsewhere.json', JSON.stringify(unstated, null, 2)));
    expect(records[0]).toMatchObject({ kind: 'isolation_probe', runId: 'probe-1' });
    expect(records[0]).not.toHaveProperty('leaks');
    expect(records[0]).not.toHaveProperty('passed');
    expect(records[0].kind === 'isolation_probe' && records[0].attempts.filter((a) => a.outcome === 'leaked').map((a) => a.op)).toEqual(['get']);
    expect(ignored).toEqual([]);
    // A stated verdict of the wrong type is still refused where it is.
    expect(await failure(file('bad-verdict.json', JSON.stringify({ ...unstated, passed: 'yes' })))).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/passed' } });
  });

  it('reads one run per line', async () => {
    const recs = await parseFile(isolationProbeCollector, file('runs.jsonl', `${JSON.stringify(run())}\n${JSON.stringify({ ...run(), runId: 'probe-2' })}\n`));
    expect(recs.map((r) => r.locator)).toEqual(['line 1', 'line 2']);
  });

  it('refuses another JSON file, a truncated run and a malformed attempt', async () => {
    expect((await failure(file('other.json', '{"runs": []}'))).code).toBe('INPUT_WRONG_FORMAT');
    const text = JSON.stringify(run(), null, 2);
    expect((await failure(file('half.json', text.slice(0, text.length / 2)))).code).toBe('INPUT_MALFORMED');
    const bad = { ...run(), attempts: [{ op: 'peek', outcome: 'denied' }] };
    expect(await failure(file('bad.json', JSON.stringify(bad)))).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/attempts/0/op' } });
  });

  it('reads snake_case and other key names, takes options.fields, and names every key it did not read', async () => {
    const { attempts, runId, finishedAt, startedAt, ...rest } = run(true);
    const renamed = {
      ...rest, run_id: runId, started_at: startedAt, completed_at: finishedAt, host: 'ci-7',
      probes: attempts.map(({ op, outcome, ...a }) => ({ ...a, operation: op, result: outcome, info: 'retried once' })),
    };
    const { records, ignored } = await parseFileReport(isolationProbeCollector, file('renamed.json', JSON.stringify(renamed, null, 2)));
    expect(records[0]).toMatchObject({ runId: 'probe-1', at: '2026-06-01T10:00:02.000Z' });
    expect(records[0].kind === 'isolation_probe' && records[0].attempts.filter((a) => a.outcome === 'leaked').map((a) => a.op)).toEqual(['get']);
    expect(ignored).toEqual([{ field: 'host', at: '/host' }, { field: 'attempts.info', at: '/probes/0/info' }]);

    const mapped = await parseFileReport(isolationProbeCollector, file('mapped.json', JSON.stringify({ ...renamed, host: undefined, probes: undefined, checks: renamed.probes }, null, 2)), { fields: { attempts: 'checks' }, attemptFields: { detail: 'info' } });
    expect(mapped.records[0].kind === 'isolation_probe' && mapped.records[0].attempts[0].detail).toBe('retried once');
    expect(mapped.ignored).toEqual([]);
    expect((await failure(file('bad-renamed.json', JSON.stringify({ ...renamed, probes: [{ operation: 'peek', result: 'denied' }] }, null, 2)))).where).toMatchObject({ pointer: '/probes/0/operation' });
  });
});
