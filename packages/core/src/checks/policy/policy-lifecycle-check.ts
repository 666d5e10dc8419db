import { z } from 'zod';
import { REQUIRED_POLICIES } from '../../catalog/index.js';
import { citationOf, recordsOf } from '../../records/index.js';
import type { PolicyApprovalRecord, PolicyRecord } from '../../records/index.js';
import { addMonths, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';

/** Roles whose holders may approve policies, unless the workspace lists approvers. */
const AUTHORITY_ROLES = ['compliance-owner', 'ceo', 'cto', 'executive', 'security-lead'];

const ownersSchema = z.object({
  owners: z.object({
    compliance: z.object({ name: z.string(), email: z.string(), roles: z.array(z.string()).default([]) }),
    people: z.array(z.object({ name: z.string(), email: z.string(), roles: z.array(z.string()).default([]) })).default([]),
  }).optional(),
  policies: z.object({ approvers: z.array(z.string()).default([]), map: z.record(z.string(), z.string()).default({}) }).loose().optional(),
}).loose();

const norm = (s: string) => s.trim().toLowerCase();

/**
 * Orders policy versions numerically part by part, so `10` follows `9` and `1.10` follows `1.9`;
 * parts that are not numbers fall back to a natural-order text comparison.
 * @example compareVersions('10', '9') // > 0
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.trim().replace(/^v/i, '').split('.');
  const pb = b.trim().replace(/^v/i, '').split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y, undefined, { numeric: true });
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The seven policies exist, are approved by someone with authority, were reviewed within
 * `reviewMonths`, and the approved text is the text in force.
 */
export const policyLifecycleCheck: Check = {
  id: 'policy.lifecycle',
  title: 'Policies exist, are approved with authority and reviewed yearly',
  requires: [],
  reads: ['policy', 'policy_approval'],
  run(ctx) {
    const months = Number(ctx.params.reviewMonths ?? 12);
    const ws = ownersSchema.safeParse(ctx.workspace);
    const people = ws.success && ws.data.owners ? [{ ...ws.data.owners.compliance, roles: [...ws.data.owners.compliance.roles, 'compliance-owner'] }, ...ws.data.owners.people] : [];
    const listed = new Set((ws.success ? ws.data.policies?.approvers ?? [] : []).map(norm));
    const hasAuthority = (approver: string) => {
      if (listed.size > 0) return listed.has(norm(approver));
      const p = people.find((x) => norm(x.name) === norm(approver) || norm(x.email) === norm(approver));
      return !!p && p.roles.some((r) => AUTHORITY_ROLES.includes(r));
    };
    // The organization's own ids map to the required policies: front matter `type:`, or `policies.map` in fieldwork.yaml.
    const map = new Map(Object.entries(ws.success ? ws.data.policies?.map ?? {} : {}).map(([k, v]) => [norm(k), norm(v)]));
    const required = (p: PolicyRecord) => map.get(norm(p.id)) ?? (p.type ? norm(p.type) : norm(p.id));
    const how = (p: PolicyRecord, id: string) => (norm(p.id) === id ? '' : map.has(norm(p.id)) ? ` (${p.id}, mapped in fieldwork.yaml policies.map)` : ` (${p.id}, front matter type: ${p.type})`);
    const latest = new Map<string, PolicyRecord>();
    for (const p of recordsOf(ctx.records, 'policy')) {
      const prev = latest.get(required(p));
      if (!prev || compareVersions(p.version, prev.version) >= 0) latest.set(required(p), p);
    }
    const approvals = new Map<string, PolicyApprovalRecord[]>();
    for (const a of recordsOf(ctx.records, 'policy_approval')) (approvals.get(a.policy) ?? approvals.set(a.policy, []).get(a.policy)!).push(a);
    // A review older than this at the evidence date is overdue (calendar months, so leap days do not shift it).
    const cutoff = addMonths(ctx.asOf, -months);
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const id of REQUIRED_POLICIES) {
      const p = latest.get(id);
      if (!p) {
        exceptions.push({ rule: 'policy.missing', subject: id, detail: `No ${id} policy was collected (expected policies/${id}.md, or a policy whose front matter says type: ${id}, or one mapped to it in policies.map).`, citations: [] });
        continue;
      }
      const itemId = `${id}@${p.version}`;
      const trace: TraceStep[] = [{ label: 'policy document', detail: `${p.title} v${p.version}${how(p, id)}, owner ${p.owner ?? 'unassigned'}`, citation: citationOf(p) }];
      const add = (rule: string, detail: string) => exceptions.push({ rule, subject: id, detail, citations: [citationOf(p)], itemId });
      const recorded = [...(approvals.get(id) ?? []), ...(p.id !== id ? approvals.get(p.id) ?? [] : [])].filter((a) => a.version === p.version).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
      if (recorded) trace.push({ label: 'approval record', at: recorded.at, detail: `approved by ${recorded.approver}`, citation: citationOf(recorded) });
      if (!p.approvedBy || !p.approvedAt) {
        add('policy.unapproved', `${p.title} v${p.version} has no recorded approval.`);
      } else {
        trace.push({ label: 'approved', at: p.approvedAt, detail: `by ${p.approvedBy}` });
        if (!hasAuthority(p.approvedBy)) add('policy.approver_without_authority', `Approved by ${p.approvedBy}, who holds no approving role (${AUTHORITY_ROLES.join(', ')}) in fieldwork.yaml.`);
        if (p.approvedAt < cutoff) add('policy.review_overdue', `Last approved ${p.approvedAt}; a review was due within ${months} months (by ${addMonths(p.approvedAt, months)}).`);
        if (recorded?.bodySha256 && p.bodySha256 && recorded.bodySha256 !== p.bodySha256) {
          add('policy.changed_after_approval', `The text of ${p.title} changed after ${recorded.approver} approved it on ${localDate(recorded.at, ctx.timezone)}; the version in force is not the approved one.`);
        }
      }
      items.push({ id: itemId, subject: id, ...(p.approvedAt ? { at: p.approvedAt } : {}), trace });
    }
    return { populationQuery: `the ${REQUIRED_POLICIES.length} required policies (${REQUIRED_POLICIES.join(', ')}), latest version of each`, items, exceptions };
  },
};
