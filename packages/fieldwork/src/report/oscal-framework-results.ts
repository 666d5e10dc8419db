/** @module OSCAL assessment results in a framework's terms: one finding per requirement, backed by our controls' observations. */
import type { FrameworkCoverage, RequirementCoverage } from '@fieldwork/core';
import type { EvidenceBundle } from './evidence-bundle.js';
import { nameUuid } from './name-uuid.js';
import { OSCAL_NS, oscalAssessmentResults } from './oscal-assessment-results.js';

type Json = Record<string, any>;

/**
 * A requirement id as an OSCAL token (letters, digits, `.`, `-`, `_`; no spaces or brackets):
 * `GOVERN 1.6` → `GOVERN-1.6`, `Art. 26(6)` → `Art.26.6`, `A.6.2.8` unchanged. The exact id
 * travels beside it in a `requirement-id` property.
 */
export function oscalRequirementToken(id: string): string {
  const t = id.trim().replace(/\.\s+/g, '.').replace(/\s+/g, '-').replace(/\(([^)]*)\)/g, '.$1').replace(/[^\p{L}\p{N}._-]/gu, '_');
  return /^[\p{L}_]/u.test(t) ? t : `_${t}`;
}

const one = (s: string) => s.replace(/\s+/g, ' ').trim();
const prop = (name: string, value: string | number) => ({ name, ns: OSCAL_NS, value: one(String(value)) });

function findingStatus(r: RequirementCoverage): Json {
  if (r.state === 'served') return { state: 'satisfied', reason: 'pass' };
  if (r.state === 'exceptions') return { state: 'not-satisfied', reason: 'fail', remarks: 'A control serving this requirement has exceptions in the period.' };
  if (r.state === 'untested') return { state: 'not-satisfied', reason: 'other', remarks: 'Controls serve this requirement, but no automated check tested them in the period (manual attestation or insufficient evidence).' };
  return { state: 'not-satisfied', reason: 'other', remarks: 'No control in scope is mapped to this requirement.' };
}

/**
 * The latest check run as OSCAL 1.0.6 assessment results in a framework's terms: the same
 * observations (one per control), risks (one per exception) and evidence as the SOC 2 view, with
 * one finding per framework requirement whose target is the requirement id (as a token) and
 * whose related observations and risks are those of the controls serving it. Requirements no
 * control covers are findings too: reviewed and not satisfied, said plainly.
 */
export function oscalFrameworkResults(b: EvidenceBundle, coverage: FrameworkCoverage, opts: { importAp?: string } = {}): Json {
  const doc = oscalAssessmentResults(b, opts) as Json;
  const ar = doc['assessment-results'];
  const result = ar.results[0];
  const fw = coverage.framework;
  const results = b.check?.run.results ?? [];
  // Observations are written in the order of the run's results, one per control.
  const observationOf = new Map<string, string>(results.map((r, i) => [r.control, result.observations?.[i]?.uuid]));
  const risksOf = new Map<string, string[]>();
  for (const risk of (result.risks ?? []) as Json[]) {
    const control = (risk.props as Json[] | undefined)?.find((p) => p.name === 'control')?.value as string | undefined;
    if (control) risksOf.set(control, [...(risksOf.get(control) ?? []), risk.uuid]);
  }
  const findings = coverage.requirements.map((r) => {
    const observations = r.controls.map((c) => observationOf.get(c.control)).filter((x): x is string => !!x);
    const risks = r.controls.flatMap((c) => risksOf.get(c.control) ?? []);
    return {
      uuid: nameUuid('fieldwork-oscal', `${ar.uuid}|framework-finding|${fw.id}|${r.id}`),
      title: one(`${r.id} ${r.title}`),
      description: one(`${r.summary} ${r.controls.length ? `Served by ${r.controls.map((c) => `${c.control} (${c.relationship}, ${c.status.replace('_', ' ')})`).join(', ')}.` : 'No control in scope is mapped to it.'}`),
      props: [prop('requirement-id', r.id), prop('framework', fw.id), prop('coverage', r.state), ...r.controls.map((c) => prop('control', `${c.control} ${c.relationship}`))],
      target: { type: 'objective-id', 'target-id': oscalRequirementToken(r.id), status: findingStatus(r) },
      ...(observations.length ? { 'related-observations': observations.map((u) => ({ 'observation-uuid': u })) } : {}),
      ...(risks.length ? { 'related-risks': risks.map((u) => ({ 'risk-uuid': u })) } : {}),
    };
  });
  const s = coverage.summary;
  ar.metadata.title = one(`${fw.name} assessment results — ${b.organization}${b.check ? `, ${b.check.run.period.from} to ${b.check.run.period.to}` : ''}`);
  ar.metadata.props = [...(ar.metadata.props ?? []), prop('framework', fw.id), prop('framework-version', fw.version)];
  ar.metadata.remarks = `${ar.metadata.remarks} Findings are stated per ${fw.name} requirement through Fieldwork's mapping of its controls; the requirement texts are not reproduced.`;
  result.description = one(`${result.description} Viewed through ${fw.name}: ${s.mapped} of ${s.requirements} requirements mapped, ${s.tested} served by a tested control, ${s.withExceptions} with exceptions, ${s.unmapped.length} with no control.`);
  result['reviewed-controls'] = { 'control-selections': [{ 'include-controls': coverage.requirements.map((r) => ({ 'control-id': oscalRequirementToken(r.id) })) }] };
  result.findings = findings;
  return doc;
}
