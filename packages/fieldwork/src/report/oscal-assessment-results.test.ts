import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { nameUuid } from './name-uuid.js';
import { ASSESSMENT_PLAN_PLACEHOLDER, oscalAssessmentResults } from './oscal-assessment-results.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';

const SCHEMA = fileURLToPath(new URL('../../schemas/oscal/oscal_assessment-results_schema.v1.0.6.json', import.meta.url));

// The schema names four formats; Ajv checks a format only when told how (ajv-formats is not a dependency).
const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  uri: (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s),
  'uri-reference': (s) => !/\s/.test(s),
};

function oscalValidator(): ValidateFunction {
  // ajv is CommonJS: its default import is the module, which is also the class.
  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as unknown as new (opts: object) => { addFormat(n: string, f: (s: string) => boolean): void; compile(s: object): ValidateFunction };
  const ajv = new AjvClass({ strict: false, allErrors: true });
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

type Json = Record<string, any>;
let t: ReportTestWorkspace;
let bundle: EvidenceBundle;
let doc: Json;
let result: Json;

beforeAll(async () => {
  t = await buildReportTestWorkspace();
  bundle = await loadEvidenceBundle(t.ws, t.store);
  doc = oscalAssessmentResults(bundle) as Json;
  result = doc['assessment-results'].results[0];
}, 120_000);
afterAll(async () => t?.dispose());

describe('OSCAL assessment results', () => {
  it('validates against the OSCAL 1.0.6 assessment-results JSON schema', () => {
    const validate = oscalValidator();
    const ok = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator does reject a broken document (the test is not vacuous)', () => {
    const validate = oscalValidator();
    const broken = structuredClone(doc);
    broken['assessment-results'].results[0].findings[0].target.status.state = 'effective';
    delete broken['assessment-results'].metadata['oscal-version'];
    expect(validate(broken)).toBe(false);
  });

  it('covers the period and names the placeholder assessment plan', () => {
    const { from, to } = bundle.check!.run.period;
    expect(doc['assessment-results'].metadata['oscal-version']).toBe('1.0.6');
    expect(doc['assessment-results']['import-ap'].href).toBe(ASSESSMENT_PLAN_PLACEHOLDER);
    expect((oscalAssessmentResults(bundle, { importAp: 'https://auditor.example/ap.json' }) as Json)['assessment-results']['import-ap']).toEqual({ href: 'https://auditor.example/ap.json' });
    // 2026 period in America/Los_Angeles: days start at 07:00Z in summer time.
    expect(result.start).toBe(`${from}T07:00:00.000Z`);
    expect(Date.parse(result.end)).toBeGreaterThan(Date.parse(`${to}T00:00:00Z`));
    expect(result.props).toContainEqual(expect.objectContaining({ name: 'ledger-head', value: bundle.ledgerHead }));
  });

  it('has an observation and a finding per control, satisfied only when the control passed', () => {
    const results = bundle.check!.run.results;
    expect(result.observations).toHaveLength(results.length);
    expect(result.findings).toHaveLength(results.length);
    const byControl = new Map<string, Json>(result.findings.map((f: Json) => [f.target['target-id'], f]));
    for (const r of results) {
      const f = byControl.get(r.control)!;
      expect(f.target.status.state, r.control).toBe(r.status === 'pass' ? 'satisfied' : 'not-satisfied');
      expect(f['related-risks']?.length ?? 0).toBe(r.exceptions.length);
      const obs = result.observations.find((o: Json) => o.uuid === f['related-observations'][0]['observation-uuid']);
      expect(obs.methods).toEqual(r.check && r.status !== 'not_tested' ? ['EXAMINE', 'TEST'] : ['EXAMINE']);
    }
    expect(results.some((r) => r.status === 'exception')).toBe(true);
  });

  it('maps a passing control to satisfied and the other statuses to not-satisfied with a reason', () => {
    // The demo plants a problem in every tested control, so passing is shown on an edited run.
    const r = bundle.check!.run.results.find((x) => x.status === 'exception')!;
    const statuses = ['pass', 'exception', 'insufficient_evidence', 'not_tested'] as const;
    const edited: EvidenceBundle = { ...bundle, check: { ...bundle.check!, run: { ...bundle.check!.run, results: statuses.map((status) => ({ ...r, control: `${r.control.slice(0, 3)}-9${statuses.indexOf(status)}`, status, exceptions: status === 'exception' ? r.exceptions : [] })) } } };
    const findings = (oscalAssessmentResults(edited) as Json)['assessment-results'].results[0].findings as Json[];
    expect(findings.map((f) => [f.target.status.state, f.target.status.reason])).toEqual([['satisfied', 'pass'], ['not-satisfied', 'fail'], ['not-satisfied', 'other'], ['not-satisfied', 'other']]);
    const validate = oscalValidator();
    validate(oscalAssessmentResults(edited));
    expect(validate.errors ?? []).toEqual([]);
  });

  it('has a risk per exception and points evidence at ledgered artifacts by hash', () => {
    const exceptions = bundle.check!.run.results.flatMap((r) => r.exceptions);
    expect(result.risks).toHaveLength(exceptions.length);
    const ledgered = new Set(bundle.ledger.map((e) => e.artifact));
    const hrefs = [...result.observations.flatMap((o: Json) => o['relevant-evidence'] ?? []), ...result.risks.flatMap((r: Json) => r.links ?? [])].map((e: Json) => e.href as string);
    expect(hrefs.length).toBeGreaterThan(exceptions.length);
    for (const h of hrefs) {
      expect(h).toMatch(/^#artifact-[0-9a-f]{64}$/);
      expect(ledgered.has(h.slice('#artifact-'.length)), h).toBe(true);
    }
    const resources = doc['assessment-results']['back-matter'].resources;
    expect(resources).toHaveLength(ledgered.size);
    expect(resources[0].rlinks[0]).toEqual({ href: `artifacts/${resources[0].rlinks[0].hashes[0].value}`, hashes: [{ algorithm: 'SHA-256', value: expect.stringMatching(/^[0-9a-f]{64}$/) }] });
  });

  it('is deterministic: same run and ledger, same document and UUIDs; every UUID unique', () => {
    expect(oscalAssessmentResults(bundle)).toEqual(doc);
    const uuids = JSON.stringify(doc).match(/"uuid":"[^"]+"/g) ?? [];
    expect(uuids.length).toBeGreaterThan(100);
    expect(new Set(uuids).size).toBe(uuids.length);
  });
});

describe('nameUuid', () => {
  it('is a stable version 5 layout UUID', () => {
    const u = nameUuid('ns', 'ACC-04');
    expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(nameUuid('ns', 'ACC-04')).toBe(u);
    expect(nameUuid('ns', 'ACC-05')).not.toBe(u);
    expect(nameUuid('other', 'ACC-04')).not.toBe(u);
  });
});
