import { builtInControls, controlsInScope, occurrencesIn, requestCadenceOf, resolveOwner } from '@fieldwork/core';
import type { Control, Occurrence } from '@fieldwork/core';
import { csvText, minimalPdf } from './demo-evidence-files.js';
import type { DemoContext, DemoEvidence, DemoPart, DemoPartOutput } from './demo-context.js';
import { DEMO_COMPANY } from './demo-company.js';
import { DEMO_OWNERS, demoPeople } from './demo-owners.js';
import { planting } from './demo-plants.js';
import { Random } from './random.js';

/** The categories the demo scopes (as `generateDemo` writes them). */
export const DEMO_CATEGORIES = ['security', 'confidentiality', 'availability'] as const;

/** A second approver for the compliance owner's own evidence: nobody decides on what they submitted. */
export const DEMO_APPROVER = { name: 'Daniel Okafor', email: 'daniel.okafor@relaylabs.ai' } as const;

const owners = { compliance: DEMO_OWNERS.compliance, people: demoPeople() };
const pad = (n: number) => String(n).padStart(2, '0');

/** The planted manual-evidence problems: request id → what happens to it. */
const PLANTS = {
  late: { id: 'GOV-01/2026-Q2', plant: 'manual.late', why: 'the Q2 board security briefing was held on 12 August, after its due date' },
  missing: { id: 'LOG-03/2026-Q2', plant: 'manual.missing', why: 'nobody handed in the Q2 log-integrity evidence' },
  // Controls no subservice CUEC relies on: a failing one would also fail the CUEC mapping (VEN-03).
  rejected: { id: 'AVL-03/2026-Q3', plant: 'manual.rejected', why: 'the redundancy export was rejected: it was taken from staging, not production' },
  unreviewed: { id: 'DAT-02/2026-Q2', plant: 'manual.unreviewed', why: 'the retention report awaits an approver' },
  lapsed: { id: 'VEN-04/2026', plant: 'manual.lapsed', why: 'the model provider\'s SOC 2 report lapsed on 31 August' },
} as const;

/**
 * Evidence for the manual controls: for most occurrences in the window a small real file (a
 * one-page PDF, a CSV roster, a JSON export) submitted by the control's owner before its due date
 * and accepted by an approver; one not-applicable quarter; and the planted problems — in the
 * story one late, one missing and one rejected, with `--problems all` also one unreviewed and one
 * lapsed. The files are written under `evidence/`; `submitDemoEvidence` submits them.
 */
export const manualEvidencePart: DemoPart = {
  name: 'manual-evidence',
  generate(ctx): DemoPartOutput {
    // Its own generator: the other parts' data stays what it was before this part existed.
    const rng = new Random(ctx.seed * 7919 + 11);
    const files: Record<string, string | Buffer> = {};
    const evidence: DemoEvidence[] = [];
    const planted: DemoPartOutput['planted'] = [];
    // The story plants three (see DEMO_STORY); `--problems all` adds the other two.
    const plantOf = new Map<string, (typeof PLANTS)[keyof typeof PLANTS]>(Object.values(PLANTS).filter((p) => planting(ctx, p.plant)).map((p) => [p.id, p]));
    const controls = controlsInScope(builtInControls, [...DEMO_CATEGORIES]).filter((c) => c.check === null);
    for (const control of controls) {
      const owner = resolveOwner(control.ownerRole, owners);
      for (const occ of occurrencesIn(requestCadenceOf(control), ctx.period)) {
        const id = `${control.id}/${occ.id}`;
        const plant = plantOf.get(id);
        if (plant) planted.push({ rule: plant.plant, subject: id, why: plant.why });
        if (plant?.plant === 'manual.missing') continue;
        if (id === 'GOV-06/2026-04') {
          evidence.push({ kind: 'na', control: control.id, covers: occ.id, by: DEMO_OWNERS.compliance.name, reason: 'Continuous control monitoring started with Fieldwork in May 2026.', at: '2026-05-04T17:00:00.000Z' });
          continue;
        }
        const performedOn = plant?.plant === 'manual.late' ? '2026-08-12' : performedDay(rng, occ, ctx.period.to);
        const file = evidenceFile(ctx, control, occ, performedOn, owner.name ?? DEMO_OWNERS.compliance.name);
        const rel = `evidence/${control.id}/${occ.id}-${file.name}`;
        files[rel] = file.content;
        const by = owner.name ?? DEMO_OWNERS.compliance.name;
        const approver = by === DEMO_OWNERS.compliance.name ? DEMO_APPROVER.name : DEMO_OWNERS.compliance.name;
        const decidedAt = `${addDaysIso(performedOn, 2)}T18:30:00.000Z`;
        evidence.push({
          kind: 'add', control: control.id, covers: occ.id, by, file: rel, performedOn, at: `${performedOn}T22:00:00.000Z`,
          note: file.note, ...(plant?.plant === 'manual.lapsed' ? { validUntil: '2026-08-31' } : control.id === 'VEN-04' ? { validUntil: '2027-03-31' } : {}),
          decision: plant?.plant === 'manual.unreviewed' ? null
            : plant?.plant === 'manual.rejected' ? { decision: 'rejected', by: approver, at: decidedAt, reason: 'The export is of the staging account, not production.' }
            : { decision: 'accepted', by: approver, at: decidedAt },
        });
      }
    }
    return { files, sources: [], planted, workspace: { approvers: [{ ...DEMO_APPROVER }] }, evidence };
  },
};

/** A day inside the occurrence, in its last third, never after the window's end (nor two days before it: decisions follow). */
function performedDay(rng: Random, occ: Occurrence, windowEnd: string): string {
  const last = occ.to < windowEnd ? occ.to : addDaysIso(windowEnd, -3);
  const span = Math.max(0, Math.round((Date.parse(last) - Date.parse(occ.from)) / 86_400_000));
  const from = addDaysIso(occ.from, Math.floor(span * 0.6));
  return addDaysIso(from, rng.int(0, Math.max(0, Math.round((Date.parse(last) - Date.parse(from)) / 86_400_000))));
}

function addDaysIso(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The evidence an owner would hand in for the control: a roster for access and HR, a JSON export for configuration, a PDF otherwise. */
function evidenceFile(ctx: DemoContext, control: Control, occ: Occurrence, performedOn: string, by: string): { name: string; content: string | Buffer; note: string } {
  if (control.category === 'access' || control.category === 'hr') {
    const people = ctx.people.filter((p) => !p.endDate || p.endDate >= occ.from).slice(0, 12);
    return {
      name: 'review.csv', note: `${control.title}: ${people.length} people reviewed`,
      content: csvText(['email', 'department', 'result', 'reviewer', 'reviewed_on'], people.map((p) => [p.email, p.department, 'confirmed', by, performedOn])),
    };
  }
  if (control.category === 'encryption' || control.category === 'availability' || control.category === 'data') {
    return {
      name: 'config-export.json', note: `${control.title}: configuration exported on ${performedOn}`,
      content: `${JSON.stringify({ organization: DEMO_COMPANY.organization, control: control.id, exportedOn: performedOn, exportedBy: by, settings: { enforced: true, scope: 'production', lastChange: addDaysIso(occ.from, 3) } }, null, 2)}\n`,
    };
  }
  return {
    name: 'record.pdf', note: `${control.title}, ${occ.id}`,
    content: minimalPdf([`${DEMO_COMPANY.organization} - ${control.title}`, `Evidence for ${occ.id} (${control.id})`, `Performed on ${performedOn} by ${by}`, '', control.statement.slice(0, 110), '', `Signed: ${by}`]),
  };
}
