import { describe, expect, it } from 'vitest';
import { parseFile, parseFileReport, refusal, scratchDir } from '../../testing/index.js';
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

  it('reads other key names (postmortem link, related trace ids), takes options.fields, and names every key it did not read', async () => {
    const incidents = [
      { 'Incident ID': 'INC-30', Summary: 'Refund without approval', Type: 'agent-unauthorized-action', Sev: 'high', 'Created At': '2026-06-02T10:00:00Z', 'Acknowledged At': '2026-06-02T10:30:00Z', 'Resolved At': '2026-06-03T10:00:00Z', 'Postmortem URL': 'https://wiki/pm/30', 'Related Trace IDs': 'b7ad6b71, c8be7c82', Commander: 'ana', Slack: '#inc-30' },
      { key: 'INC-31', opened_at: '2026-06-04T10:00:00Z', postmortem_link: 'https://wiki/pm/31', trace_ids: ['d9cf8d93'], Commander: 'raj' },
    ];
    const { records, ignored } = await parseFileReport(incidentsCollector, file('renamed.json', JSON.stringify({ exported_at: '2026-06-30', incidents }, null, 2)));
    expect(records[0]).toMatchObject({ key: 'INC-30', title: 'Refund without approval', category: 'agent-unauthorized-action', severity: 'high', respondedAt: '2026-06-02T10:30:00.000Z', closedAt: '2026-06-03T10:00:00.000Z', postmortem: 'https://wiki/pm/30', relatedRefs: ['b7ad6b71', 'c8be7c82'] });
    expect(records[1]).toMatchObject({ key: 'INC-31', postmortem: 'https://wiki/pm/31', relatedRefs: ['d9cf8d93'] });
    expect(ignored).toEqual([{ field: 'exported_at', at: '/exported_at' }, { field: 'Commander', at: '/incidents/0/Commander' }, { field: 'Slack', at: '/incidents/0/Slack' }]);

    const own = incidents.map((i) => ({ ...i, 'Learning doc': 'https://docs/learn' }));
    const mapped = await parseFileReport(incidentsCollector, file('mapped.json', JSON.stringify(own)), { fields: { postmortem: 'Learning doc' } });
    expect(records.length).toBe(2);
    expect(mapped.records.map((r) => r.kind === 'incident' && r.postmortem)).toEqual(['https://docs/learn', 'https://docs/learn']);
    expect(mapped.ignored.map((f) => f.field)).toEqual(['Postmortem URL', 'Commander', 'Slack', 'postmortem_link']);
  });
});
