import { citationOf, recordsOf } from '../../records/index.js';
import type { PolicyAckRecord, PolicyRecord } from '../../records/index.js';
import { addDays, localDate } from '../../time/index.js';
import { runStream } from '../check.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { compareVersions } from '../policy/policy-lifecycle-check.js';
import { judgeWindow, spellDeadlines } from './completion-windows.js';
import type { Completion, Deadline } from './completion-windows.js';
import { byEmail, peopleStream, recordsFor, spellInScope, subjectOf, workerTypesOf } from './people-scope.js';

/** The source kinds that carry acknowledgements, named when none was collected. */
export const POLICY_ACK_SOURCES = ['policy-acks-csv', 'policy-acks (dashboard links: fieldwork policy ack-links)'];

const norm = (s: string) => s.trim().toLowerCase();

const stream = peopleStream((ctx, people) => {
  const withinDays = Number(ctx.params.withinDays ?? 30);
  const rules = { withinDays, renewMonths: Number(ctx.params.renewMonths ?? 0), preStartDays: Number(ctx.params.preStartDays ?? 14) };
  const types = workerTypesOf(ctx, ['employee', 'contractor']);
  const wanted = (Array.isArray(ctx.params.policies) ? ctx.params.policies.map(String) : []).map(norm);
  const approved = recordsOf(ctx.records, 'policy').filter((p) => p.approvedAt && (wanted.length === 0 || wanted.includes(norm(p.id))));
  const policies = [...new Set(approved.map((p) => norm(p.id)))].sort();
  const populationQuery = `acknowledgement deadlines falling between ${ctx.period.from} and ${ctx.period.to} for ${types.join(', ')} in HR and ${wanted.length ? `the policies ${wanted.join(', ')}` : 'every approved policy'}: within ${withinDays} days of each start and of each version's approval${rules.renewMonths > 0 ? `, and within ${rules.renewMonths} months of the last acknowledgement` : ''}`;
  const acks = recordsOf(ctx.records, 'policy_ack');
  if (acks.length === 0) {
    return { populationQuery, items: [], exceptions: [], status: 'insufficient_evidence', notes: [`No policy acknowledgements collected: add a ${POLICY_ACK_SOURCES.join(' or ')} source. Without them nothing shows who read the policies.`] };
  }
  const missingPolicies = wanted.filter((w) => !policies.includes(w));
  const items: PopulationItem[] = [];
  const exceptions: CheckException[] = [];
  let owedNothing = 0;
  let unmatched = 0;
  for (const policy of policies) {
    const versions = approved.filter((p) => norm(p.id) === policy).sort((a, b) => compareVersions(a.version, b.version));
    const bySha = new Map(versions.filter((v) => v.bodySha256).map((v) => [v.bodySha256 as string, v]));
    const versionOf = (a: PolicyAckRecord): string | undefined => {
      if (a.bodySha256) return bySha.get(a.bodySha256)?.version;
      return a.version;
    };
    const mineAll = acks.filter((a) => norm(a.policy) === policy);
    unmatched += mineAll.filter((a) => !versionOf(a)).length;
    const index = byEmail(mineAll.filter((a) => versionOf(a)));
    const inForce = (day: string) => versions.filter((v) => (v.approvedAt as string) <= day).at(-1);
    for (const person of people()) {
      const done = recordsFor(person, index)
        .map((r) => ({ day: localDate(r.at, ctx.timezone), record: r, version: versionOf(r) as string }))
        .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
      const atLeast = (v: PolicyRecord | undefined) => (v ? done.filter((c) => compareVersions(c.version, v.version) >= 0) : done);
      for (const spell of person.spells) {
        if (!spell.start || !spellInScope(spell, types)) continue;
        const hr = spell.rows.at(-1)!;
        const subject = subjectOf(spell);
        const judged: { d: Deadline<PolicyAckRecord>; kind: string; version?: PolicyRecord; what: string }[] = [];
        const atStart = inForce(spell.start);
        for (const d of spellDeadlines(spell, atLeast(atStart), rules, ctx.asOf, ctx.period.to)) {
          judged.push({ d, kind: d.kind, ...(atStart ? { version: atStart } : {}), what: d.kind === 'hire' ? `within ${withinDays} days of starting on ${spell.start}` : `within ${rules.renewMonths} months of the last acknowledgement` });
        }
        // Each version approved while the person was already there: acknowledged within N days of the approval.
        for (const v of versions) {
          const approvedOn = v.approvedAt as string;
          if (approvedOn <= spell.start || (spell.end && spell.end < approvedOn)) continue;
          const due = addDays(approvedOn, withinDays);
          const outcome = judgeWindow(atLeast(v), addDays(spell.start, -rules.preStartDays), due, ctx.asOf, spell.end);
          judged.push({ d: { kind: 'hire', from: approvedOn, due, outcome }, kind: 'version', version: v, what: `within ${withinDays} days of v${v.version}'s approval on ${approvedOn}` });
        }
        for (const { d, kind, version, what } of judged) {
          if (d.due < ctx.period.from || d.due > ctx.period.to || d.outcome.status === 'not_due') continue;
          if (d.outcome.status === 'left') { owedNothing++; continue; }
          const itemId = `${hr.id}:${spell.start}:${policy}:${kind}:${d.due}`;
          const label = `${policy}${version ? ` v${version.version}` : ''}`;
          const trace: TraceStep[] = [{ label: 'HR start date', at: spell.start, detail: `${hr.name ?? subject} (${spell.workerTypes.join(' then ')}) started on ${spell.start}; ${label} to be acknowledged by ${d.due}`, citation: citationOf(hr) }];
          if (version) trace.push({ label: `policy ${label}`, at: version.approvedAt, detail: `approved ${version.approvedAt}${version.bodySha256 ? `, text sha256 ${version.bodySha256.slice(0, 12)}…` : ''}`, citation: citationOf(version) });
          const o = d.outcome;
          if (o.status === 'met' || o.status === 'late') trace.push(ackStep(o.first as Completion<PolicyAckRecord> & { version?: string }));
          const cites = [citationOf(hr), ...(version ? [citationOf(version)] : [])];
          if (o.status === 'late') {
            exceptions.push({ rule: `ack.${kind}_late`, subject, detail: `${label} was to be acknowledged ${what}, by ${d.due}; acknowledged on ${o.first.day}.`, at: o.first.record.at, citations: [...cites, citationOf(o.first.record)], itemId });
          } else if (o.status === 'missing') {
            exceptions.push({ rule: `ack.${kind}_missing`, subject, detail: `${label} was to be acknowledged ${what}, by ${d.due}; no acknowledgement by ${ctx.asOf}.`, citations: cites, itemId });
          }
          // The unit is the deadline, not the person: one person owes one per policy (and per version).
          items.push({ id: itemId, subject: `${subject} · ${label}`, at: d.due, trace });
        }
      }
    }
  }
  const notes = [
    ...(missingPolicies.length ? [`No approved version of ${missingPolicies.join(', ')} was collected, so nobody could be held to acknowledge it (see the policy lifecycle control).`] : []),
    ...(owedNothing ? [`${owedNothing} deadline(s) in the period fell after the person had left; nothing was owed.`] : []),
    ...(unmatched ? [`${unmatched} acknowledgement(s) name a text (SHA-256) that matches no approved version collected; they do not count.`] : []),
  ];
  return { populationQuery, items, exceptions, ...(notes.length ? { notes } : {}) };
});

/**
 * Everyone in scope acknowledges each required policy within `withinDays` of starting, each new
 * approved version within `withinDays` of its approval, and (with `renewMonths`) again within
 * that many months of their last acknowledgement. An acknowledgement names its version by number
 * or by the SHA-256 of the text; one whose hash matches no approved text does not count.
 */
export const policyAckCheck: Check = {
  id: 'hr.policy-ack',
  title: 'Policies acknowledged on joining and on each new version',
  requires: ['person', 'policy'],
  reads: ['person', 'access_event', 'policy', 'policy_ack'],
  stream,
  run: (ctx) => runStream(stream, ctx),
};

function ackStep(c: Completion<PolicyAckRecord> & { version?: string }): TraceStep {
  const r = c.record;
  return { label: 'acknowledged', at: r.at, detail: `${r.email} acknowledged ${r.policy}${c.version ? ` v${c.version}` : ''}${r.bodySha256 ? ` (text sha256 ${r.bodySha256.slice(0, 12)}…)` : ''} on ${c.day}${r.method ? ` via ${r.method}` : ''}`, citation: citationOf(r) };
}
