import { describe, expect, it } from 'vitest';
import type { PersonRecord } from '@fieldwork/core';
import { checkDemoParts, foundRules, plantedRules } from './demo-part-test-support.js';
import { identityPart } from './identity-part.js';
import { peoplePart } from './people-part.js';
import { policiesPart } from './policies-part.js';

const PEOPLE_RULES = /^(ack|training|background)\./;
const CONTROLS = ['GOV-03', 'HR-01', 'HR-02'];

describe('people demo part', () => {
  it('plants exactly what the acknowledgement, training and screening checks find', async () => {
    const { outputs, run } = await checkDemoParts([identityPart, policiesPart, peoplePart], CONTROLS);
    const found = [...new Set(foundRules(run).filter((r) => PEOPLE_RULES.test(r)))];
    expect(found).toEqual(plantedRules(outputs, PEOPLE_RULES));
    expect(found.map((r) => r.split(' ')[0])).toEqual(['ack.hire_missing', 'ack.renewal_missing', 'background.after_start', 'background.missing', 'training.hire_late', 'training.renewal_missing']);
    for (const r of run.results) expect(r.population, r.control).toBeGreaterThan(3);
  });

  it('story: one starter without an acknowledgement and one screened after day one; training passes', async () => {
    const { outputs, run } = await checkDemoParts([identityPart, policiesPart, peoplePart], CONTROLS, 'story');
    const found = [...new Set(foundRules(run).filter((r) => PEOPLE_RULES.test(r)))];
    expect(found).toEqual(plantedRules(outputs, PEOPLE_RULES));
    expect(found.map((r) => r.split(' ')[0])).toEqual(['ack.hire_missing', 'background.after_start']);
    expect(Object.fromEntries(run.results.map((r) => [r.control, r.status]))).toEqual({ 'GOV-03': 'exception', 'HR-01': 'exception', 'HR-02': 'pass' });
  });

  it('leaves the contractor starter out of the background check population, as the catalog default says', async () => {
    const { records, run } = await checkDemoParts([identityPart, policiesPart, peoplePart], ['HR-01'], 'story');
    const contractors = records.filter((r): r is PersonRecord => r.kind === 'person' && r.workerType === 'contractor' && (r.startDate ?? '') >= '2026-04-01').map((p) => p.email);
    expect(contractors).toHaveLength(1);
    const subjects = run.results[0].items.map((i) => i.subject);
    expect(subjects.length).toBeGreaterThan(3);
    expect(subjects).not.toContain(contractors[0]);
  });
});
