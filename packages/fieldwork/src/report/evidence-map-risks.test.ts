import { describe, expect, it } from 'vitest';
import { builtInControls } from '@fieldwork/core';
import type { RiskRecord } from '@fieldwork/core';
import { workspaceSchema } from '../workspace/index.js';
import { buildEvidenceMap } from './evidence-map.js';
import { evidenceMapMarkdown } from './evidence-map-markdown.js';

const config = workspaceSchema.parse({
  organization: 'Relay Labs', timezone: 'UTC',
  scope: { categories: ['security'], report: { type: 2, from: '2026-04-01', to: '2026-09-30' } },
  owners: { compliance: { name: 'Maya Chen', email: 'maya@relaylabs.ai' } },
  sources: [{ name: 'risk-register', kind: 'risk-register-yaml', path: 'risks.yaml' }],
});
const risk = (id: string, title: string, controls: string[]): RiskRecord => ({
  kind: 'risk', source: 'risk-register', artifact: 'c'.repeat(64), locator: `/risks/${id}`, id, title, category: 'prompt-injection', inherent: { likelihood: 3, impact: 4 }, controls,
});
const map = (risks?: RiskRecord[]) => buildEvidenceMap({ config, controls: builtInControls.filter((c) => ['AGT-03', 'AGT-04', 'GOV-04'].includes(c.id)), sourceNames: ['risk-register'], results: undefined, checkRunAt: null, period: null, ledger: [], risks });

describe('evidence map: risks by control', () => {
  it('lists each risk under every control it links to, and the register as the source of the risk controls', () => {
    const m = map([risk('R-01', 'Injected instructions', ['AGT-03', 'AGT-04']), risk('R-02', 'Tool misuse', ['AGT-04', 'XYZ-99'])]);
    expect(m.rows.find((r) => r.control === 'AGT-04')!.risks).toEqual([{ id: 'R-01', title: 'Injected instructions' }, { id: 'R-02', title: 'Tool misuse' }]);
    expect(m.rows.find((r) => r.control === 'AGT-03')!.risks.map((r) => r.id)).toEqual(['R-01']);
    expect(m.rows.find((r) => r.control === 'GOV-04')).toMatchObject({ risks: [], sources: ['risk-register (risk-register-yaml)'] });
    const md = evidenceMapMarkdown(m);
    expect(md).toContain('## Risks by control');
    expect(md).toContain('| AGT-04 Human approval above defined risk thresholds | R-01 Injected instructions; R-02 Tool misuse |');
  });

  it('says where the register goes when none is collected', () => {
    expect(evidenceMapMarkdown(map())).toContain('No risk register collected: add risks.yaml as a `risk-register-yaml` source');
    expect(evidenceMapMarkdown(map([risk('R-09', 'Unlinked', [])]))).toContain('1 risks collected; none links to a control in scope.');
  });
});
