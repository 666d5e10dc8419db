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
 * `minApprovals` is `protection.weak`. Classic protection and rulesets are replayed separately
 * and the branch is unprotected only while both are off. Continuity must be shown, not assumed: when the only
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

    for (const [subject, all] of [...byBranch].sort(([a], [b]) => (a < b ? -1 : 1))) {
      all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      // Classic protection and rulesets protect independently: the branch is unprotected only when every mechanism is off.
      const mechanisms = [...new Set(all.map((r) => r.mechanism ?? 'classic'))].sort();
      const timelines = mechanisms.map((m) => replay(all.filter((r) => (r.mechanism ?? 'classic') === m), from, to));
      const trace: TraceStep[] = timelines.flatMap((t) => t.trace);
      for (const t of timelines) if (t.unproven) {
        unproven = true;
        notes.push(`${subject}${mechanisms.length > 1 ? ` (${t.mechanism})` : ''}: ${t.unproven}`);
      }
      for (const gap of intersect(timelines.map((t) => t.off))) {
        const days = Math.max(1, Math.ceil((Date.parse(gap.end) - Date.parse(gap.start)) / DAY));
        exceptions.push({
          rule: 'protection.gap', subject, at: gap.start, itemId: subject,
          detail: `${subject} was unprotected from ${gap.start} (${localDate(gap.start, tz)}) to ${gap.end === to ? `the end of the period (${endDay})` : `${gap.end} (${localDate(gap.end, tz)})`}, about ${days} day(s).`,
          citations: gap.cites.map(citationOf),
        });
      }
      const weak = timelines.flatMap((t) => t.observed).filter((r) => onAfter(r) && r.requiredApprovals !== undefined && r.requiredApprovals < minApprovals);
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

interface Gap {
  start: string;
  end: string;
  cites: BranchProtectionRecord[];
}

interface Timeline {
  mechanism: string;
  off: Gap[];
  /** Why protection at the start is not proven, when it is not. */
  unproven?: string;
  /** The observations in force during the period (the last one before it, and those inside). */
  observed: BranchProtectionRecord[];
  trace: TraceStep[];
}

/** Replays one mechanism's observations over [from, to): the stretches with protection off. */
function replay(list: BranchProtectionRecord[], from: string, to: string): Timeline {
  const mechanism = list[0]?.mechanism ?? 'classic';
  const prior = list.filter((r) => r.at <= from);
  const inside = list.filter((r) => r.at > from && r.at < to);
  const observed = [...prior.slice(-1), ...inside];
  const trace: TraceStep[] = [];
  if (observed.length === 0) {
    return { mechanism, off: [], unproven: `the only ${mechanism} protection evidence is after the period; the period is not covered.`, observed, trace: [{ label: 'no evidence in period', at: list[0]?.at, ...(list[0] ? { citation: citationOf(list[0]) } : {}) }] };
  }
  // State at the period start: the last observation before it, else what the first event implies.
  let state: boolean | undefined = prior.length > 0 ? onAfter(prior[prior.length - 1]) : before(inside[0]);
  let unproven: string | undefined;
  if (prior.length > 0) trace.push({ label: 'state at period start', at: prior[prior.length - 1].at, detail: `${mechanism} ${prior[prior.length - 1].event}: ${state ? 'protected' : 'unprotected'}`, citation: citationOf(prior[prior.length - 1]) });
  if (state === undefined) {
    unproven = `protection before ${inside[0].at} is unproven (the first evidence is a ${inside[0].event} observation); collect branch_protection_rule webhook history or an earlier snapshot.`;
    trace.push({ label: 'continuity unproven', detail: `until ${inside[0].at}` });
  }
  const off: Gap[] = [];
  let open: Gap | undefined = state === false ? { start: from, end: to, cites: [prior.at(-1) ?? inside[0]] } : undefined;
  for (const r of inside) {
    const on = onAfter(r);
    trace.push({ label: `protection ${r.event}`, at: r.at, detail: `${mechanism}: ${on ? 'protected' : 'unprotected'}${r.requiredApprovals !== undefined ? `, ${r.requiredApprovals} approval(s) required` : ''}${r.enforceAdmins === false ? ', admins may bypass' : ''}`, citation: citationOf(r) });
    if (on && open) {
      off.push({ ...open, end: r.at, cites: [...open.cites, r] });
      open = undefined;
    } else if (!on && !open) open = { start: r.at, end: to, cites: [r] };
    state = on;
  }
  if (open) off.push(open);
  return { mechanism, off, ...(unproven ? { unproven } : {}), observed, trace };
}

/** The stretches where every timeline is off at once. */
function intersect(lists: Gap[][]): Gap[] {
  return lists.reduce((acc, list) => {
    const out: Gap[] = [];
    for (const a of acc) for (const b of list) {
      const start = a.start > b.start ? a.start : b.start;
      const end = a.end < b.end ? a.end : b.end;
      if (start < end) out.push({ start, end, cites: [...a.cites, ...b.cites] });
    }
    return out;
  });
}
