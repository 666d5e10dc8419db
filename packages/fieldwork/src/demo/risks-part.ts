import { stringify } from 'yaml';
import { riskRegisterJsonSchema } from '../collectors/risk-register/risk-register-entry.js';
import type { DemoContext, DemoPart } from './demo-context.js';
import { DEMO_OWNERS } from './demo-owners.js';
import { planting } from './demo-plants.js';

const SEC = DEMO_OWNERS.securityLead.email;
const ENG = DEMO_OWNERS.engineeringLead.email;
const AI = DEMO_OWNERS.aiLead.email;
const PEOPLE = DEMO_OWNERS.peopleOps.email;
const IT = DEMO_OWNERS.itAdmin.email;
const CEO = DEMO_OWNERS.compliance.email;

type Rating = { likelihood: number; impact: number };
const r = (likelihood: number, impact: number): Rating => ({ likelihood, impact });
const plan = (text: string, owner: string, due: string) => ({ type: 'mitigate', plan: text, owner, due });

/** The demo's risk register: 20 risks rated on a 5 × 5 scale, the agent risk categories among them. */
function register(ctx: DemoContext): Record<string, unknown>[] {
  const overdue = planting(ctx, 'risks.review_overdue');
  const untreated = planting(ctx, 'risks.high_untreated');
  const manualOnly = planting(ctx, 'risks.agent_manual_only');
  return [
    { id: 'R-01', title: 'Instructions hidden in tickets or retrieved pages make the support agent act for the attacker', category: 'prompt-injection', owner: AI, inherent: r(4, 5), residual: r(2, 4), treatment: plan('Approval above the risk threshold; retrieved text fenced and labelled in prompts', AI, '2026-12-15'), controls: ['AGT-03', 'AGT-04'], created: '2025-11-03', reviewed: '2026-06-18', review_months: 6 },
    { id: 'R-02', title: 'The agent calls a tool with its own broad credential instead of the user\'s scoped one', category: 'tool-misuse', owner: ENG, inherent: r(3, 5), residual: r(2, 4), treatment: plan('Credential broker issues per-user, per-tenant tokens for every tool', ENG, '2026-11-30'), controls: ['AGT-01', 'AGT-04'], created: '2025-11-03', reviewed: '2026-06-18', review_months: 6 },
    { id: 'R-03', title: 'One tenant\'s documents or memories come back in another tenant\'s answers', category: 'cross-tenant-leakage', owner: ENG, inherent: r(3, 5), residual: r(2, 5), treatment: plan('Tenant filter enforced in the memory store; monthly isolation probe', ENG, '2026-10-31'), controls: ['AGT-05', 'AGT-06'], created: '2025-11-03', reviewed: '2026-08-10', review_months: 6 },
    { id: 'R-04', title: 'A provider update silently changes model behaviour in production', category: 'model-drift', owner: AI, inherent: r(4, 3), residual: r(2, 3), treatment: plan('Pin dated model snapshots; held-out eval before each swap', AI, '2026-11-15'), controls: manualOnly ? ['AGT-17'] : ['AGT-16', 'AGT-14'], created: '2025-11-03', reviewed: '2026-07-02', review_months: 6 },
    { id: 'R-05', title: 'The main model provider is down or rate-limits us for hours', category: 'provider-outage', owner: ENG, inherent: r(3, 4), residual: r(3, 4), ...(untreated ? {} : { treatment: plan('Fail over to a second provider behind the same interface', ENG, '2027-01-31') }), controls: ['AGT-11', 'VEN-02'], created: '2026-02-12', reviewed: '2026-08-10' },
    { id: 'R-06', title: 'A leaver keeps access to production or customer data', category: 'security', owner: IT, inherent: r(3, 4), residual: r(2, 3), treatment: plan('HR feed drives IdP deactivation the same day', IT, '2026-10-15'), controls: ['HR-05', 'ACC-04'], created: '2025-11-03', reviewed: '2026-05-20' },
    { id: 'R-07', title: 'A phished engineer account pushes code to production', category: 'security', owner: SEC, inherent: r(3, 5), residual: r(1, 5), treatment: plan('Phishing-resistant MFA; branch protection with required review', SEC, '2026-10-01'), controls: ['ACC-03', 'CHG-01', 'CHG-02'], created: '2025-11-03', reviewed: '2026-05-20' },
    { id: 'R-08', title: 'A known vulnerability in a dependency is exploited before it is patched', category: 'security', owner: SEC, inherent: r(4, 4), residual: r(2, 4), treatment: plan('Weekly scans; fix critical within 15 days', SEC, '2026-10-01'), controls: ['VUL-01', 'VUL-02', 'VUL-03'], created: '2025-11-03', reviewed: '2026-05-20' },
    { id: 'R-09', title: 'The agent memory database is lost and cannot be restored', category: 'availability', owner: ENG, inherent: r(2, 5), residual: r(1, 5), treatment: plan('Daily backups, quarterly restore test', ENG, '2026-12-31'), controls: ['BCK-01', 'BCK-02'], created: '2025-11-03', reviewed: overdue ? '2025-08-14' : '2026-03-20' },
    { id: 'R-10', title: 'Personal data in prompts ends up in logs kept too long', category: 'privacy', owner: AI, inherent: r(4, 3), residual: r(2, 3), treatment: plan('Redact before logging; 30-day prompt log retention', AI, '2026-10-31'), controls: ['AGT-18', 'AGT-19'], created: '2025-11-03', reviewed: '2026-04-22' },
    { id: 'R-11', title: 'A subprocessor with customer data has no current assurance report', category: 'vendor', owner: CEO, inherent: r(3, 3), residual: r(2, 3), treatment: plan('Yearly vendor review; SOC 2 or bridge letter on file', CEO, '2026-12-31'), controls: ['VEN-01', 'VEN-02'], created: '2025-11-03', reviewed: '2026-04-22' },
    { id: 'R-12', title: 'A model provider trains on our customers\' prompts', category: 'vendor', owner: CEO, inherent: r(2, 4), residual: r(1, 4), treatment: plan('Zero-retention terms with each provider', CEO, '2026-10-31'), controls: ['AGT-21', 'VEN-04'], created: '2025-11-03', reviewed: '2026-04-22' },
    { id: 'R-13', title: 'Refunds issued by the billing agent are redirected by an insider', category: 'fraud', owner: CEO, inherent: r(2, 4), residual: r(2, 3), treatment: plan('Refunds above $500 need a second approver', CEO, '2026-11-30'), controls: ['AGT-04', 'ACC-02'], created: '2026-01-15', reviewed: '2026-07-15' },
    { id: 'R-14', title: 'An unreviewed change breaks tenant filtering', category: 'processing-integrity', owner: ENG, inherent: r(3, 4), residual: r(2, 3), treatment: plan('Required review and tests before merge', ENG, '2026-10-01'), controls: ['CHG-01', 'CHG-03'], created: '2025-11-03', reviewed: '2026-05-20' },
    { id: 'R-15', title: 'A security incident is noticed late or handled without a record', category: 'operational', owner: SEC, inherent: r(3, 3), residual: r(2, 3), treatment: plan('On-call rota and an incident register with response targets', SEC, '2026-10-15'), controls: ['INC-02', 'INC-04'], created: '2025-11-03', reviewed: '2026-05-20' },
    { id: 'R-16', title: 'Key engineers leave and nobody else can run the agent platform', category: 'people', owner: PEOPLE, inherent: r(3, 3), residual: r(3, 3), treatment: plan('Runbooks and a second owner per service', PEOPLE, '2027-03-31'), controls: ['GOV-02'], created: '2026-01-15', reviewed: '2026-07-15' },
    { id: 'R-17', title: 'A policy lapses and staff follow outdated rules', category: 'compliance', owner: CEO, inherent: r(2, 3), residual: r(1, 3), treatment: plan('Yearly policy review with approval', CEO, '2026-12-31'), controls: ['GOV-05'], created: '2025-11-03', reviewed: '2026-04-22' },
    { id: 'R-18', title: 'Token spend spikes when an agent loops on a failing tool', category: 'financial', owner: AI, inherent: r(4, 3), residual: r(4, 3), treatment: { type: 'accept', plan: 'Spend alerts only until the loop limiter ships', approved_by: CEO }, controls: ['AGT-08'], created: '2026-06-01', reviewed: '2026-08-28' },
    { id: 'R-19', title: 'A large customer leaves after a visible agent mistake', category: 'strategic', owner: CEO, inherent: r(2, 4), residual: r(2, 3), treatment: plan('Eval gates and an incident apology playbook', CEO, '2027-01-31'), controls: ['AGT-14'], created: '2026-09-01' },
    { id: 'R-20', title: 'Secrets committed to a repository reach a public fork', category: 'confidentiality', owner: SEC, inherent: r(2, 4), residual: r(1, 4), treatment: plan('Secret scanning on every push', SEC, '2026-11-30'), controls: ['VUL-05'], created: '2025-11-03', reviewed: '2026-05-20' },
  ];
}

/** The risk register (`governance/risks.yaml`) and the workspace's rating scale. */
export const risksPart: DemoPart = {
  name: 'risks',
  generate(ctx) {
    const risks = register(ctx);
    const planted: { rule: string; subject: string; why: string }[] = [];
    if (planting(ctx, 'risks.review_overdue')) planted.push({ rule: 'risk.review_overdue', subject: 'R-09', why: 'last reviewed 2025-08-14; the yearly review was due by 2026-08-14' });
    if (planting(ctx, 'risks.high_untreated')) planted.push({ rule: 'risk.high_untreated', subject: 'R-05', why: 'provider outage stays at 3×4 = 12 (high) with no treatment' });
    if (planting(ctx, 'risks.agent_manual_only')) planted.push({ rule: 'risk.agent_manual_only', subject: 'R-04', why: 'model drift linked only to AGT-17, which has no automated check' });
    const header = '# Relay Labs risk register. Rated on fieldwork.yaml risks.scale (likelihood × impact, 1–5).\n# Edit here or on the dashboard (Risks); every change is re-collected as evidence.\n$schema: ./risks.schema.json\n';
    return {
      files: {
        'governance/risks.yaml': header + stringify({ risks }, { lineWidth: 0 }),
        'governance/risks.schema.json': JSON.stringify(riskRegisterJsonSchema(), null, 2) + '\n',
      },
      sources: [{ name: 'risk-register', kind: 'risk-register-yaml', path: 'governance/risks.yaml' }],
      workspace: { risks: { scale: { likelihood: 5, impact: 5 }, levels: { medium: 5, high: 12 }, reviewMonths: 12 } },
      planted,
    };
  },
};
