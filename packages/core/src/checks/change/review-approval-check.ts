import { citationOf, recordsOf } from '../../records/index.js';
import type { ChangeRecord, Citation, TicketRecord } from '../../records/index.js';
import { daysBetween, inPeriod, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { deploymentsWithStatus, reviewsByChange } from './change-reviews.js';
import type { ChangeReview } from './change-reviews.js';

const DAY = 86_400_000;
const TICKET_KEY = /(?<![A-Za-z0-9-])[A-Z][A-Z0-9]+-\d+(?![A-Za-z0-9])/;
const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** `owner/repo#12` for a pull request, `owner/repo@abc1234` for a direct commit. */
export function changeSubject(c: Pick<ChangeRecord, 'repo' | 'number' | 'commit'>): string {
  return c.number !== undefined ? `${c.repo}#${c.number}` : `${c.repo}@${(c.commit ?? 'unknown').slice(0, 7)}`;
}

const isEmergency = (c: ChangeRecord) => c.emergency || c.labels.some((l) => /^emergency$/i.test(l.trim()));

/**
 * The approvals that count at merge: each reviewer other than the author whose latest decisive
 * review before the merge is APPROVED (a later CHANGES_REQUESTED or DISMISSED withdraws it).
 */
function approvalsAtMerge(c: ChangeRecord, reviews: ChangeReview[]): ChangeReview[] {
  const latest = new Map<string, ChangeReview>();
  for (const r of reviews) {
    if (lower(r.reviewer) === lower(c.author)) continue;
    if (r.at && r.at > c.mergedAt) continue;
    if (r.state === 'COMMENTED' || r.state === 'PENDING') continue;
    latest.set(lower(r.reviewer), r);
  }
  return [...latest.values()].filter((r) => r.state === 'APPROVED');
}

/** True when the approval was given on the commit that was merged (or the evidence cannot tell). */
const onHead = (c: ChangeRecord, r: ChangeReview) => !c.headCommit || !r.commit || r.commit === c.headCommit;

/**
 * Every change that reached the default branch in the period was approved before merge by
 * someone other than its author on the head that was merged, links a ticket, and was followed
 * by a successful production deployment. Direct pushes and admin-bypassed merges are
 * exceptions unless they are emergency changes approved within `emergencyApprovalDays` after.
 */
export const reviewApprovalCheck: Check = {
  id: 'change.review-approval',
  title: 'Production changes reviewed, approved, ticketed and deployed',
  requires: ['change'],
  run(ctx) {
    const tz = ctx.timezone;
    const emergencyDays = Number(ctx.params.emergencyApprovalDays ?? 2);
    const deployDays = Number(ctx.params.deployWithinDays ?? 7);
    const prodEnvs = new Set((Array.isArray(ctx.params.productionEnvironments) ? (ctx.params.productionEnvironments as string[]) : ['production']).map(lower));
    const branches = Array.isArray(ctx.params.branches) ? new Set((ctx.params.branches as string[]).map(lower)) : undefined;
    const reviewsOf = reviewsByChange(ctx.records);
    const tickets = new Map<string, TicketRecord>(recordsOf(ctx.records, 'ticket').map((t) => [t.key.toUpperCase(), t]));
    // Repos with any production deployment record are deployed through it; only successful deployments count for a change.
    const deploys = new Map<string, ReturnType<typeof deploymentsWithStatus>>();
    for (const d of deploymentsWithStatus(ctx.records)) {
      if (!(prodEnvs.has(lower(d.environment)) || /^prod(uction)?$/i.test(d.environment))) continue;
      const list = deploys.get(lower(d.repo)) ?? [];
      deploys.set(lower(d.repo), list);
      if (/^success(ful)?$/i.test(d.status)) list.push(d);
    }
    for (const list of deploys.values()) list.sort((a, b) => (a.at < b.at ? -1 : 1));
    const undeployedRepos = new Set<string>();

    const changes = recordsOf(ctx.records, 'change').filter((c) => inPeriod(c.mergedAt, ctx.period, tz) && (!branches || branches.has(lower(c.targetBranch))));
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const c of changes) {
      const subject = changeSubject(c);
      const itemId = `${subject}|${c.mergedAt}`;
      const reviews = reviewsOf(c);
      const emergency = isEmergency(c);
      const direct = c.via === 'direct_push';
      const trace: TraceStep[] = [{ label: direct ? 'direct commit' : 'merge', at: c.mergedAt, detail: `${c.title ?? subject} by ${c.author}${c.mergedBy ? `, merged by ${c.mergedBy}` : ''} into ${c.targetBranch}${emergency ? ' (emergency)' : ''}${c.adminBypass ? ' (admin bypass)' : ''}`, citation: citationOf(c) }];
      const add = (rule: string, detail: string, extra: Citation[] = []) => exceptions.push({ rule, subject, detail, at: c.mergedAt, citations: [citationOf(c), ...extra], itemId });

      const approvals = direct ? [] : approvalsAtMerge(c, reviews);
      const fresh = approvals.filter((r) => onHead(c, r));
      for (const r of approvals) trace.push({ label: onHead(c, r) ? 'approval' : 'stale approval', at: r.at, detail: `${r.reviewer} approved${r.commit ? ` commit ${r.commit.slice(0, 7)}` : ''}${onHead(c, r) ? '' : `; head at merge was ${c.headCommit?.slice(0, 7)}`}`, citation: r.citation });

      if (fresh.length === 0 || direct || c.adminBypass) {
        // Emergency path: an approval by someone else, in a review or on a linked ticket, within the allowed days after.
        const deadline = Date.parse(c.mergedAt) + emergencyDays * DAY;
        const postHoc = reviews.find((r) => r.state === 'APPROVED' && lower(r.reviewer) !== lower(c.author) && !!r.at && r.at > c.mergedAt && Date.parse(r.at) <= deadline);
        const ticketApproval = c.ticketRefs.map((k) => tickets.get(k.toUpperCase())).find((t) => t?.approvedAt && lower(t.approvedBy) !== lower(c.author) && Date.parse(t.approvedAt) <= deadline);
        if (emergency) {
          if (fresh.length > 0 && !direct) trace.push({ label: 'emergency', detail: 'approved before merge' });
          else if (postHoc) trace.push({ label: 'emergency approval', at: postHoc.at, detail: `${postHoc.reviewer} approved after the merge`, citation: postHoc.citation });
          else if (ticketApproval) trace.push({ label: 'emergency approval', at: ticketApproval.approvedAt, detail: `${ticketApproval.key} approved by ${ticketApproval.approvedBy ?? 'unknown'}`, citation: citationOf(ticketApproval) });
          else add('change.emergency_unapproved', `Emergency change ${direct ? 'pushed' : 'merged'} at ${c.mergedAt} with no approval by someone other than ${c.author} within ${emergencyDays} days after.`, reviews.slice(-1).map((r) => r.citation));
        } else if (direct) {
          add('change.direct_push', `Commit ${c.commit?.slice(0, 12) ?? ''} by ${c.author} reached ${c.targetBranch} without a pull request and is not recorded as an emergency change.`);
        } else {
          if (c.adminBypass) add('change.admin_bypass', `Merged by ${c.mergedBy ?? 'an administrator'} bypassing branch protection, and not recorded as an emergency change.`);
          if (fresh.length === 0 && approvals.length > 0) {
            add('change.approval_stale', `Approved by ${approvals.map((r) => r.reviewer).join(', ')} on ${approvals.map((r) => r.commit?.slice(0, 7)).join(', ')}, but commits were pushed after; the merged head ${c.headCommit?.slice(0, 7)} was not re-approved.`, approvals.map((r) => r.citation));
          } else if (fresh.length === 0) {
            const self = reviews.some((r) => r.state === 'APPROVED' && lower(r.reviewer) === lower(c.author));
            const late = reviews.find((r) => r.state === 'APPROVED' && lower(r.reviewer) !== lower(c.author) && !!r.at && r.at > c.mergedAt);
            add('change.no_approval', `Merged at ${c.mergedAt} without an approving review by someone other than the author ${c.author}${self ? ' (only a self-approval)' : ''}${late ? ` (an approval came after the merge, at ${late.at})` : ''}.`, reviews.map((r) => r.citation));
          }
        }
      }

      const refs = c.ticketRefs.length > 0 ? c.ticketRefs : TICKET_KEY.test(c.title ?? '') ? [TICKET_KEY.exec(c.title ?? '')?.[0] as string] : [];
      if (!direct) {
        if (refs.length > 0) trace.push({ label: 'ticket', detail: refs.join(', '), ...(tickets.get(refs[0].toUpperCase()) ? { citation: citationOf(tickets.get(refs[0].toUpperCase()) as TicketRecord) } : {}) });
        else add('change.no_ticket', `${subject} references no ticket in its title, branch or description.`);
      }

      const repoDeploys = deploys.get(lower(c.repo));
      if (!repoDeploys) {
        undeployedRepos.add(c.repo);
      } else {
        const deploy = repoDeploys.find((d) => d.at >= c.mergedAt);
        if (deploy) {
          trace.push({ label: 'deployment', at: deploy.at, detail: `${deploy.environment} ${deploy.commit.slice(0, 7)} (${deploy.status})`, citation: citationOf(deploy) });
          if (deploy.statusCitation) trace.push({ label: 'deployment status', at: deploy.statusAt, detail: deploy.status, citation: deploy.statusCitation });
        }
        else if (daysBetween(localDate(c.mergedAt, tz), ctx.asOf) > deployDays) add('change.no_deploy_record', `Merged at ${c.mergedAt}; no successful production deployment of ${c.repo} followed by ${ctx.asOf}.`);
        else trace.push({ label: 'deployment pending', detail: `merged within ${deployDays} days of ${ctx.asOf}` });
      }
      items.push({ id: itemId, subject, at: c.mergedAt, trace });
    }
    const notes = [...undeployedRepos].sort().map((r) => `${r} has no production deployment records; its changes were not linked to deployments.`);
    return {
      populationQuery: `change records (merged pull requests and direct commits on ${branches ? [...branches].join(', ') : 'the default branch'}) merged between ${ctx.period.from} and ${ctx.period.to} in ${tz}; reviews from the change and pr_review records; successful deployments to ${[...prodEnvs].join(', ')}`,
      items,
      exceptions,
      notes,
    };
  },
};
