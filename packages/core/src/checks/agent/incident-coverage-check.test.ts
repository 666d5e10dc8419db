import { describe, expect, it } from 'vitest';
import { incidentCoverageCheck } from './incident-coverage-check.js';
import { change, contextOf, incidentRec, observation, probe, retrieval } from './governance-test-support.js';

const run = (...args: Parameters<typeof contextOf>) => incidentCoverageCheck.run(contextOf(...args));
const rules = (out: ReturnType<typeof run>) => out.exceptions.map((e) => [e.rule, e.subject]).sort();

describe('agent.incident-coverage', () => {
  it('passes when nothing happened', () => {
    expect(run([]).exceptions).toEqual([]);
  });

  it('requires an incident for cross-tenant retrievals, leaking probes and silent swaps', () => {
    const events = [retrieval('s1', '2026-06-01T10:00:00.000Z'), probe('p1', '2026-07-01T00:00:00.000Z', true), observation('gpt-4.1-mini', '2026-05-10T00:00:00.000Z'), change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z')];
    expect(rules(run(events))).toEqual([['incidentcoverage.missing', 'gpt-4.1-mini'], ['incidentcoverage.missing', 'p1'], ['incidentcoverage.missing', 's1']]);
    const covered = run([...events, incidentRec('INC-1', { relatedRefs: ['trace-s1'] }), incidentRec('INC-2', { relatedRefs: ['p1'] }), incidentRec('INC-3', { relatedRefs: ['span-gpt-4.1-mini'] })]);
    expect(covered.exceptions).toEqual([]);
    expect(covered.items).toHaveLength(3);
  });

  it('a passing probe and a declared model are not events', () => {
    expect(run([probe('p1', '2026-07-01T00:00:00.000Z'), observation('gpt-4.1', '2026-05-10T00:00:00.000Z'), change('1', 'gpt-4.1', '2026-05-01T00:00:00.000Z')]).items).toEqual([]);
  });
});
