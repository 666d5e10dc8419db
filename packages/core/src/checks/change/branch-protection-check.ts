import { citationOf, recordsOf } from '../../records/index.js';
import type { BranchProtectionRecord } from '../../records/index.js';
import { endOfDay, localDate, startOfDay } from '../../time/index.js';
import type { Check, CheckException, CheckStatus, PopulationItem, TraceStep } from '../check.js';
import { evidenceEnd } from '../evidence-end.js';

const DAY = 86_400_000;
/** Instants are compared as times, not strings, whatever their precision or offset. */
const ms = (instant: string) => Date.parse(instant);

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
 * `minApprovals` is `protection.weak`. Classic protection and rulesets are replayed separately:
 * the branch is protected while any mechanism is shown to be on. A mechanism whose state is not
 * known (no evidence yet) protects nothing, so a known gap in one mechanism is not hidden by
 * another that merely lacks evidence; a `created` event after the period shows that mechanism
 * was off throughout it. Continuity must be shown, not assumed: when no mechanism is known to be
 * on or off (say the only evidence is a snapshot taken after the period began), the branch is
 * reported as unproven and the control as insufficient evidence (exceptions, when any, still
 * make it an exception).
 */
export const branchProtectionCheck: Check = {
  id: 'change.branch-protection',
  title: 'Branch protection in force for the whole period',
  requires: ['branch_protection'],
  reads: ['branch_protection'],
  run(ctx) {
    const tz = ctx.timezone;
    const minApprovals = Number(ctx.params.minApprovals ?? 1);
    const from = startOfDay(ctx.period.from, tz);
    const endDay = evidenceEnd(ctx);
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
      all.sort((a, b) => ms(a.at) - ms(b.at));
      // Classic protection and rulesets protect independently: the branch is protected while either is shown on.
      const mechanisms = [...new Set(all.map((r) => r.mechanism ?? 'classic'))].sort();
      const timelines = mechanisms.map((m) => replay(all.filter((r) => (r.mechanism ?? 'classic') === m), from, to));
      const trace: TraceStep[] = timelines.flatMap((t) => t.trace);
      const stretches = combine(timelines, from, to);
      // Unproven only where no mechanism is known either way; a mechanism lacking evidence while another is on changes nothing.
      if (stretches.some((s) => s.state === 'unknown')) {
        unproven = true;
        for (const t of timelines) if (t.unproven) notes.push(`${subject}${mechanisms.length > 1 ? ` (${t.mechanism})` : ''}: ${t.unproven}`);
      }
      for (const stretch of stretches) {
        if (stretch.state === 'unknown') continue;
        const days = Math.max(1, Math.ceil((ms(stretch.end) - ms(stretch.start)) / DAY));
        exceptions.push({
          rule: 'protection.gap', subject, at: stretch.start, itemId: subject,
          detail: `${subject} was unprotected from ${stretch.start} (${localDate(stretch.start, tz)}) to ${stretch.end === to ? `the end of the period (${endDay})` : `${stretch.end} (${localDate(stretch.end, tz)})`}, about ${days} day(s).`,
          citations: stretch.cites.map(citationOf),
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

/** A mechanism's state: shown on, shown off, or not known from the evidence. */
type State = 'on' | 'off' | 'unknown';

/** A stretch of one state, from `start` (inclusive) to `end` (exclusive), with the observations that show it. */
interface Stretch {
  start: string;
  end: string;
  state: State;
  cites: BranchProtectionRecord[];
}

interface Timeline {
  mechanism: string;
  /** The stretches covering the period, in order. */
  stretches: Stretch[];
  /** Why the state is not known for part of the period, when it is not. */
  unproven?: string;
  /** The observations in force during the period (the last one before it, and those inside). */
  observed: BranchProtectionRecord[];
  trace: TraceStep[];
}

const stateOf = (on: boolean | undefined): State => (on === undefined ? 'unknown' : on ? 'on' : 'off');

/** Replays one mechanism's observations over [from, to) into stretches of known and unknown state. */
function replay(list: BranchProtectionRecord[], from: string, to: string): Timeline {
  const mechanism = list[0]?.mechanism ?? 'classic';
  const prior = list.filter((r) => ms(r.at) <= ms(from));
  const inside = list.filter((r) => ms(r.at) > ms(from) && ms(r.at) < ms(to));
  const observed = [...prior.slice(-1), ...inside];
  const trace: TraceStep[] = [];
  if (observed.length === 0) {
    // Only evidence after the period: a `created` event shows the mechanism did not exist before it.
    const first = list[0];
    const off = first && before(first) === false;
    trace.push({ label: 'no evidence in period', at: first?.at, ...(off ? { detail: `${mechanism} ${first.event} after the period: unprotected throughout` } : {}), ...(first ? { citation: citationOf(first) } : {}) });
    return {
      mechanism, observed, trace,
      stretches: [{ start: from, end: to, state: off ? 'off' : 'unknown', cites: first ? [first] : [] }],
      ...(off ? {} : { unproven: `the only ${mechanism} protection evidence is after the period; the period is not covered.` }),
    };
  }
  // State at the period start: the last observation before it, else what the first event implies.
  const last = prior.at(-1);
  let state = stateOf(last ? onAfter(last) : before(inside[0]));
  let unproven: string | undefined;
  if (last) trace.push({ label: 'state at period start', at: last.at, detail: `${mechanism} ${last.event}: ${state === 'on' ? 'protected' : 'unprotected'}`, citation: citationOf(last) });
  if (state === 'unknown') {
    unproven = `protection before ${inside[0].at} is unproven (the first evidence is a ${inside[0].event} observation); collect branch_protection_rule webhook history or an earlier snapshot.`;
    trace.push({ label: 'continuity unproven', detail: `until ${inside[0].at}` });
  }
  const stretches: Stretch[] = [];
  let open: Stretch = { start: from, end: to, state, cites: state === 'unknown' ? [] : [last ?? inside[0]] };
  for (const r of inside) {
    const on = onAfter(r);
    trace.push({ label: `protection ${r.event}`, at: r.at, detail: `${mechanism}: ${on ? 'protected' : 'unprotected'}${r.requiredApprovals !== undefined ? `, ${r.requiredApprovals} approval(s) required` : ''}${r.enforceAdmins === false ? ', admins may bypass' : ''}`, citation: citationOf(r) });
    state = on ? 'on' : 'off';
    if (state === open.state) continue;
    stretches.push({ ...open, end: r.at, cites: [...open.cites, r] });
    open = { start: r.at, end: to, state, cites: [r] };
  }
  stretches.push(open);
  return { mechanism, stretches, ...(unproven ? { unproven } : {}), observed, trace };
}

/**
 * The branch's state over time from every mechanism's: on while any mechanism is on; off while
 * none is on and at least one is shown off (a mechanism not known to be on protects nothing);
 * unknown while every mechanism is unknown. Returns the stretches that are not on, merged.
 */
function combine(timelines: Timeline[], from: string, to: string): Stretch[] {
  const bounds = [...new Set([from, to, ...timelines.flatMap((t) => t.stretches.map((s) => s.start))])]
    .filter((b) => ms(b) >= ms(from) && ms(b) <= ms(to))
    .sort((a, b) => ms(a) - ms(b));
  const out: Stretch[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [start, end] = [bounds[i], bounds[i + 1]];
    if (ms(start) >= ms(end)) continue;
    const here = timelines.map((t) => t.stretches.find((s) => ms(s.start) <= ms(start) && ms(start) < ms(s.end)));
    const states = here.map((s) => s?.state ?? 'unknown');
    if (states.includes('on')) continue;
    const state: State = states.includes('off') ? 'off' : 'unknown';
    const cites = here.flatMap((s) => (s && s.state === 'off' ? s.cites : []));
    const prev = out.at(-1);
    if (prev && prev.state === state && ms(prev.end) === ms(start)) {
      prev.end = end;
      for (const c of cites) if (!prev.cites.includes(c)) prev.cites.push(c);
    } else out.push({ start, end, state, cites: [...new Set(cites)] });
  }
  return out;
}
