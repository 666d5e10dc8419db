import { formatPolicy, parsePolicy, policyBody, POLICY_TEMPLATES } from '../policies/index.js';
import type { PolicyFacts } from '../policies/index.js';
import { planting } from './demo-plants.js';
import type { DemoPart, DemoPartOutput } from './demo-context.js';
import { DEMO_OWNERS } from './demo-owners.js';

/**
 * The seven policies, mostly approved by the compliance owner in January, with three planted
 * problems: one never approved, one last reviewed more than a year before the period end, one
 * approved by someone without authority.
 */
export const policiesPart: DemoPart = {
  name: 'policies',
  generate(ctx): DemoPartOutput {
    const facts: PolicyFacts = {
      company: ctx.organization, owner: DEMO_OWNERS.compliance.name, ownerEmail: DEMO_OWNERS.compliance.email,
      securityLead: DEMO_OWNERS.securityLead.name, engineeringLead: DEMO_OWNERS.engineeringLead.name,
      promptRetentionDays: 30, deprovisionDays: 1, sla: { critical: 15, high: 30, medium: 90, low: 180 }, restoreTestDays: 92, vendorReviewMonths: 12,
    };
    const files: Record<string, string> = {};
    const planted: DemoPartOutput['planted'] = [];
    for (const t of POLICY_TEMPLATES) {
      let approvedBy: string | null = DEMO_OWNERS.compliance.name;
      let approvedAt: string | null = '2026-01-20';
      let version = '1.2';
      // A plant switched off leaves the policy approved in January by the compliance owner, like the rest.
      if (t.id === 'secure-development' && planting(ctx, 'policies.unapproved')) {
        approvedBy = null;
        approvedAt = null;
        version = '0.9';
        planted.push({ rule: 'policy.unapproved', subject: t.id, why: 'drafted but never approved' });
      } else if (t.id === 'bcdr' && planting(ctx, 'policies.review_overdue')) {
        approvedAt = '2025-03-10';
        version = '1.0';
        planted.push({ rule: 'policy.review_overdue', subject: t.id, why: 'last approved in March 2025' });
      } else if (t.id === 'vendor-management' && planting(ctx, 'policies.approver_without_authority')) {
        approvedBy = 'Jordan Lee';
        planted.push({ rule: 'policy.approver_without_authority', subject: t.id, why: 'approved by a sales manager with no approving role' });
      }
      const text = formatPolicy({ id: t.id, title: t.title, version, owner: t.owner(facts), approved_by: approvedBy, approved_at: approvedAt, next_review: approvedAt ? `${Number(approvedAt.slice(0, 4)) + 1}${approvedAt.slice(4)}` : null }, policyBody(t.title, t.body(facts)));
      files[`policies/${t.id}.md`] = text;
      // The people part has staff acknowledge each approved version.
      if (approvedAt) ((ctx.shared.approvedPolicies ??= []) as { id: string; title: string; version: string; approvedAt: string }[]).push({ id: t.id, title: t.title, version, approvedAt });
      if (t.id === 'access-control') {
        const body = parsePolicy(text, t.id).bodySha256;
        files['policies/approvals/access-control-v1.2-2026-01-20.json'] = JSON.stringify({ kind: 'fieldwork.policy-approval/v1', policy: t.id, title: t.title, version, approver: approvedBy, at: '2026-01-20T18:30:00.000Z', bodySha256: body }, null, 2) + '\n';
      }
    }
    return { files, sources: [{ name: 'policies', kind: 'policies-md', path: 'policies' }], planted };
  },
};
