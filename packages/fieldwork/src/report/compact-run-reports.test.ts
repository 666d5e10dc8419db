import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ControlResult } from '@fieldwork/core';
import { appendRun } from '../evidence/run-chain.js';
import { checkRunJson, checkWorkspace } from '../pipeline/check-workspace.js';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { evidenceMapHtml } from './evidence-map-html.js';
import { oscalAssessmentResults } from './oscal-assessment-results.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';

type Json = Record<string, any>;

/** What the OSCAL document says per control, without the UUIDs and times that name the run. */
function oscalFacts(b: EvidenceBundle) {
  const r = (oscalAssessmentResults(b) as Json)['assessment-results'].results[0];
  return {
    observations: r.observations.map((o: Json) => ({ title: o.title, description: o.description, props: o.props, evidence: o['relevant-evidence'] })),
    risks: (r.risks ?? []).map((x: Json) => ({ title: x.title, description: x.description, statement: x.statement })),
  };
}

// The same check run stored compact (results + exception rows) and as runs were stored before
// (every population item copied): every report must show the same results from either.
describe('reports from a compact run and from the same run stored whole', () => {
  let t: ReportTestWorkspace;
  let compact: EvidenceBundle;
  let whole: EvidenceBundle;
  const now = new Date('2026-10-01T00:00:00Z');

  beforeAll(async () => {
    t = await buildReportTestWorkspace();
    // The check keeps no items; the full results, as each check returned them, are what runs stored whole held.
    const full = new Map<string, ControlResult>();
    const run = await checkWorkspace(t.ws, t.store, {}, new Date(), { onResult: (r) => full.set(r.control, r) });
    compact = await loadEvidenceBundle(t.ws, t.store, now);
    const { runId: _id, createdAt: _at, ...rest } = run;
    const stored = { ...rest, results: run.results.map((r) => full.get(r.control)!) };
    await t.store.writeTransaction((trx) => appendRun(trx, { type: 'check', createdAt: compact.check!.createdAt, period: run.period, data: JSON.stringify(stored), ledger: compact.check!.ledgerHead }));
    whole = await loadEvidenceBundle(t.ws, t.store, now);
    expect(whole.check!.id).toBe(compact.check!.id + 1);
  }, 180_000);
  afterAll(async () => t?.dispose());

  it('holds exceptions in many controls (the comparison is not vacuous)', () => {
    const results = compact.check!.run.results;
    expect(results.filter((r) => r.exceptions.length > 0).length).toBeGreaterThan(10);
    expect(whole.check!.run.results.some((r) => r.items.length > 0)).toBe(true);
    expect(compact.check!.run.results.every((r) => r.items.length === 0)).toBe(true);
  });

  it('gives the same check-run.json, evidence map rows and HTML exception tables', () => {
    expect(checkRunJson(compact.check!.run, compact.check!.controls)).toEqual(checkRunJson(whole.check!.run, whole.check!.controls));
    expect(compact.map.rows).toEqual(whole.map.rows);
    // The HTML names the run and its digest; everything else is the same.
    const html = (b: EvidenceBundle) => evidenceMapHtml(b).replace(/<p class="meta">Check run .*?<\/p>/, '');
    expect(html(compact)).toEqual(html(whole));
  });

  it('gives OSCAL the same observations, evidence links (population citations included) and risks', () => {
    expect(oscalFacts(compact)).toEqual(oscalFacts(whole));
  });
});
