import type { Control } from '../catalog/control.js';
import { POLICY_FOR_CATEGORY } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import { citationOf } from '../records/index.js';
import type { Citation, PolicyRecord } from '../records/index.js';

export interface TypeOneControl {
  control: string;
  title: string;
  criteria: string[];
  designed: boolean;
  implemented: boolean;
  owner: string | null;
  policy: { id: string; approved: boolean; approvedAt?: string; citation?: Citation };
  test: string;
  evidence: string;
  gaps: string[];
}

export interface TypeOneReport {
  type: 1;
  asOf: string;
  ready: boolean;
  summary: { controls: number; designed: number; implemented: number };
  controls: TypeOneControl[];
}

/**
 * Type I: at the as-of date, is each control designed (an owner, its policy approved, a check or
 * a documented procedure) and implemented (at least one piece of evidence of operation on or
 * before the date)?
 */
export function assessTypeOne(input: {
  asOf: string;
  controls: readonly Control[];
  /** Check results over a period ending at the as-of date. */
  results: readonly ControlResult[];
  policies: readonly PolicyRecord[];
  ownerOf: (role: string) => string | null;
}): TypeOneReport {
  const results = new Map(input.results.map((r) => [r.control, r]));
  const approved = new Map<string, PolicyRecord>();
  for (const p of input.policies) {
    if (!p.approvedBy || !p.approvedAt || p.approvedAt > input.asOf) continue;
    const prev = approved.get(p.id);
    if (!prev || (prev.approvedAt ?? '') < p.approvedAt) approved.set(p.id, p);
  }
  const controls = input.controls.map((c): TypeOneControl => {
    const owner = input.ownerOf(c.ownerRole);
    const policyId = POLICY_FOR_CATEGORY[c.category];
    const pol = approved.get(policyId);
    const r = results.get(c.id);
    const gaps: string[] = [];
    if (!owner) gaps.push(`No one holds the ${c.ownerRole} role.`);
    if (!pol) gaps.push(`The ${policyId} policy is not approved on or before ${input.asOf}.`);
    const test = c.check ? `automated check ${c.check}` : 'documented procedure (manual attestation)';
    let implemented = false;
    let evidence: string;
    if (!r || r.status === 'not_tested') {
      evidence = `No automated evidence and none submitted; submit evidence of operation (a screenshot, an export, a signed record) with \`fieldwork evidence add ${c.id} FILE --covers PERIOD --by PERSON\`.`;
      gaps.push('Evidence of operation is attested manually.');
    } else if (r.status === 'insufficient_evidence' && !r.populationQuery) {
      evidence = r.notes.join(' ') || 'No evidence collected.';
      gaps.push('No evidence of operation collected.');
    } else if (r.population === 0 && r.exceptions.length === 0) {
      // The check ran over collected evidence (it has a population query) and found nothing to test.
      evidence = 'Evidence sources collected, but the control did not operate before the date.';
      gaps.push('No operation of the control on or before the date.');
    } else {
      implemented = true;
      evidence = `${r.population} occurrence(s) tested on or before ${input.asOf}${r.exceptions.length ? `, ${r.exceptions.length} exception(s)` : ''}.`;
    }
    return {
      control: c.id, title: c.title, criteria: c.criteria, designed: !!owner && !!pol, implemented, owner,
      policy: { id: policyId, approved: !!pol, ...(pol?.approvedAt ? { approvedAt: pol.approvedAt } : {}), ...(pol ? { citation: citationOf(pol) } : {}) },
      test, evidence, gaps,
    };
  });
  const designed = controls.filter((c) => c.designed).length;
  const implemented = controls.filter((c) => c.implemented).length;
  return { type: 1, asOf: input.asOf, ready: designed === controls.length && implemented === controls.filter((c) => !c.test.startsWith('documented')).length, summary: { controls: controls.length, designed, implemented }, controls };
}
