/** @module Tests that the built-in catalog is complete, consistent and mergeable. */
import { describe, it, expect } from 'vitest';
import {
  builtInControls,
  categoriesOfControl,
  checkIdsOfCatalog,
  controlsInScope,
  criteria,
  criteriaById,
  mergeControls,
  owaspLlm2025,
} from './index.js';
import type { Control } from './index.js';

const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

const expectedCriteria = [
  ...range('CC1.', 1, 5), ...range('CC2.', 1, 3), ...range('CC3.', 1, 4), ...range('CC4.', 1, 2),
  ...range('CC5.', 1, 3), ...range('CC6.', 1, 8), ...range('CC7.', 1, 5), 'CC8.1', ...range('CC9.', 1, 2),
  ...range('A1.', 1, 3), ...range('C1.', 1, 2), ...range('PI1.', 1, 5),
  'P1.1', 'P2.1', ...range('P3.', 1, 2), ...range('P4.', 1, 3), ...range('P5.', 1, 2), ...range('P6.', 1, 7),
  'P7.1', 'P8.1',
];

const expectedChecks = [
  'hr.deprovisioning', 'access.grant-approval', 'access.reviews', 'access.mfa-sso', 'access.reconciliation',
  'change.review-approval', 'change.branch-protection', 'vuln.scan-cadence', 'vuln.remediation-sla',
  'vuln.dependency-coverage', 'backup.success-cadence', 'backup.restore-test', 'vendor.review',
  'vendor.soc2-coverage', 'vendor.cuec-mapping', 'policy.lifecycle', 'incident.register', 'ai.system-register',
  'agent.tool-authorization', 'agent.human-approval', 'agent.model-change', 'agent.prompt-retention',
  'agent.prompt-pii', 'agent.tenant-isolation', 'agent.incident-coverage', 'agent.eval-coverage',
  'risk.review_overdue', 'risk.high_untreated', 'risk.agent_unlinked',
  'hr.policy-ack', 'hr.training', 'hr.background-check',
];

// The source kinds DESIGN.md promises; evidence sources must name one of them.
const sourceKinds = new Set([
  'bamboohr-csv', 'hr-csv', 'okta-system-log', 'google-workspace-admin', 'entra-audit', 'jira-issues',
  'linear-issues', 'github-rest', 'github-api', 'git-repo', 'trivy-json', 'grype-json', 'osv-scanner-json',
  'npm-audit-json', 'sarif', 'dependabot-alerts', 'aws-backup-jobs', 'aws-restore-jobs', 'pgbackrest-info',
  'restic-snapshots', 'vendors-csv', 'vendors-yaml', 'prowler-ocsf', 'cyclonedx', 'otlp-json',
  'langfuse-export', 'prompt-log-jsonl', 'model-changes-yaml', 'eval-runs-json', 'promptfoo-results',
  'isolation-probe-json', 'policies-md', 'incidents-json', 'risk-register-yaml',
  // Account rosters and sign-in logs (docs/identity-sources.md).
  'okta-users', 'entra-users', 'google-directory-users', 'entra-sign-ins',
  'policy-acks-csv', 'training-csv', 'knowbe4-enrollments', 'background-checks-csv',
]);

const text = (c: Control): string => `${c.title} ${c.statement}`.toLowerCase();

describe('criteria', () => {
  it('has exactly the 61 expected ids, unique, in order', () => {
    expect(expectedCriteria).toHaveLength(61);
    expect(criteria.map((c) => c.id)).toEqual(expectedCriteria);
    expect(new Set(criteria.map((c) => c.id)).size).toBe(61);
  });

  it('has a non-empty, distinct paraphrase and a group for every criterion', () => {
    for (const c of criteria) {
      expect(c.paraphrase.trim().length, c.id).toBeGreaterThan(10);
      expect(c.group.trim().length, c.id).toBeGreaterThan(2);
    }
    expect(new Set(criteria.map((c) => c.paraphrase)).size).toBe(criteria.length);
  });

  it('assigns categories by id prefix', () => {
    const prefix: Record<string, string> = { CC: 'security', A: 'availability', C: 'confidentiality', PI: 'processing_integrity', P: 'privacy' };
    for (const c of criteria) expect(c.category, c.id).toBe(prefix[c.id.match(/^[A-Z]+/)![0]]);
    expect(criteriaById('CC6.2')?.category).toBe('security');
    expect(criteriaById('CC10.1')).toBeUndefined();
  });
});

describe('OWASP LLM 2025', () => {
  it('lists LLM01..LLM10', () => {
    expect(owaspLlm2025.map((r) => r.id)).toEqual(range('LLM', 1, 10).map((id) => id.replace(/LLM(\d)$/, 'LLM0$1')));
    expect(owaspLlm2025.find((r) => r.id === 'LLM06')?.name).toBe('Excessive Agency');
  });
});

describe('built-in controls', () => {
  it('has at least 60 controls with unique ids', () => {
    expect(builtInControls.length).toBeGreaterThanOrEqual(60);
    expect(new Set(builtInControls.map((c) => c.id)).size).toBe(builtInControls.length);
  });

  it('cites only known criteria, OWASP ids and source kinds', () => {
    const owasp = new Set(owaspLlm2025.map((r) => r.id));
    for (const c of builtInControls) {
      for (const id of c.criteria) expect(criteriaById(id), `${c.id} → ${id}`).toBeDefined();
      for (const id of c.owaspLlm) expect(owasp.has(id), `${c.id} → ${id}`).toBe(true);
      for (const s of c.evidenceSources) expect(sourceKinds.has(s), `${c.id} → ${s}`).toBe(true);
    }
  });

  it('addresses every one of the 61 criteria', () => {
    const covered = new Set(builtInControls.flatMap((c) => c.criteria));
    expect(expectedCriteria.filter((id) => !covered.has(id))).toEqual([]);
  });

  it('uses every check id exactly once and no others', () => {
    const used = builtInControls.flatMap((c) => (c.check ? [c.check] : []));
    for (const id of expectedChecks) expect(used.filter((u) => u === id), id).toHaveLength(1);
    expect(checkIdsOfCatalog()).toEqual([...expectedChecks].sort());
  });

  it('ships the documented default params', () => {
    const byCheck = (check: string) => builtInControls.find((c) => c.check === check)!;
    expect(byCheck('hr.deprovisioning').params).toEqual({ maxDelayDays: 1 });
    expect(byCheck('access.reviews').params).toEqual({ reviewIntervalDays: 92 });
    expect(byCheck('change.review-approval').params).toEqual({ emergencyApprovalDays: 2, productionEnvironments: ['production'] });
    expect(byCheck('vuln.remediation-sla').params).toEqual({ slaDays: { critical: 15, high: 30, medium: 90, low: 180 } });
    expect(byCheck('agent.prompt-retention').params).toEqual({ retentionDays: 30, graceDays: 2 });
    expect(byCheck('agent.tenant-isolation').params).toEqual({ maxProbeAgeDays: 30 });
    expect(byCheck('agent.eval-coverage').params).toEqual({ cadence: 'monthly' });
    expect(byCheck('vuln.scan-cadence').params).toEqual({ cadence: 'weekly', graceDays: 0 });
  });

  const agentTopics: Record<string, RegExp[]> = {
    'tool-call authorization with scoped credentials': [/tool call/, /scoped/],
    'model API key rotation': [/api key/, /rotat/],
    'prompt-injection defenses': [/prompt.injection/],
    'model provider failover': [/failover|fallback/, /provider/],
    'queue durability': [/queue/, /durable/],
    'run resumption after restart': [/resum/, /restart/],
    'eval on a held-out set': [/held-out/, /evaluat/],
    'output validation against schemas': [/output/, /schema/],
    'human-in-the-loop at risk thresholds': [/human/, /threshold/],
    'prompt redaction': [/redact/, /prompt/],
    'memory partitioning per tenant': [/memory/, /partition/],
    'output filtering for cross-tenant leakage': [/filter/, /another tenant|cross-tenant/],
    'data subject access paths': [/data subject|see, correct|access/, /prompt logs/],
    'training opt-out': [/train/, /opt-out/],
    'deletion of PII from prompt logs': [/delet/, /prompt logs/, /personal data/],
    'prompt/completion/tool-trace log retention and access': [/retention/, /completion/, /tool-trace/],
    'model swap change management': [/model/, /change management|ticket/, /swap|changing the model/],
    'incident definitions covering agent incidents': [/incident/, /agent/, /taxonomy|definition/],
  };
  for (const [topic, patterns] of Object.entries(agentTopics)) {
    it(`has an agent control for ${topic}`, () => {
      const hit = builtInControls.find((c) => c.agent && patterns.every((p) => p.test(text(c))));
      expect(hit, topic).toBeDefined();
    });
  }

  const generalTopics: Record<string, RegExp> = {
    board: /board/, 'org chart': /org chart/, 'code of conduct': /code of conduct/, 'risk assessment': /risk assessment/,
    'background checks': /background check/, training: /training/, 'confidentiality agreement': /confidentiality agreement/,
    'access review': /access review/, mfa: /multi-factor/, 'penetration test': /penetration test/,
    'incident response': /incident response/, restore: /restore/, 'disaster recovery': /disaster recovery/,
    'subservice organization': /subservice organization/, 'user entity control': /user entity control/,
    classification: /classif/, 'at rest': /at rest/, 'in transit': /in transit/, 'key management': /key management/,
    'dependency lockfiles': /lockfile/,
  };
  it('covers the expected general topics', () => {
    for (const [topic, pattern] of Object.entries(generalTopics)) {
      expect(builtInControls.some((c) => pattern.test(text(c))), topic).toBe(true);
    }
  });
});

describe('scope', () => {
  it('derives categories from criteria', () => {
    expect(categoriesOfControl({ criteria: ['P4.2', 'CC6.1', 'C1.2'] })).toEqual(['security', 'confidentiality', 'privacy']);
  });

  it('keeps CC controls and drops privacy-only ones in a security-only scope', () => {
    const inScope = controlsInScope(builtInControls, ['security']);
    const ids = new Set(inScope.map((c) => c.id));
    const privacyOnly = builtInControls.filter((c) => c.criteria.every((id) => id.startsWith('P') && !id.startsWith('PI')));
    expect(privacyOnly.length).toBeGreaterThan(0);
    for (const c of privacyOnly) expect(ids.has(c.id), c.id).toBe(false);
    for (const c of builtInControls.filter((c) => c.criteria.some((id) => id.startsWith('CC')))) {
      expect(ids.has(c.id), c.id).toBe(true);
    }
  });

  it('tests backup restores in a Security-only scope (auditors sample them first), and drops an Availability-only control', () => {
    const ids = new Set(controlsInScope(builtInControls, ['security']).map((c) => c.id));
    const restore = builtInControls.find((c) => c.check === 'backup.restore-test');
    expect(restore?.criteria).toEqual(expect.arrayContaining(['CC7.5', 'CC9.1', 'A1.3']));
    expect(ids.has(restore?.id ?? '')).toBe(true);
    const availabilityOnly = builtInControls.filter((c) => c.criteria.every((id) => id.startsWith('A1')));
    for (const c of availabilityOnly) expect(ids.has(c.id), c.id).toBe(false);
  });

  it('adds privacy controls when privacy is in scope, and security stays in regardless', () => {
    const withPrivacy = controlsInScope(builtInControls, ['privacy']);
    expect(withPrivacy.some((c) => c.id === 'PRV-08')).toBe(true);
    expect(withPrivacy.some((c) => c.id === 'ACC-01')).toBe(true);
    expect(controlsInScope(builtInControls, []).some((c) => c.id === 'ACC-01')).toBe(true);
  });
});

describe('mergeControls', () => {
  it('overrides a parameter, the owner and the frequency by id, keeping other defaults', () => {
    const merged = mergeControls(builtInControls, [
      { id: 'HR-05', params: { maxDelayDays: 3 }, ownerRole: 'people-ops' },
      { id: 'VUL-02', params: { slaDays: { critical: 7 } }, frequency: 'weekly' },
    ], []);
    const hr = merged.find((c) => c.id === 'HR-05')!;
    expect(hr.params).toEqual({ maxDelayDays: 3 });
    expect(hr.ownerRole).toBe('people-ops');
    expect(hr.check).toBe('hr.deprovisioning');
    const vul = merged.find((c) => c.id === 'VUL-02')!;
    expect(vul.params.slaDays).toEqual({ critical: 7, high: 30, medium: 90, low: 180 });
    expect(vul.frequency).toBe('weekly');
    expect(merged).toHaveLength(builtInControls.length);
    // The built-in catalog itself is untouched.
    expect(builtInControls.find((c) => c.id === 'HR-05')!.params).toEqual({ maxDelayDays: 1 });
  });

  it('rejects an override of an unknown control, naming the id', () => {
    expect(() => mergeControls(builtInControls, [{ id: 'ZZZ-99', params: { x: 1 } }], [])).toThrow(/ZZZ-99/);
  });

  it('rejects a parameter of the wrong shape', () => {
    expect(() => mergeControls(builtInControls, [{ id: 'HR-05', params: { maxDelayDays: 'one' } }], [])).toThrow(/HR-05.*maxDelayDays/);
  });

  it('adds workspace controls and refuses bad or clashing ones', () => {
    const extra = {
      id: 'CUS-01', title: 'Quarterly tabletop', statement: 'We run a quarterly tabletop exercise with the support team.',
      criteria: ['CC7.4'], category: 'incident' as const, frequency: 'quarterly' as const, ownerRole: 'security-lead',
      evidenceSources: [], check: null,
    };
    const merged = mergeControls(builtInControls, [], [extra]);
    expect(merged.at(-1)).toMatchObject({ id: 'CUS-01', agent: false, params: {}, owaspLlm: [] });
    expect(() => mergeControls(builtInControls, [], [{ ...extra, id: 'ACC-01' }])).toThrow(/ACC-01/);
    expect(() => mergeControls(builtInControls, [], [{ ...extra, criteria: ['CC99.1'] }])).toThrow(/CUS-01.*CC99\.1/);
    expect(() => mergeControls(builtInControls, [], [{ ...extra, id: 'bad' }])).toThrow(/bad/);
  });
});
