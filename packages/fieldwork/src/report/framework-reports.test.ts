import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInFrameworks } from '@fieldwork/core';
import type { Framework } from '@fieldwork/core';
import { aiRegisterOfWorkspace } from '../pipeline/ai-register-workspace.js';
import { createServerApp } from '../server/server-app.js';
import { resolveFrameworks } from '../workspace/index.js';
import { aiRegisterMarkdown } from './ai-register-markdown.js';
import { loadEvidenceBundle } from './evidence-bundle.js';
import type { EvidenceBundle } from './evidence-bundle.js';
import { frameworkMarkdown } from './framework-markdown.js';
import { frameworkById, frameworkViewOf } from './framework-view.js';
import { oscalFrameworkResults, oscalRequirementToken } from './oscal-framework-results.js';
import { TEST_DIALECTS } from '../testing/index.js';
import { buildReportTestWorkspace } from './report-test-workspace.js';
import type { ReportTestWorkspace } from './report-test-workspace.js';

const SCHEMA = fileURLToPath(new URL('../../schemas/oscal/oscal_assessment-results_schema.v1.0.6.json', import.meta.url));
const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  email: (s) => /^[^\s@]+@[^\s@]+$/.test(s),
  uri: (s) => /^[a-z][a-z0-9+.-]*:\S+$/i.test(s),
  'uri-reference': (s) => !/\s/.test(s),
};
function oscalValidator(): ValidateFunction {
  const AjvClass = ((Ajv as unknown as { default?: typeof Ajv }).default ?? Ajv) as unknown as new (opts: object) => { addFormat(n: string, f: (s: string) => boolean): void; compile(s: object): ValidateFunction };
  const ajv = new AjvClass({ strict: false, allErrors: true });
  for (const [name, check] of Object.entries(FORMATS)) ajv.addFormat(name, check);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
}

type Json = Record<string, any>;

// The register and the views read records and runs through the store: both stores, as the store tests do.
for (const dialect of TEST_DIALECTS) {
  describe(`on ${dialect}`, () => {
    let t: ReportTestWorkspace;
    let bundle: EvidenceBundle;
    let frameworks: Framework[];

    beforeAll(async () => {
      t = await buildReportTestWorkspace(dialect);
      bundle = await loadEvidenceBundle(t.ws, t.store);
      frameworks = resolveFrameworks(t.ws);
    }, 180_000);
    afterAll(async () => t?.dispose());

    describe(`framework views of the demo check run (${dialect})`, () => {
      it('each AI framework shows coverage figures from the one check run, with its unmapped requirements', () => {
        for (const id of ['iso42001', 'nist-ai-rmf', 'eu-ai-act', 'owasp-llm']) {
          const view = frameworkViewOf(bundle, frameworkById(frameworks, id));
          const s = view.summary;
          expect(s.requirements).toBe(builtInFrameworks().find((f) => f.id === id)!.requirements.length);
          expect(s.tested).toBeGreaterThan(0);
          expect(s.withExceptions).toBeGreaterThan(0);
          expect(s.tested).toBe(s.served + s.withExceptions);
          expect(s.mapped + s.unmapped.length).toBe(s.requirements);
          // Every exception a requirement shows is one the stored run found in that control.
          for (const r of view.requirements) {
            for (const c of r.controls) {
              const stored = bundle.check!.run.results.find((x) => x.control === c.control)!;
              expect(c.exceptions.length).toBe(stored.exceptions.length);
              expect(c.status).toBe(stored.status);
            }
          }
        }
        const iso = frameworkViewOf(bundle, frameworkById(frameworks, 'iso42001'));
        expect(iso.summary.unmapped).toEqual(expect.arrayContaining(['A.2.2', 'A.5.4']));
        expect(iso.requirements.find((r) => r.id === 'A.10.3')?.controls.map((c) => c.control)).toContain('AGT-22');
      });

      it('renders the per-framework evidence map with the requirements no control covers', () => {
        const md = frameworkMarkdown(frameworkViewOf(bundle, frameworkById(frameworks, 'eu-ai-act')), { organization: bundle.organization, period: bundle.map.period, checkRunAt: bundle.map.checkRunAt });
        expect(md).toMatch(/^# EU AI Act obligations/);
        expect(md).toMatch(/\| Art\. 14 Human oversight \| \*\*exceptions\*\* \| AGT-04 /);
        expect(md).toMatch(/## Requirements no control covers\n\n- \*\*Art\. 11 Technical documentation\*\* — .*\(mapped to PI-01, not in scope\)\n/);
        expect(md).toMatch(/\n- \*\*Art\. 18 Keeping documentation\*\* — [^(\n]*\n/);
      });

      it('writes OSCAL assessment results per framework that validate and target the requirement ids', () => {
        const validate = oscalValidator();
        for (const id of ['iso42001', 'nist-ai-rmf', 'eu-ai-act', 'owasp-llm']) {
          const view = frameworkViewOf(bundle, frameworkById(frameworks, id));
          const doc = oscalFrameworkResults(bundle, view) as Json;
          const ok = validate(doc);
          expect(validate.errors ?? []).toEqual([]);
          expect(ok).toBe(true);
          const result = doc['assessment-results'].results[0];
          expect(result.findings).toHaveLength(view.summary.requirements);
          expect(result['reviewed-controls']['control-selections'][0]['include-controls'].map((x: Json) => x['control-id'])).toEqual(view.requirements.map((r) => oscalRequirementToken(r.id)));
          const observations = new Set(result.observations.map((o: Json) => o.uuid));
          const risks = new Set(result.risks.map((o: Json) => o.uuid));
          for (const f of result.findings as Json[]) {
            for (const o of f['related-observations'] ?? []) expect(observations.has(o['observation-uuid'])).toBe(true);
            for (const r of f['related-risks'] ?? []) expect(risks.has(r['risk-uuid'])).toBe(true);
          }
        }
        const eu = oscalFrameworkResults(bundle, frameworkViewOf(bundle, frameworkById(frameworks, 'eu-ai-act'))) as Json;
        const art14 = eu['assessment-results'].results[0].findings.find((f: Json) => f.props.some((p: Json) => p.name === 'requirement-id' && p.value === 'Art. 14'));
        expect(art14.target).toMatchObject({ type: 'objective-id', 'target-id': 'Art.14', status: { state: 'not-satisfied', reason: 'fail' } });
        expect(art14['related-risks'].length).toBeGreaterThan(0);
      });

      it('turns requirement ids into OSCAL tokens', () => {
        expect(['A.6.2.8', 'GOVERN 1.6', 'Art. 26(6)', 'Art. 53(1)(a)', 'LLM01'].map(oscalRequirementToken)).toEqual(['A.6.2.8', 'GOVERN-1.6', 'Art.26.6', 'Art.53.1.a', 'LLM01']);
      });
    });

    describe(`the AI system register of the demo (${dialect})`, () => {
      it('shows the models, providers, agents and tools, with the undeclared model as the check found it', async () => {
        const { register, result } = await aiRegisterOfWorkspace(t.ws, t.store);
        expect(result?.exceptions.map((e) => `${e.rule} ${e.subject}`)).toEqual(['ai.model_undeclared gpt-5-mini-2025-08-07']);
        const md = aiRegisterMarkdown(register, { organization: bundle.organization, result });
        expect(md).toMatch(/\| relay-agent \| gpt-5-mini-2025-08-07 \(requested gpt-5\) \| openai \| \d+ \| 2026-08-20 \| [\d-]+ \| \*\*not declared\*\* \|/);
        expect(md).toMatch(/\| openai \| .* \| OpenAI \(critical\) \| .* \| yes \|/);
        expect(md).toMatch(/\| refunds\.issue \| yes \| bounded \| approval-above-threshold \(app\.refund\.amount > 500\) \|/);
      });

      it('is a dashboard page, and the frameworks have theirs', async () => {
        const app = createServerApp({ workspaceDir: t.dir, store: t.store, auth: { mode: 'insecure-local' }, now: () => new Date('2026-10-15T17:00:00Z') });
        const page = await (await app.request('/ai-register')).text();
        expect(page).toContain('<h1>AI system register</h1>');
        expect(page).toMatch(/gpt-5-mini-2025-08-07[\s\S]*not declared/);
        expect(page).toContain('approval-above-threshold');
        const list = await (await app.request('/frameworks')).text();
        for (const name of ['ISO/IEC 42001', 'NIST AI Risk Management Framework', 'EU AI Act', 'OWASP Top 10 for LLM']) expect(list).toContain(name);
        const iso = await app.request('/frameworks/iso42001');
        expect(iso.status).toBe(200);
        expect(await iso.text()).toContain('A.6.2.8');
        expect((await app.request('/frameworks/iso27001')).status).toBe(404);
      });
    });
  });
}
