import { REQUIRED_POLICIES } from '../catalog/index.js';
import type { ControlResult } from '../checks/run-checks.js';
import { MANUAL_EVIDENCE_CHECK } from '../checks/manual/manual-evidence-check.js';
import type { PolicyRecord } from '../records/index.js';
import { addDays } from '../time/index.js';

export type TaskStatus = 'done' | 'in_progress' | 'open' | 'manual';

export interface PlanTask {
  id: string;
  phase: 1 | 2 | 3 | 4;
  title: string;
  owner: string;
  due: string;
  status: TaskStatus;
  overdue: boolean;
  /** Why the status is what it is (the check result, the record that proves it). */
  why: string;
}

export interface NinetyDayPlan {
  start: string;
  today: string;
  phases: { phase: number; title: string; from: string; to: string }[];
  tasks: PlanTask[];
  summary: { done: number; open: number; overdue: number };
}

export interface PlanFacts {
  start: string;
  today: string;
  ownerOf: (role: string) => string;
  /**
   * True when `owners.compliance` is a placeholder (the owner `fieldwork init` writes when nobody
   * was named): then nobody answers for the program, and the task stays open.
   */
  ownerIsPlaceholder?: boolean;
  auditorSelected: boolean;
  evidenceSources: number;
  policies: readonly PolicyRecord[];
  /** Latest check results, by {@link planResultKey} (the check id; `manual.evidence:CONTROL` for manual controls). */
  results: ReadonlyMap<string, ControlResult>;
  typeOneAssessed: boolean;
  report: { type: 1; asOf: string } | { type: 2; from: string; to: string };
}

const PHASES = [
  { phase: 1, title: 'Scope, auditor and evidence tool', days: [1, 15] },
  { phase: 2, title: 'The seven policies written and signed', days: [16, 45] },
  { phase: 3, title: 'Controls implemented', days: [46, 75] },
  { phase: 4, title: 'Readiness assessment, remediation, Type I, Type II window', days: [76, 90] },
] as const;

/**
 * The key of a result in `PlanFacts.results`: its check id, or `manual.evidence:LOG-01` for a
 * manual control tested from submissions (one generic check serves many controls).
 */
export function planResultKey(r: Pick<ControlResult, 'check' | 'control'>): string | null {
  if (!r.check) return null;
  return r.check === MANUAL_EVIDENCE_CHECK ? `${MANUAL_EVIDENCE_CHECK}:${r.control}` : r.check;
}

function fromCheck(results: ReadonlyMap<string, ControlResult>, check: string): { status: TaskStatus; why: string } {
  const r = results.get(check);
  if (!r) return { status: 'open', why: `Run \`fieldwork check\`: no result for ${check} yet.` };
  // A pass over nothing (an old run, before empty populations became insufficient evidence) proves nothing.
  if (r.status === 'pass' && r.population === 0) return { status: 'open', why: `${r.control}: nothing in the period to test yet; collect evidence that covers it.` };
  if (r.status === 'pass') return { status: 'done', why: `${r.control} passes (${r.population} tested).` };
  if (r.status === 'exception') return { status: 'in_progress', why: `${r.control}: ${r.exceptions.length} exception(s) to fix.` };
  if (r.status === 'insufficient_evidence') return { status: 'open', why: `${r.control}: ${r.notes[0] ?? 'no evidence yet.'}` };
  return { status: 'open', why: `${r.control} is not tested yet.` };
}

/**
 * The 90-day path to audit readiness from the workspace start date, each task with an owner and
 * a due date and a status derived from the evidence, overdue tasks flagged.
 */
export function ninetyDayPlan(f: PlanFacts): NinetyDayPlan {
  const due = (day: number) => addDays(f.start, day - 1);
  const tasks: Omit<PlanTask, 'overdue'>[] = [];
  const add = (t: Omit<PlanTask, 'overdue'>) => tasks.push(t);
  const p1 = due(15);
  add({
    id: 'owner', phase: 1, title: 'Name the compliance owner', owner: f.ownerOf('compliance-owner'), due: due(3),
    ...(f.ownerIsPlaceholder
      ? { status: 'open' as const, why: 'owners.compliance in fieldwork.yaml is still the placeholder: put a real person\'s name and email there.' }
      : { status: 'done' as const, why: 'owners.compliance is set in fieldwork.yaml.' }),
  });
  add({ id: 'scope', phase: 1, title: 'Decide the Trust Services categories and the report type', owner: f.ownerOf('compliance-owner'), due: due(7), status: 'done', why: 'scope is set in fieldwork.yaml.' });
  add({ id: 'auditor', phase: 1, title: 'Choose the CPA firm that will audit you', owner: f.ownerOf('compliance-owner'), due: p1, status: f.auditorSelected ? 'done' : 'open', why: f.auditorSelected ? 'auditor is recorded in fieldwork.yaml.' : 'Record the firm under `auditor:` in fieldwork.yaml.' });
  add({ id: 'evidence', phase: 1, title: 'Connect evidence sources to Fieldwork', owner: f.ownerOf('engineering-lead'), due: p1, status: f.evidenceSources >= 3 ? 'done' : f.evidenceSources > 0 ? 'in_progress' : 'open', why: `${f.evidenceSources} source(s) collected.` });
  const approved = new Map<string, PolicyRecord>();
  for (const p of f.policies) if (p.approvedBy && p.approvedAt) approved.set(p.id, p);
  const written = new Set(f.policies.map((p) => p.id));
  for (const id of REQUIRED_POLICIES) {
    const p = approved.get(id);
    add({
      id: `policy-${id}`, phase: 2, title: `Write and approve the ${id.replace(/-/g, ' ')} policy`, owner: f.policies.find((x) => x.id === id)?.owner ?? f.ownerOf('compliance-owner'), due: due(45),
      status: p ? 'done' : written.has(id) ? 'in_progress' : 'open',
      why: p ? `Approved ${p.approvedAt} by ${p.approvedBy}.` : written.has(id) ? 'Written, not approved: `fieldwork policy approve`.' : `No policies/${id}.md collected.`,
    });
  }
  // The risk register feeds the risk-assessment controls (GOV-04, GOV-08, GOV-10); when none is collected, say where it goes.
  const register = fromCheck(f.results, 'risk.review_overdue');
  add({
    id: 'risk-register', phase: 2, title: 'Keep a risk register: ratings, owners, treatments and linked controls', owner: f.ownerOf('compliance-owner'), due: due(45),
    ...(f.results.get('risk.review_overdue')?.status === 'insufficient_evidence' || !f.results.has('risk.review_overdue')
      ? { status: 'open' as const, why: 'No risk register collected: write risks.yaml and add it as a `risk-register-yaml` source (docs/risk-register.md).' }
      : register),
  });
  const p3 = due(75);
  add({ id: 'mfa-sso', phase: 3, title: 'Enforce SSO with MFA for every account', owner: f.ownerOf('it-admin'), due: p3, ...fromCheck(f.results, 'access.mfa-sso') });
  add({ id: 'deprovisioning', phase: 3, title: 'Deprovision leavers within a day', owner: f.ownerOf('people-ops'), due: p3, ...fromCheck(f.results, 'hr.deprovisioning') });
  const siem = f.results.get(`${MANUAL_EVIDENCE_CHECK}:LOG-01`);
  add({
    id: 'siem', phase: 3, title: 'Send audit logs to a SIEM with alerting', owner: f.ownerOf('security-lead'), due: p3,
    ...(siem ? fromCheck(f.results, `${MANUAL_EVIDENCE_CHECK}:LOG-01`) : { status: 'manual' as const, why: 'Submit an export or screenshot of the SIEM configuration: `fieldwork evidence add LOG-01 FILE --covers QUARTER --by PERSON` (`fieldwork evidence list --control LOG-01` shows what is due).' }),
  });
  add({ id: 'scanner', phase: 3, title: 'Run a vulnerability scanner on every asset, weekly', owner: f.ownerOf('security-lead'), due: p3, ...fromCheck(f.results, 'vuln.scan-cadence') });
  add({ id: 'backups', phase: 3, title: 'Verify backups with a restore test', owner: f.ownerOf('engineering-lead'), due: p3, ...fromCheck(f.results, 'backup.restore-test') });
  add({ id: 'vendors', phase: 3, title: 'Review critical vendors and model providers', owner: f.ownerOf('compliance-owner'), due: p3, ...fromCheck(f.results, 'vendor.review') });
  add({ id: 'change', phase: 3, title: 'Require reviewed, ticketed, deployed changes', owner: f.ownerOf('engineering-lead'), due: p3, ...fromCheck(f.results, 'change.review-approval') });
  const p4 = due(90);
  const exceptions = [...f.results.values()].reduce((n, r) => n + r.exceptions.length, 0);
  add({ id: 'readiness', phase: 4, title: 'Run the readiness assessment (Type I at a date)', owner: f.ownerOf('compliance-owner'), due: due(80), status: f.typeOneAssessed ? 'done' : 'open', why: f.typeOneAssessed ? 'A Type I assessment was run (`fieldwork audit --type 1`).' : 'Run `fieldwork audit --type 1 --as-of DATE`.' });
  add({ id: 'remediate', phase: 4, title: 'Remediate the exceptions found', owner: f.ownerOf('compliance-owner'), due: due(88), status: f.results.size === 0 ? 'open' : exceptions === 0 ? 'done' : 'in_progress', why: f.results.size === 0 ? 'No check run yet.' : `${exceptions} open exception(s) in the latest check.` });
  const typeOneDate = f.report.type === 1 ? f.report.asOf : addDays(f.report.from, -1);
  add({ id: 'type1', phase: 4, title: `Set the Type I as-of date (${typeOneDate})`, owner: f.ownerOf('compliance-owner'), due: p4, status: 'done', why: `scope.report in fieldwork.yaml gives ${typeOneDate}.` });
  add({ id: 'type2', phase: 4, title: 'Start the Type II window the next day', owner: f.ownerOf('compliance-owner'), due: p4, status: f.report.type === 2 ? 'done' : 'open', why: f.report.type === 2 ? `Window ${f.report.from} to ${f.report.to}.` : 'Set scope.report to {type: 2, from, to}.' });
  const out: PlanTask[] = tasks.map((t) => ({ ...t, overdue: t.status !== 'done' && t.due < f.today }));
  return {
    start: f.start, today: f.today,
    phases: PHASES.map((p) => ({ phase: p.phase, title: p.title, from: due(p.days[0]), to: due(p.days[1]) })),
    tasks: out,
    summary: { done: out.filter((t) => t.status === 'done').length, open: out.filter((t) => t.status !== 'done').length, overdue: out.filter((t) => t.overdue).length },
  };
}
