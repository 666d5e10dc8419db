import { describe, expect, it } from 'vitest';
import { parseFile, refusal, scratchDir } from '../../testing/index.js';
import { incidentsCollector } from './incidents-collector.js';

const scratch = scratchDir('incidents-');
const file = scratch.file;
const failure = (path: string, options: unknown = {}) => refusal(incidentsCollector, path, options);
const inc = (key: string, extra: object = {}) => ({ key, title: 'Refund issued without approval', category: 'agent-unauthorized-action', severity: 'high', opened_at: '2026-06-02T10:00:00Z', responded_at: '2026-06-02T11:30:00Z', closed_at: '2026-06-05T09:00:00Z', postmortem: 'https://wiki/pm/17', related: ['b7ad6b7169203331'], ...extra });

describe('incidents-json', () => {
  it('reads the register into incident records', async () => {
    const records = await parseFile(incidentsCollector, file('incidents.json', JSON.stringify({ incidents: [inc('INC-17'), inc('INC-18', { responded_at: null, postmortem: '', related: [] })] }, null, 2)));
    expect(records[0]).toMatchObject({
      kind: 'incident', key: 'INC-17', category: 'agent-unauthorized-action', severity: 'high', opened: '2026-06-02T10:00:00.000Z',
      respondedAt: '2026-06-02T11:30:00.000Z', closedAt: '2026-06-05T09:00:00.000Z', postmortem: 'https://wiki/pm/17', relatedRefs: ['b7ad6b7169203331'], locator: '/incidents/0',
    });
    expect(records[1]).not.toHaveProperty('respondedAt');
    expect(records[1]).not.toHaveProperty('postmortem');
  });

  it('reads a JSON array and JSON Lines', async () => {
    expect((await parseFile(incidentsCollector, file('a.json', JSON.stringify([inc('A-1')], null, 2))))[0].locator).toBe('/0');
    expect((await parseFile(incidentsCollector, file('a.jsonl', `${JSON.stringify(inc('A-1'))}\n${JSON.stringify(inc('A-2'))}\n`)))[1].locator).toBe('line 2');
  });

  it('refuses duplicates, bad times, truncation and other formats', async () => {
    expect((await failure(file('dup.json', JSON.stringify({ incidents: [inc('A'), inc('A')] })))).message).toMatch(/twice/);
    expect(await failure(file('time.json', JSON.stringify({ incidents: [inc('A', { opened_at: 'yesterday' })] })))).toMatchObject({ code: 'INPUT_INVALID_RECORD', where: { pointer: '/incidents/0' } });
    const text = JSON.stringify({ incidents: [inc('A'), inc('B')] }, null, 2);
    expect((await failure(file('half.json', text.slice(0, text.length / 2)))).code).toBe('INPUT_MALFORMED');
    expect((await failure(file('evals.json', JSON.stringify({ runs: [] })))).code).toBe('INPUT_WRONG_FORMAT');
  });
});
