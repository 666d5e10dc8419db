import { describe, expect, it } from 'vitest';
import { recordSchemas } from '../../records/index.js';
import { incidentRegisterCheck } from './incident-register-check.js';
import { contextOf, incidentRec } from '../agent/governance-test-support.js';

const taxonomy = [
  { id: 'agent-unauthorized-action', name: 'Unauthorized or hallucinated tool action', owaspLlm: ['LLM06'], severity: 'high', owner: 'ai-lead', responseHours: 4 },
  { id: 'availability', name: 'Service outage', owaspLlm: [], severity: 'medium', owner: 'sre', responseHours: 24 },
];
const ws = { incidents: { taxonomy } };
const run = (records: Parameters<typeof contextOf>[0], params = {}) => incidentRegisterCheck.run(contextOf(records, params, ws));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]);
const ok = { category: 'agent-unauthorized-action', severity: 'high', opened: '2026-06-01T10:00:00.000Z', respondedAt: '2026-06-01T13:00:00.000Z', closedAt: '2026-06-03T10:00:00.000Z', postmortem: 'https://wiki/pm/1' };

describe('incident.register', () => {
  it('passes a categorized incident answered in time with a postmortem', () => {
    expect(run([incidentRec('INC-1', ok)]).exceptions).toEqual([]);
  });

  it('reports an unknown or missing category (by id or name)', () => {
    expect(rules(run([incidentRec('INC-1', { ...ok, category: 'misc' }), incidentRec('INC-2', { ...ok, category: undefined }), incidentRec('INC-3', { ...ok, category: 'service outage', severity: 'low' })])))
      .toEqual([['incident.uncategorized', 'INC-1'], ['incident.uncategorized', 'INC-2']]);
  });

  it('reports a response after the category SLA, and one never given once due', () => {
    expect(rules(run([incidentRec('INC-1', { ...ok, respondedAt: '2026-06-01T14:00:01.000Z' })]))).toEqual([['incident.late_response', 'INC-1']]);
    expect(rules(run([incidentRec('INC-1', { ...ok, respondedAt: '2026-06-01T14:00:00.000Z' })]))).toEqual([]);
    expect(rules(run([incidentRec('INC-1', { ...ok, respondedAt: undefined })]))).toEqual([['incident.late_response', 'INC-1']]);
  });

  it('is not late when answered exactly at the deadline, written without milliseconds or with an offset', () => {
    const collected = (respondedAt: string) => recordSchemas.incident.parse(incidentRec('INC-1', { ...ok, opened: '2026-06-01T10:00:00Z', respondedAt }));
    expect(collected('2026-06-01T14:00:00Z').respondedAt).toBe('2026-06-01T14:00:00.000Z');
    expect(rules(run([collected('2026-06-01T14:00:00Z')]))).toEqual([]);
    expect(rules(run([collected('2026-06-01T16:00:00+02:00')]))).toEqual([]);
    expect(rules(run([collected('2026-06-01T16:00:01+02:00')]))).toEqual([['incident.late_response', 'INC-1']]);
    // Records built without the schema are compared as instants too.
    expect(rules(run([incidentRec('INC-1', { ...ok, opened: '2026-06-01T10:00:00Z', respondedAt: '2026-06-01T14:00:00Z' })]))).toEqual([]);
  });

  it('asks a postmortem of top severities once closed for two weeks', () => {
    expect(rules(run([incidentRec('INC-1', { ...ok, postmortem: undefined })]))).toEqual([['incident.no_postmortem', 'INC-1']]);
    expect(rules(run([incidentRec('INC-1', { ...ok, postmortem: undefined, closedAt: '2026-09-25T10:00:00.000Z' })]))).toEqual([]);
    expect(rules(run([incidentRec('INC-1', { ...ok, postmortem: undefined, severity: 'low' })]))).toEqual([]);
  });

  it('is insufficient evidence without a taxonomy', () => {
    const out = incidentRegisterCheck.run(contextOf([incidentRec('INC-1', ok)]));
    expect(out.status).toBe('insufficient_evidence');
  });

  it('maps the organization\'s own category and severity names through the workspace; unmapped names stay unknown', () => {
    const own = { incidents: { taxonomy: [{ ...taxonomy[0], aliases: ['Agent Misuse'] }, taxonomy[1]], severities: { 'Red': 'critical', 'Yellow': 'medium' } } };
    const theirs = { ...ok, category: 'agent misuse', severity: 'red', postmortem: undefined };
    const out = (ws2: Record<string, unknown>) => incidentRegisterCheck.run(contextOf([incidentRec('INC-7', theirs)], {}, ws2)).exceptions.map((e) => e.rule);
    // Mapped: the category is known, and Red is critical, so its missing postmortem is found.
    expect(out(own)).toEqual(['incident.no_postmortem']);
    // Without the map the same incident is uncategorized and its severity means nothing.
    expect(out(ws)).toEqual(['incident.uncategorized']);
    // A Yellow look-alike (medium) needs no postmortem.
    expect(incidentRegisterCheck.run(contextOf([incidentRec('INC-8', { ...theirs, severity: 'Yellow' })], {}, own)).exceptions).toEqual([]);
  });
});
