import { citationOf, recordsOf } from '../../records/index.js';
import type { ChangeRecord, Citation, DeploymentRecord, DeploymentStatusRecord, PrReviewRecord, TicketRecord } from '../../records/index.js';
import { daysBetween, inPeriod, localDate } from '../../time/index.js';
import { populationOf, runStream } from '../check.js';
import type { Check, CheckException, CheckStream, PopulationItem, TraceStep } from '../check.js';
import { deploymentStatuses, reviewIndex } from './change-reviews.js';
import type { ChangeReview, DeploymentFacts, DeploymentStatuses } from './change-reviews.js';
import { provenanceOf } from './deploy-provenance.js';
import type { ChangeFacts } from './deploy-provenance.js';
import { partitionPoint } from '../partition-point.js';
import { lastPushLookup, mergeGate, protectionLookup } from './merge-gate.js';
import type { MergeGate } from './merge-gate.js';

const DAY = 86_400_000;
const TICKET_KEY = /(?<![A-Za-z0-9-])[A-Z][A-Z0-9]+-\d+(?![A-Za-z0-9])/;
const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** `owner/repo#12` for a pull request, `owner/repo@abc1234` for a direct commit. */
export function changeSubject(c: Pick<ChangeRecord, 'repo' | 'number' | 'commit'>): string {
  return c.number !== undefined ? `${c.repo}#${c.number}` : `${c.repo}@${(c.commit ?? 'unknown').slice(0, 7)}`;
}

const isEmergency = (c: Pick<ChangeRecord, 'emergency' | 'labels'>) => c.emergency || c.labels.some((l) => /^emergency$/i.test(l.trim()));

/** True when the approval was given on the commit that was merged (or the evidence cannot tell). */
const onHead = (c: ChangeRecord, r: ChangeReview) => !c.headCommit || !r.commit || r.commit === c.headCommit;
const short = (sha: string | undefined) => (sha ?? '').slice(0, 7);
const NO_GATE: MergeGate = { approvals: [], discounted: [], blocking: [] };

/** The first of `sorted` (by `at`) at or after `at`: a binary search, not a scan per change. */
function firstAtOrAfter<T extends { at: string }>(sorted: readonly T[], at: string): T | undefined {
  return sorted[partitionPoint(sorted.length, (i) => sorted[i].at < at)];
}

/** The passes of the streaming form, in the order of {@link stream}'s kinds. */
const DEPLOYMENTS = 0;
const STATUSES = 1;
const CHANGE_INDEX = 2;
const REVIEWS = 3;
const CHANGES = 4;

/**
 * Every change that reached the default branch in the period was approved before merge by
 * someone other than its author on the head that was merged, with no reviewer's request for
 * changes standing, links a ticket, and was followed by a successful production deployment.
 * Direct pushes and admin-bypassed merges are exceptions unless they are emergency changes
 * approved within `emergencyApprovalDays` after. Every successful production deployment in the
 * period deployed a commit that had reached a mainline branch by then (docs/change-rules.md
 * lists each rule and the GitHub setting it mirrors).
 *
 * Streamed in five passes, each keeping only what the next needs: the production deployments
 * (their fields); the latest status of each of them, which leaves the successful ones by
 * repository and time; the few fields of every change that deployment provenance reads, from
 * which the deployments in the period are judged (so a change's item gets its "deployed before
 * merge" steps before it is handed on); the reviews of separate `pr_review` records; and then
 * the changes again, each judged and its item handed to the run's population as it is read.
 */
const stream: CheckStream = {
  kinds: ['deployment', 'deployment_status', 'change', 'pr_review', 'change'],
  start(ctx) {
    const tz = ctx.timezone;
    const emergencyDays = Number(ctx.params.emergencyApprovalDays ?? 2);
    const deployDays = Number(ctx.params.deployWithinDays ?? 7);
    const prodEnvs = new Set((Array.isArray(ctx.params.productionEnvironments) ? (ctx.params.productionEnvironments as string[]) : ['production']).map(lower));
    const branches = Array.isArray(ctx.params.branches) ? new Set((ctx.params.branches as string[]).map(lower)) : undefined;
    const inScope = (c: Pick<ChangeRecord, 'mergedAt' | 'targetBranch'>) => inPeriod(c.mergedAt, ctx.period, tz) && (!branches || branches.has(lower(c.targetBranch)));
    const prReviews = reviewIndex();
    const reviewsOf = (c: ChangeRecord) => prReviews.reviewsOf(c);
    // `head` (default): an approval counts only on the merged head; `protection`: as GitHub, only when protection dismissed stale approvals.
    const staleApprovals = ctx.params.staleApprovals === 'protection' ? 'protection' : 'head';
    const protectionOf = protectionLookup(ctx.records);
    const lastPushOf = lastPushLookup(ctx.records);
    const tickets = new Map<string, TicketRecord>(recordsOf(ctx.records, 'ticket').map((t) => [t.key.toUpperCase(), t]));
    let statuses: DeploymentStatuses | undefined = deploymentStatuses();
    // Repos with any production deployment record are deployed through it; only successful deployments count for a change.
    const deploys = new Map<string, DeploymentFacts[]>();
    let changeFacts: ChangeFacts[] | undefined = [];
    const undeployedRepos = new Set<string>();
    const missingPushes = new Set<string>();
    const population = populationOf(ctx);
    const exceptions: CheckException[] = [];
    // What the deployments in the period add: steps for changes' items (by the change's ordinal), items, exceptions, notes.
    const deployedBeforeMerge = new Map<number, TraceStep[]>();
    const deploymentItems: PopulationItem[] = [];
    const deploymentExceptions: CheckException[] = [];
    const unknown: string[] = [];
    // Each change's place among the change records, counted in the index pass and again in the judging pass.
    let indexed = 0;
    let judged = 0;
    let reached = DEPLOYMENTS;

    // Deployments: each successful production deployment in the period shipped a commit that had reached a mainline branch by then.
    const judgeDeployments = (changes: readonly ChangeFacts[]) => {
      const protectedBranches = new Map<string, Set<string>>();
      for (const p of recordsOf(ctx.records, 'branch_protection')) protectedBranches.set(lower(p.repo), (protectedBranches.get(lower(p.repo)) ?? new Set()).add(lower(p.branch)));
      for (const c of changes) if (c.via === 'direct_push') protectedBranches.set(lower(c.repo), (protectedBranches.get(lower(c.repo)) ?? new Set()).add(lower(c.targetBranch)));
      const mainline = (repo: string) => branches ?? new Set(['main', 'master', ...(protectedBranches.get(lower(repo)) ?? [])]);
      const provenance = provenanceOf(changes, mainline);
      for (const list of deploys.values()) {
        for (const d of list) {
          if (!inPeriod(d.at, ctx.period, tz)) continue;
          const p = provenance(d);
          const cites = [citationOf(d), ...(d.statusCitation ? [d.statusCitation] : [])];
          const where = `${d.environment} deployment ${d.id} of ${short(d.commit)} at ${d.at}`;
          if (p.kind === 'mainline') continue;
          if (p.kind === 'unknown') {
            unknown.push(`${d.repo} ${d.id} (${short(d.commit)}${p.ref ? `, ref ${p.ref}` : ''})`);
            continue;
          }
          if (p.kind === 'merged_later') {
            const c = p.change;
            const hasItem = inScope(c);
            const steps = deployedBeforeMerge.get(c.ordinal) ?? [];
            const lagDays = (Date.parse(c.mergedAt) - Date.parse(d.at)) / DAY;
            const step: TraceStep = { label: 'deployed before merge', at: d.at, detail: `${where}; merged ${c.mergedAt}`, citation: citationOf(d) };
            if (c.emergency && lagDays <= emergencyDays) {
              // A hotfix shipped from its branch and merged within the emergency window: the emergency path, not a bypass.
              if (hasItem) deployedBeforeMerge.set(c.ordinal, [...steps, { ...step, detail: `${step.detail} (emergency hotfix, merged within ${emergencyDays} days)` }]);
              continue;
            }
            const subject = changeSubject(c);
            const itemId = hasItem ? `${subject}|${c.mergedAt}` : `deployment|${d.repo}|${d.id}`;
            if (hasItem) deployedBeforeMerge.set(c.ordinal, [...steps, step]);
            else deploymentItems.push({ id: itemId, subject, at: d.at, trace: [step] });
            deploymentExceptions.push({ rule: 'deploy.unmerged_commit', subject, at: d.at, itemId, citations: [...cites, c.citation], detail: `${where} shipped ${subject}'s head before it was merged (merged ${c.mergedAt}${c.emergency ? `, more than ${emergencyDays} days later` : ''}); production ran code that had not reached the default branch.` });
            continue;
          }
          const subject = `${d.repo}@${short(d.commit)}`;
          const itemId = `deployment|${d.repo}|${d.id}`;
          deploymentItems.push({ id: itemId, subject, at: d.at, trace: [{ label: 'deployment', at: d.at, detail: `${where} from branch ${p.ref}`, citation: citationOf(d) }] });
          deploymentExceptions.push({ rule: 'deploy.unmerged_commit', subject, at: d.at, itemId, citations: cites, detail: `${where} came from branch ${p.ref}; the commit is not among the commits that had reached ${[...mainline(d.repo)].join(' or ')} by then.` });
        }
      }
    };

    // Closes the passes before `pass` (those with no records included): what one pass built, the next reads.
    const reach = (pass: number) => {
      for (; reached < pass; reached++) {
        if (reached === STATUSES) {
          for (const d of (statuses as DeploymentStatuses).joined()) {
            const list = deploys.get(lower(d.repo)) ?? [];
            deploys.set(lower(d.repo), list);
            if (/^success(ful)?$/i.test(d.status)) list.push(d);
          }
          statuses = undefined;
          for (const list of deploys.values()) list.sort((a, b) => (a.at < b.at ? -1 : 1));
        } else if (reached === CHANGE_INDEX) {
          judgeDeployments(changeFacts as ChangeFacts[]);
          changeFacts = undefined;
        }
      }
    };

    const judgeChange = (c: ChangeRecord, ordinal: number) => {
      const subject = changeSubject(c);
      const itemId = `${subject}|${c.mergedAt}`;
      const reviews = reviewsOf(c);
      const emergency = isEmergency(c);
      const direct = c.via === 'direct_push';
      const trace: TraceStep[] = [{ label: direct ? 'direct commit' : 'merge', at: c.mergedAt, detail: `${c.title ?? subject} by ${c.author}${c.mergedBy ? `, merged by ${c.mergedBy}` : ''} into ${c.targetBranch}${emergency ? ' (emergency)' : ''}${c.adminBypass ? ' (admin bypass)' : ''}`, citation: citationOf(c) }];
      const add = (rule: string, detail: string, extra: Citation[] = []) => exceptions.push({ rule, subject, detail, at: c.mergedAt, citations: [citationOf(c), ...extra], itemId });

      const protection = direct ? undefined : protectionOf(c);
      const lastPush = direct ? undefined : lastPushOf(c);
      const gate = direct ? NO_GATE : mergeGate(c, reviews, { staleApprovals, ...(protection ? { protection } : {}), ...(lastPush ? { lastPusher: lastPush.pusher } : {}) });
      const approved = gate.approvals.length > 0 && gate.blocking.length === 0;
      for (const r of gate.approvals) trace.push({ label: 'approval', at: r.at, detail: `${r.reviewer} approved${r.commit ? ` commit ${short(r.commit)}` : ''}${onHead(c, r) ? '' : `; head at merge was ${short(c.headCommit)} (counted: branch protection does not dismiss stale approvals)`}`, citation: r.citation });
      for (const { review: r, why } of gate.discounted) {
        trace.push(why === 'stale'
          ? { label: 'stale approval', at: r.at, detail: `${r.reviewer} approved${r.commit ? ` commit ${short(r.commit)}` : ''}; head at merge was ${short(c.headCommit)}`, citation: r.citation }
          : { label: 'approval by last pusher', at: r.at, detail: `${r.reviewer} approved but made the most recent push${lastPush ? ` (${short(lastPush.commit)} at ${lastPush.at})` : ''}; protection requires someone else to approve it`, citation: r.citation });
      }
      for (const r of gate.blocking) trace.push({ label: 'changes requested', at: r.at, detail: `${r.reviewer} requested changes${r.commit ? ` on ${short(r.commit)}` : ''}; not dismissed or re-reviewed before the merge`, citation: r.citation });
      if (lastPush) trace.push({ label: 'last push', at: lastPush.at, detail: `${lastPush.pusher} pushed ${short(lastPush.commit)}`, citation: lastPush.citation });

      if (!approved || direct || c.adminBypass) {
        // Emergency path: an approval by someone else, in a review or on a linked ticket, within the allowed days after.
        const deadline = Date.parse(c.mergedAt) + emergencyDays * DAY;
        const postHoc = reviews.find((r) => r.state === 'APPROVED' && lower(r.reviewer) !== lower(c.author) && !!r.at && r.at > c.mergedAt && Date.parse(r.at) <= deadline);
        const ticketApproval = c.ticketRefs.map((k) => tickets.get(k.toUpperCase())).find((t) => t?.approvedAt && lower(t.approvedBy) !== lower(c.author) && Date.parse(t.approvedAt) <= deadline);
        if (emergency) {
          if (approved && !direct) trace.push({ label: 'emergency', detail: 'approved before merge' });
          else if (postHoc) trace.push({ label: 'emergency approval', at: postHoc.at, detail: `${postHoc.reviewer} approved after the merge`, citation: postHoc.citation });
          else if (ticketApproval) trace.push({ label: 'emergency approval', at: ticketApproval.approvedAt, detail: `${ticketApproval.key} approved by ${ticketApproval.approvedBy ?? 'unknown'}`, citation: citationOf(ticketApproval) });
          else add('change.emergency_unapproved', `Emergency change ${direct ? 'pushed' : 'merged'} at ${c.mergedAt} with no approval by someone other than ${c.author} within ${emergencyDays} days after.`, reviews.slice(-1).map((r) => r.citation));
        } else if (direct) {
          add('change.direct_push', `Commit ${c.commit?.slice(0, 12) ?? ''} by ${c.author} reached ${c.targetBranch} without a pull request and is not recorded as an emergency change.`);
        } else {
          if (c.adminBypass) add('change.admin_bypass', `Merged by ${c.mergedBy ?? 'an administrator'} bypassing branch protection, and not recorded as an emergency change.`);
          const stale = gate.discounted.filter((d) => d.why === 'stale').map((d) => d.review);
          const byPusher = gate.discounted.filter((d) => d.why === 'last_pusher').map((d) => d.review);
          if (gate.blocking.length > 0) {
            add('change.changes_requested', `Merged at ${c.mergedAt} while ${gate.blocking.map((r) => `${r.reviewer}'s request for changes${r.at ? ` (${r.at})` : ''}`).join(' and ')} still stood${gate.approvals.length ? `; the approval of ${gate.approvals.map((r) => r.reviewer).join(', ')} does not override it` : ''}.`, gate.blocking.map((r) => r.citation));
          } else if (gate.approvals.length === 0 && stale.length > 0) {
            add('change.approval_stale', `Approved by ${stale.map((r) => r.reviewer).join(', ')} on ${stale.map((r) => short(r.commit)).join(', ')}, but commits were pushed after; the merged head ${short(c.headCommit)} was not re-approved${protection?.dismissStaleReviews ? ' (branch protection dismisses stale approvals)' : ''}.`, stale.map((r) => r.citation));
          } else if (gate.approvals.length === 0 && byPusher.length > 0) {
            add('change.last_push_unapproved', `The most recent push (${short(lastPush?.commit)} by ${lastPush?.pusher}) was approved only by the person who pushed it; branch protection requires approval of the most recent push by someone else.`, [...byPusher.map((r) => r.citation), ...(lastPush ? [lastPush.citation] : []), ...(protection?.citations ?? []).slice(0, 1)]);
          } else if (gate.approvals.length === 0) {
            const self = reviews.some((r) => r.state === 'APPROVED' && lower(r.reviewer) === lower(c.author));
            const late = reviews.find((r) => r.state === 'APPROVED' && lower(r.reviewer) !== lower(c.author) && !!r.at && r.at > c.mergedAt);
            add('change.no_approval', `Merged at ${c.mergedAt} without an approving review by someone other than the author ${c.author}${self ? ' (only a self-approval)' : ''}${late ? ` (an approval came after the merge, at ${late.at})` : ''}.`, reviews.map((r) => r.citation));
          }
        }
      } else if (protection?.requiredApprovals !== undefined && gate.approvals.length < protection.requiredApprovals && !emergency) {
        add('change.approvals_below_required', `Merged with ${gate.approvals.length} approval(s) that count; the branch protection in force required ${protection.requiredApprovals}.`, [...gate.approvals.map((r) => r.citation), ...protection.citations.slice(0, 1)]);
      }
      if (protection?.requireLastPushApproval && !lastPush && !direct) missingPushes.add(c.repo);

      const refs = c.ticketRefs.length > 0 ? c.ticketRefs : TICKET_KEY.test(c.title ?? '') ? [TICKET_KEY.exec(c.title ?? '')?.[0] as string] : [];
      if (!direct) {
        if (refs.length > 0) trace.push({ label: 'ticket', detail: refs.join(', '), ...(tickets.get(refs[0].toUpperCase()) ? { citation: citationOf(tickets.get(refs[0].toUpperCase()) as TicketRecord) } : {}) });
        else add('change.no_ticket', `${subject} references no ticket in its title, branch or description.`);
      }

      const repoDeploys = deploys.get(lower(c.repo));
      if (!repoDeploys) {
        undeployedRepos.add(c.repo);
      } else {
        const deploy = firstAtOrAfter(repoDeploys, c.mergedAt);
        if (deploy) {
          trace.push({ label: 'deployment', at: deploy.at, detail: `${deploy.environment} ${deploy.commit.slice(0, 7)} (${deploy.status})`, citation: citationOf(deploy) });
          if (deploy.statusCitation) trace.push({ label: 'deployment status', at: deploy.statusAt, detail: deploy.status, citation: deploy.statusCitation });
        }
        else if (daysBetween(localDate(c.mergedAt, tz), ctx.asOf) > deployDays) add('change.no_deploy_record', `Merged at ${c.mergedAt}; no successful production deployment of ${c.repo} followed by ${ctx.asOf}.`);
        else trace.push({ label: 'deployment pending', detail: `merged within ${deployDays} days of ${ctx.asOf}` });
      }
      trace.push(...(deployedBeforeMerge.get(ordinal) ?? []));
      population.add({ id: itemId, subject, at: c.mergedAt, trace });
    };

    return {
      add(kind, batch, pass) {
        reach(pass);
        if (pass === DEPLOYMENTS) {
          for (const r of batch as readonly DeploymentRecord[]) {
            if (prodEnvs.has(lower(r.environment)) || /^prod(uction)?$/i.test(r.environment)) statuses?.addDeployment(r);
          }
        } else if (pass === STATUSES) {
          for (const s of batch as readonly DeploymentStatusRecord[]) statuses?.addStatus(s);
        } else if (pass === CHANGE_INDEX) {
          for (const c of batch as readonly ChangeRecord[]) {
            changeFacts?.push({ repo: c.repo, number: c.number, commit: c.commit, headCommit: c.headCommit, mergedAt: c.mergedAt, targetBranch: c.targetBranch, via: c.via, emergency: isEmergency(c), citation: citationOf(c), ordinal: indexed++ });
          }
        } else if (pass === REVIEWS) {
          for (const r of batch as readonly PrReviewRecord[]) prReviews.add(r);
        } else if (pass === CHANGES) {
          for (const c of batch as readonly ChangeRecord[]) {
            if (inScope(c)) judgeChange(c, judged);
            judged++;
          }
        }
      },
      finish() {
        reach(stream.kinds.length);
        for (const item of deploymentItems) population.add(item);
        for (const e of deploymentExceptions) exceptions.push(e);
        const notes = [...undeployedRepos].sort().map((r) => `${r} has no production deployment records; its changes were not linked to deployments.`);
        for (const r of [...missingPushes].sort()) notes.push(`${r}: branch protection requires approval of the most recent push, but no pull_request push events (opened, synchronize) were collected, so who pushed last is not known; collect those webhooks to test it.`);
        if (unknown.length > 0) notes.push(`Whether these production deployments shipped a commit of the default branch is not in the evidence (the commit is not among the collected merged pull requests and default-branch commits): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}. Collect the default branch's commits (github-rest commits list or git-repo) for the period.`);
        return {
          populationQuery: `change records (merged pull requests and direct commits on ${branches ? [...branches].join(', ') : 'the default branch'}) merged between ${ctx.period.from} and ${ctx.period.to} in ${tz}; reviews from the change and pr_review records; successful deployments to ${[...prodEnvs].join(', ')}, and those of commits not on a mainline branch at deploy time`,
          items: population.items,
          exceptions,
          notes,
        };
      },
    };
  },
};

export const reviewApprovalCheck: Check = {
  id: 'change.review-approval',
  title: 'Production changes reviewed, approved, ticketed and deployed',
  requires: ['change'],
  reads: ['change', 'pr_review', 'deployment', 'deployment_status', 'branch_protection', 'pr_push', 'ticket'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};
