import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { evalRunsCollector } from './eval-runs-collector.js';

const scratch = scratchDir('eval-runs-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(evalRunsCollector, path, options);
const run = (id: string, extra: object = {}) => ({ id, model: 'gpt-4.1', dataset: 'support-heldout-v3', held_out: true, score: 0.91, threshold: 0.85, tests: 200, failures: 18, started_at: '2026-05-01T10:00:00Z', finished_at: '2026-05-01T10:20:00Z', ...extra });

describe('eval-runs-json', () => {
  it('reads {runs: [...]}, judging each run by its threshold', async () => {
    const records = await parseFile(evalRunsCollector, file('evals.json', JSON.stringify({ runs: [run('ev-1'), run('ev-2', { score: 0.8 })] }, null, 2)), { tool: 'inspect' });
    expect(records.map((r) => r.kind === 'eval_run' && [r.id, r.passed, r.heldOut, r.tool, r.locator])).toEqual([
      ['ev-1', true, true, 'inspect', '/runs/0'],
      ['ev-2', false, true, 'inspect', '/runs/1'],
    ]);
    expect(records[0]).toMatchObject({ model: 'gpt-4.1', score: 0.91, threshold: 0.85, tests: 200, failures: 18, finishedAt: '2026-05-01T10:20:00.000Z' });
  });

  it('reads JSON Lines; an explicit passed flag wins over the threshold', async () => {
    const text = [run('ev-3', { passed: false }), run('ev-4', { threshold: undefined, failures: 0 })].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const records = await parseFile(evalRunsCollector, file('evals.jsonl', text));
    expect(records.map((r) => r.kind === 'eval_run' && [r.id, r.passed, r.locator])).toEqual([['ev-3', false, 'line 1'], ['ev-4', true, 'line 2']]);
  });

  it('refuses a run that cannot be judged, a truncated file and another format', async () => {
    const unjudged = await failure(file('nojudge.json', JSON.stringify({ runs: [{ id: 'x', model: 'm', score: 1, finished_at: '2026-05-01T00:00:00Z' }] })));
    expect(unjudged).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/runs/0' } });
    const text = JSON.stringify({ runs: [run('ev-1'), run('ev-2')] }, null, 2);
    expect((await failure(file('half.json', text.slice(0, text.length / 2)))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('incidents.json', JSON.stringify({ incidents: [{ key: 'INC-1' }] })))).code).toBe('INPUT_WRONG_FORMAT');
  });
});
