// The check as it was before its streaming form (commit 99f3682), kept only to test that the
// streaming form gives the same outcome. Not used by the product.
import { citationOf, recordsOf } from '../../records/index.js';
import type { ChangeRecord, Citation, DeploymentRecord, RecordSet, TicketRecord } from '../../records/index.js';
import { daysBetween, inPeriod, localDate } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { lastPushLookup, mergeGate, protectionLookup } from './merge-gate.js';
import type { MergeGate } from './merge-gate.js';

/** A review of a pull request, from the change record itself or from a separate `pr_review` record. */
interface ChangeReview {
  reviewer: string;
  /** Upper case: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING. */
  state: string;
  at?: string;
  commit?: string;
  citation: Citation;
}

const reviewKey = (repo: string, n: number) => `${repo.toLowerCase()}#${n}`;
const byAt = (a: { at?: string }, b: { at?: string }) => ((a.at ?? '') < (b.at ?? '') ? -1 : (a.at ?? '') > (b.at ?? '') ? 1 : 0);

/**
 * Indexes reviews by `owner/repo#number`: those embedded in `change.reviews` and those in
 * `pr_review` records joined by repo and number. The same review seen twice (a REST page and a
 * webhook) counts once; when one of its sightings is a dismissal, the review is dismissed.
 */
function reviewsByChange(records: RecordSet): (c: ChangeRecord) => ChangeReview[] {
  const byId = new Map<string, ChangeReview & { group: string }>();
  const extra = new Map<string, ChangeReview[]>();
  for (const r of recordsOf(records, 'pr_review')) {
    const group = reviewKey(r.repo, r.number);
    const review = { reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation: citationOf(r) };
    if (r.id) {
      const seen = byId.get(`${group}|${r.id}`);
      if (seen) {
        if (review.state === 'DISMISSED') seen.state = 'DISMISSED';
        seen.at ??= review.at;
        seen.commit ??= review.commit;
        continue;
      }
      byId.set(`${group}|${r.id}`, { ...review, group });
    } else extra.set(group, [...(extra.get(group) ?? []), review]);
  }
  for (const { group, ...review } of byId.values()) extra.set(group, [...(extra.get(group) ?? []), review]);
  return (c) => {
    const own = c.reviews.map((r) => ({ reviewer: r.reviewer, state: r.state.toUpperCase(), at: r.at, commit: r.commit, citation: citationOf(c) }));
    const all = c.number === undefined ? own : [...own, ...(extra.get(reviewKey(c.repo, c.number)) ?? [])];
    const seen = new Set<string>();
    return all.filter((r) => {
      const k = `${r.reviewer.toLowerCase()}|${r.state}|${r.at ?? ''}|${r.commit ?? ''}`;
      return !seen.has(k) && !!seen.add(k);
    }).sort(byAt);
  };
}

/**
 * Deployments with their effective status: the state of the latest `deployment_status` joined by
 * repo and deployment id, else the deployment's own status.
 */
function deploymentsWithStatus(records: RecordSet): (DeploymentRecord & { statusCitation?: Citation; statusAt?: string })[] {
  const latest = new Map<string, { state: string; at: string; citation: Citation }>();
  for (const s of recordsOf(records, 'deployment_status')) {
    const k = `${s.repo.toLowerCase()}|${s.deploymentId}`;
    const cur = latest.get(k);
    if (!cur || s.at >= cur.at) latest.set(k, { state: s.state, at: s.at, citation: citationOf(s) });
  }
  return recordsOf(records, 'deployment').map((d) => {
    const s = latest.get(`${d.repo.toLowerCase()}|${d.id}`);
    return s ? { ...d, status: s.state, statusCitation: s.citation, statusAt: s.at } : d;
  });
}

const provLower = (s: string | undefined) => (s ?? '').trim().toLowerCase();
const provMs = (instant: string) => Date.parse(instant);
const SHA = /^[0-9a-f]{7,40}$/i;
const TAG = /^(refs\/tags\/|v?\d+(\.\d+)+)/i;

/** Where a deployed commit came from, judged at the deployment's time. */
type Provenance =
  /** The commit had reached a mainline branch by then (merged, pushed, or the branch's head). */
  | { kind: 'mainline'; via: string; change?: ChangeRecord }
  /** The commit reached a mainline branch only after it was deployed (a pull request's head deployed before its merge). */
  | { kind: 'merged_later'; change: ChangeRecord }
  /** Deployed from a branch that is not a mainline branch, and the commit is not known on one. */
  | { kind: 'other_branch'; ref: string }
  /** The evidence cannot tell (a tag or a bare sha not seen among mainline commits). */
  | { kind: 'unknown'; ref?: string };

/**
 * Indexes the commits that reached a mainline branch: each change's merge commit (or pushed
 * commit) and, for a merged pull request, its head (what was reviewed; a squash merge's head
 * is not an ancestor of the branch, but its content is what merged). `mainline` names the
 * branches deployments must come from.
 */
function provenanceOf(changes: readonly ChangeRecord[], mainline: (repo: string) => Set<string>): (d: DeploymentRecord) => Provenance {
  const bySha = new Map<string, ChangeRecord[]>();
  for (const c of changes) {
    if (!mainline(c.repo).has(provLower(c.targetBranch))) continue;
    for (const sha of [c.commit, c.via === 'pull_request' ? c.headCommit : undefined]) {
      if (!sha) continue;
      const k = `${provLower(c.repo)}|${provLower(sha)}`;
      bySha.set(k, [...(bySha.get(k) ?? []), c]);
    }
  }
  return (d) => {
    const sha = provLower(d.commit);
    const exact = bySha.get(`${provLower(d.repo)}|${sha}`);
    // An abbreviated sha (hand-written deployment records) matches by prefix.
    const hits = (exact ?? (sha.length >= 7 && sha.length < 40
      ? [...bySha.entries()].filter(([k]) => k.startsWith(`${provLower(d.repo)}|${sha}`)).flatMap(([, v]) => v)
      : [])).slice().sort((a, b) => provMs(a.mergedAt) - provMs(b.mergedAt));
    const before = hits.find((c) => provMs(c.mergedAt) <= provMs(d.at));
    if (before) return { kind: 'mainline', via: before.number !== undefined ? `${before.repo}#${before.number}` : `${before.repo}@${(before.commit ?? '').slice(0, 7)}`, change: before };
    const ref = d.ref?.replace(/^refs\/heads\//, '');
    // GitHub resolves a deployment's ref to its sha when the deployment is created: a mainline ref means its head then.
    if (ref && mainline(d.repo).has(provLower(ref))) return { kind: 'mainline', via: `the ${ref} branch` };
    if (hits.length > 0) return { kind: 'merged_later', change: hits[0] };
    if (ref && !SHA.test(ref) && !TAG.test(ref)) return { kind: 'other_branch', ref };
    return { kind: 'unknown', ...(d.ref ? { ref: d.ref } : {}) };
  };
}

const DAY = 86_400_000;
const TICKET_KEY = /(?<![A-Za-z0-9-])[A-Z][A-Z0-9]+-\d+(?![A-Za-z0-9])/;
const lower = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** `owner/repo#12` for a pull request, `owner/repo@abc1234` for a direct commit. */
function changeSubject(c: Pick<ChangeRecord, 'repo' | 'number' | 'commit'>): string {
  return c.number !== undefined ? `${c.repo}#${c.number}` : `${c.repo}@${(c.commit ?? 'unknown').slice(0, 7)}`;
}

const isEmergency = (c: ChangeRecord) => c.emergency || c.labels.some((l) => /^emergency$/i.test(l.trim()));

/** True when the approval was given on the commit that was merged (or the evidence cannot tell). */
const onHead = (c: ChangeRecord, r: ChangeReview) => !c.headCommit || !r.commit || r.commit === c.headCommit;
const short = (sha: string | undefined) => (sha ?? '').slice(0, 7);
const NO_GATE: MergeGate = { approvals: [], discounted: [], blocking: [] };

/** The first of `sorted` (by `at`) at or after `at`: a binary search, not a scan per change. */
function firstAtOrAfter<T extends { at: string }>(sorted: readonly T[], at: string): T | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].at < at) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

/**
 * Every change that reached the default branch in the period was approved before merge by
 * someone other than its author on the head that was merged, with no reviewer's request for
 * changes standing, links a ticket, and was followed by a successful production deployment.
 * Direct pushes and admin-bypassed merges are exceptions unless they are emergency changes
 * approved within `emergencyApprovalDays` after. Every successful production deployment in the
 * period deployed a commit that had reached a mainline branch by then (docs/change-rules.md
 * lists each rule and the GitHub setting it mirrors).
 */
export const legacyReviewApprovalCheck: Check = {
  id: 'change.review-approval',
  title: 'Production changes reviewed, approved, ticketed and deployed',
  requires: ['change'],
  reads: ['change', 'pr_review', 'deployment', 'deployment_status', 'branch_protection', 'pr_push', 'ticket'],
  run(ctx) {
    const tz = ctx.timezone;
    const emergencyDays = Number(ctx.params.emergencyApprovalDays ?? 2);
    const deployDays = Number(ctx.params.deployWithinDays ?? 7);
    const prodEnvs = new Set((Array.isArray(ctx.params.productionEnvironments) ? (ctx.params.productionEnvironments as string[]) : ['production']).map(lower));
    const branches = Array.isArray(ctx.params.branches) ? new Set((ctx.params.branches as string[]).map(lower)) : undefined;
    const reviewsOf = reviewsByChange(ctx.records);
    // `head` (default): an approval counts only on the merged head; `protection`: as GitHub, only when protection dismissed stale approvals.
    const staleApprovals = ctx.params.staleApprovals === 'protection' ? 'protection' : 'head';
    const protectionOf = protectionLookup(ctx.records);
    const lastPushOf = lastPushLookup(ctx.records);
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
    const missingPushes = new Set<string>();

    const changes = recordsOf(ctx.records, 'change').filter((c) => inPeriod(c.mergedAt, ctx.period, tz) && (!branches || branches.has(lower(c.targetBranch))));
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const itemOf = new Map<ChangeRecord, PopulationItem>();
    for (const c of changes) {
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
      items.push({ id: itemId, subject, at: c.mergedAt, trace });
      itemOf.set(c, items.at(-1)!);
    }
    const notes = [...undeployedRepos].sort().map((r) => `${r} has no production deployment records; its changes were not linked to deployments.`);
    for (const r of [...missingPushes].sort()) notes.push(`${r}: branch protection requires approval of the most recent push, but no pull_request push events (opened, synchronize) were collected, so who pushed last is not known; collect those webhooks to test it.`);

    // Deployments: each successful production deployment in the period shipped a commit that had reached a mainline branch by then.
    const allChanges = recordsOf(ctx.records, 'change');
    const protectedBranches = new Map<string, Set<string>>();
    for (const p of recordsOf(ctx.records, 'branch_protection')) protectedBranches.set(lower(p.repo), (protectedBranches.get(lower(p.repo)) ?? new Set()).add(lower(p.branch)));
    for (const c of allChanges) if (c.via === 'direct_push') protectedBranches.set(lower(c.repo), (protectedBranches.get(lower(c.repo)) ?? new Set()).add(lower(c.targetBranch)));
    const mainline = (repo: string) => branches ?? new Set(['main', 'master', ...(protectedBranches.get(lower(repo)) ?? [])]);
    const provenance = provenanceOf(allChanges, mainline);
    const unknown: string[] = [];
    for (const d of [...deploys.values()].flat().filter((x) => inPeriod(x.at, ctx.period, tz))) {
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
        const item = itemOf.get(c);
        const lagDays = (Date.parse(c.mergedAt) - Date.parse(d.at)) / DAY;
        const step: TraceStep = { label: 'deployed before merge', at: d.at, detail: `${where}; merged ${c.mergedAt}`, citation: citationOf(d) };
        if (isEmergency(c) && lagDays <= emergencyDays) {
          // A hotfix shipped from its branch and merged within the emergency window: the emergency path, not a bypass.
          item?.trace.push({ ...step, detail: `${step.detail} (emergency hotfix, merged within ${emergencyDays} days)` });
          continue;
        }
        const subject = changeSubject(c);
        const itemId = item?.id ?? `deployment|${d.repo}|${d.id}`;
        if (item) item.trace.push(step);
        else items.push({ id: itemId, subject, at: d.at, trace: [step] });
        exceptions.push({ rule: 'deploy.unmerged_commit', subject, at: d.at, itemId, citations: [...cites, citationOf(c)], detail: `${where} shipped ${subject}'s head before it was merged (merged ${c.mergedAt}${isEmergency(c) ? `, more than ${emergencyDays} days later` : ''}); production ran code that had not reached the default branch.` });
        continue;
      }
      const subject = `${d.repo}@${short(d.commit)}`;
      const itemId = `deployment|${d.repo}|${d.id}`;
      items.push({ id: itemId, subject, at: d.at, trace: [{ label: 'deployment', at: d.at, detail: `${where} from branch ${p.ref}`, citation: citationOf(d) }] });
      exceptions.push({ rule: 'deploy.unmerged_commit', subject, at: d.at, itemId, citations: cites, detail: `${where} came from branch ${p.ref}; the commit is not among the commits that had reached ${[...mainline(d.repo)].join(' or ')} by then.` });
    }
    if (unknown.length > 0) notes.push(`Whether these production deployments shipped a commit of the default branch is not in the evidence (the commit is not among the collected merged pull requests and default-branch commits): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}. Collect the default branch's commits (github-rest commits list or git-repo) for the period.`);
    return {
      populationQuery: `change records (merged pull requests and direct commits on ${branches ? [...branches].join(', ') : 'the default branch'}) merged between ${ctx.period.from} and ${ctx.period.to} in ${tz}; reviews from the change and pr_review records; successful deployments to ${[...prodEnvs].join(', ')}, and those of commits not on a mainline branch at deploy time`,
      items,
      exceptions,
      notes,
    };
  },
};
