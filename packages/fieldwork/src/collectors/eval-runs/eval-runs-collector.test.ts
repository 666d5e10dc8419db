import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, parseFileReport, refusal, scratchDir } from '../../testing/index.js';
import { evalRunsCollector } from './eval-runs-collector.js';

const scratch = scratchDir('eval-runs-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(evalRunsCollector, path, options);
const run = (id: string, extra: object = {}) => ({ id, model: 'gpt-4.1', dataset: 'support-heldout-v3', held_out: true, score: 0.91, threshold: 0.85, tests: 200, failures: 18, started_at: '2026-05-01T10:00:00Z', finished_at: '2026-05-01T10:20:00Z', ...extra });

describe('eval-runs-json', () => {
  it('reads {runs: [...]}: score and threshold, no verdict of its own', async () => {
    const records = await parseFile(evalRunsCollector, file('evals.json', JSON.stringify({ runs: [run('ev-1'), run('ev-2', { score: 0.8 })] }, null, 2)), { tool: 'inspect' });
    expect(records.map((r) => r.kind === 'eval_run' && [r.id, r.score, r.threshold, r.passed, r.heldOut, r.tool, r.locator])).toEqual([
      ['ev-1', 0.91, 0.85, undefined, true, 'inspect', '/runs/0'],
      ['ev-2', 0.8, 0.85, undefined, true, 'inspect', '/runs/1'],
    ]);
    expect(records[0]).toMatchObject({ model: 'gpt-4.1', score: 0.91, threshold: 0.85, tests: 200, failures: 18, finishedAt: '2026-05-01T10:20:00.000Z' });
  });

  it('reads JSON Lines, keeping a stated passed flag as stated', async () => {
    const text = [run('ev-3', { passed: false }), run('ev-4', { threshold: undefined, failures: 0 })].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const records = await parseFile(evalRunsCollector, file('evals.jsonl', text));
    expect(records.map((r) => r.kind === 'eval_run' && [r.id, r.passed, r.threshold, r.locator])).toEqual([['ev-3', false, 0.85, 'line 1'], ['ev-4', undefined, undefined, 'line 2']]);
  });

  it('keeps a run with no threshold or verdict (the check counts it as not passing)', async () => {
    const [rec] = await parseFile(evalRunsCollector, file('nojudge.json', JSON.stringify({ runs: [{ id: 'x', model: 'm', score: 1, finished_at: '2026-05-01T00:00:00Z' }] }, null, 2)));
    expect(rec).toMatchObject({ kind: 'eval_run', id: 'x', score: 1, locator: '/runs/0' });
    expect(rec).not.toHaveProperty('passed');
  });

  it('refuses a truncated file and another format', async () => {
    const text = JSON.stringify({ runs: [run('ev-1'), run('ev-2')] }, null, 2);
    expect((await failure(file('half.json', text.slice(0, text.length / 2)))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('incidents.json', JSON.stringify({ incidents: [{ key: 'INC-1' }] })))).code).toBe('INPUT_WRONG_FORMAT');
  });

  it('reads other key names (held-out flag included), takes options.fields, and names every key it did not read', async () => {
    const runs = [
      { 'Run ID': 'ev-7', Model: 'gpt-4.1', Suite: 'support-v3', 'Is Held Out': 'yes', Accuracy: 0.9, 'Pass threshold': 0.85, Samples: 200, 'Completed At': '2026-05-01T10:20:00Z', Seed: 7, Temperature: 0 },
      { id: 'ev-8', model: 'gpt-4.1', heldOut: false, score: 0.7, finished_at: '2026-05-02T10:20:00Z', Seed: 8 },
    ];
    const { records, ignored } = await parseFileReport(evalRunsCollector, file('renamed.json', JSON.stringify({ generated_by: 'ci', runs }, null, 2)));
    expect(records.map((r) => r.kind === 'eval_run' && [r.id, r.dataset, r.heldOut, r.score, r.threshold, r.tests, r.finishedAt])).toEqual([
      ['ev-7', 'support-v3', true, 0.9, 0.85, 200, '2026-05-01T10:20:00.000Z'],
      ['ev-8', undefined, false, 0.7, undefined, undefined, '2026-05-02T10:20:00.000Z'],
    ]);
    expect(ignored).toEqual([{ field: 'generated_by', at: '/generated_by' }, { field: 'Seed', at: '/runs/0/Seed' }, { field: 'Temperature', at: '/runs/0/Temperature' }]);

    const split = runs.map((r) => ({ ...r, 'Blind split': true }));
    const mapped = await parseFileReport(evalRunsCollector, file('mapped.jsonl', split.map((r) => JSON.stringify(r)).join('\n')), { fields: { held_out: 'Blind split' } });
    expect(mapped.records.map((r) => r.kind === 'eval_run' && r.heldOut)).toEqual([true, true]);
    expect(mapped.ignored).toEqual([{ field: 'Is Held Out', at: 'line 1' }, { field: 'Seed', at: 'line 1' }, { field: 'Temperature', at: 'line 1' }, { field: 'heldOut', at: 'line 2' }]);
  });

  it('names the key as written in a refusal, and refuses a mapping to a field it does not have', async () => {
    const err = await failure(file('bad.json', JSON.stringify({ runs: [run('ev-1'), { ...run('ev-2', { score: undefined }), Accuracy: 'high' }] })));
    expect(err).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/runs/1/Accuracy' } });
    expect(evalRunsCollector.options.safeParse({ fields: { heldOut: 'x' } }).success).toBe(false);
  });
});
