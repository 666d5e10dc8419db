import { citationOf, recordsOf } from '../../records/index.js';
import type { BranchProtectionRecord } from '../../records/index.js';
import { endOfDay, localDate, startOfDay } from '../../time/index.js';
import type { Check, CheckException, CheckStatus, PopulationItem, TraceStep } from '../check.js';

const DAY = 86_400_000;

/** On or off after an observation: deletion and `enabled: false` both leave the branch unprotected. */
const onAfter = (r: BranchProtectionRecord) => r.enabled && !/^deleted?$/i.test(r.event);

/**
 * What an observation says about the time just before it: a webhook `edited` or `deleted`
 * event shows protection existed; `created` shows it did not; a snapshot says nothing.
 */
function before(r: BranchProtectionRecord): boolean | undefined {
  if (/^(edited|deleted?)$/i.test(r.event)) return true;
  if (/^created$/i.test(r.event)) return false;
  return undefined;
}

/**
 * Branch protection was in force on each protected branch for the whole period, replayed from
 * webhook events (created, edited, deleted) and snapshots. A removal or `enabled: false` opens
 * a gap until protection returns (`protection.gap`); fewer required approvals than
 * `minApprovals` is `protection.weak`. Continuity must be shown, not assumed: when the only
 * evidence is a snapshot taken after the period began, with no event showing protection
 * existed at the start, the branch is reported as unproven and the control as insufficient
 * evidence (exceptions, when any, still make it an exception).
 */
export const branchProtectionCheck: Check = {
  id: 'change.branch-protection',
  title: 'Branch protection in force for the whole period',
  requires: ['branch_protection'],
  run(ctx) {
    const tz = ctx.timezone;
    const minApprovals = Number(ctx.params.minApprovals ?? 1);
    const from = startOfDay(ctx.period.from, tz);
    const endDay = ctx.asOf < ctx.period.to ? ctx.asOf : ctx.period.to;
    const to = endOfDay(endDay, tz);
    const byBranch = new Map<string, BranchProtectionRecord[]>();
    for (const r of recordsOf(ctx.records, 'branch_protection')) {
      const k = `${r.repo}:${r.branch}`;
      byBranch.set(k, [...(byBranch.get(k) ?? []), r]);
    }
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const notes: string[] = [];
    let unproven = false;

    for (const [subject, list] of [...byBranch].sort(([a], [b]) => (a < b ? -1 : 1))) {
      list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const trace: TraceStep[] = [];
      const prior = list.filter((r) => r.at <= from);
      const inside = list.filter((r) => r.at > from && r.at < to);
      if (prior.length === 0 && inside.length === 0) {
        notes.push(`${subject}: the only protection evidence is after ${endDay}; the period is not covered.`);
        unproven = true;
        items.push({ id: subject, subject, trace: [{ label: 'no evidence in period', detail: `first observation at ${list[0].at}`, citation: citationOf(list[0]) }] });
        continue;
      }
      // State at the period start: the last observation before it, else what the first event implies.
      let state: boolean | undefined = prior.length > 0 ? onAfter(prior[prior.length - 1]) : before(inside[0]);
      if (prior.length > 0) trace.push({ label: 'state at period start', at: prior.at(-1)?.at, detail: `${prior.at(-1)?.event}: ${state ? 'protected' : 'unprotected'}`, citation: citationOf(prior.at(-1) as BranchProtectionRecord) });
      let gapStart: string | undefined = state === false ? from : undefined;
      let gapCite = state === false ? (prior.at(-1) ?? inside[0]) : undefined;
      if (state === undefined) {
        unproven = true;
        notes.push(`${subject}: protection before ${inside[0].at} is unproven (first evidence is a ${inside[0].event} observation); collect branch_protection_rule webhook history or an earlier snapshot.`);
        trace.push({ label: 'continuity unproven', detail: `from ${ctx.period.from} to ${inside[0].at}` });
      }
      const closeGap = (end: string, cite: BranchProtectionRecord | undefined) => {
        if (!gapStart) return;
        const days = Math.max(1, Math.ceil((Date.parse(end) - Date.parse(gapStart)) / DAY));
        exceptions.push({
          rule: 'protection.gap', subject, at: gapStart, itemId: subject,
          detail: `${subject} was unprotected from ${gapStart} (${localDate(gapStart, tz)}) to ${end === to ? `the end of the period (${endDay})` : `${end} (${localDate(end, tz)})`}, about ${days} day(s).`,
          citations: [gapCite, cite].filter((x): x is BranchProtectionRecord => !!x).map(citationOf),
        });
        gapStart = undefined;
      };
      for (const r of inside) {
        const on = onAfter(r);
        trace.push({ label: `protection ${r.event}`, at: r.at, detail: `${on ? 'protected' : 'unprotected'}${r.requiredApprovals !== undefined ? `, ${r.requiredApprovals} approval(s) required` : ''}${r.enforceAdmins === false ? ', admins may bypass' : ''}`, citation: citationOf(r) });
        if (on && state !== true) closeGap(r.at, r);
        if (!on && state !== false) {
          gapStart = r.at;
          gapCite = r;
        }
        state = on;
      }
      closeGap(to, undefined);
      const weak = [...prior.slice(-1), ...inside].filter((r) => onAfter(r) && r.requiredApprovals !== undefined && r.requiredApprovals < minApprovals);
      if (weak.length > 0) {
        exceptions.push({ rule: 'protection.weak', subject, at: weak[0].at, itemId: subject, detail: `${subject} required ${weak[0].requiredApprovals} approval(s) at ${weak[0].at}; at least ${minApprovals} are expected.`, citations: weak.slice(0, 3).map(citationOf) });
      }
      items.push({ id: subject, subject, trace });
    }
    const status: CheckStatus | undefined = exceptions.length === 0 && unproven ? 'insufficient_evidence' : undefined;
    return {
      populationQuery: `branch_protection records (webhook events and snapshots) per repository branch, replayed over ${ctx.period.from}..${endDay} in ${tz}`,
      items,
      exceptions,
      ...(status ? { status } : {}),
      notes,
    };
  },
};
