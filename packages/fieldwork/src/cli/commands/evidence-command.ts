import { relative } from 'node:path';
import { FieldworkError, requestStatuses } from '@fieldwork/core';
import type { EvidenceRequest, RequestStatus } from '@fieldwork/core';
import type { Command } from 'commander';
import { decideSubmission, listRequests, markNotApplicable, submitEvidence } from '../../manual-evidence/index.js';
import { withWorkspace } from '../context.js';
import { dateFlag } from '../date-flag.js';
import type { GlobalOptions } from '../context.js';
import { bold, dim, green, out, printJson, red, yellow } from '../output.js';
import { warnAboutWindow } from '../window-note.js';

const COLOR: Record<RequestStatus, (s: string) => string> = {
  current: green, due_soon: yellow, overdue: red, missing: red, not_applicable: dim, upcoming: (s) => s,
};

function statuses(v: string | undefined): RequestStatus[] | undefined {
  if (!v) return undefined;
  return v.split(',').map((s) => s.trim().replace(/-/g, '_')).filter(Boolean).map((s) => {
    if (!(requestStatuses as readonly string[]).includes(s)) throw new FieldworkError('USAGE', `--status ${s} is not a request status.`, { hint: `Use ${requestStatuses.join(', ')} (several: --status overdue,missing).` });
    return s as RequestStatus;
  });
}

function row(r: EvidenceRequest): string {
  const owner = r.owner.name ? `${r.owner.name}${r.owner.resolvedBy === 'compliance_owner' ? dim(` (no ${r.owner.role}: compliance owner)`) : ''}` : red(`nobody holds ${r.owner.role}`);
  return `${r.id.padEnd(16)} ${COLOR[r.status](r.status.replace('_', ' ').padEnd(14))} due ${r.due}  ${owner}\n${' '.repeat(17)}${dim(r.reason)}`;
}

export function registerEvidence(program: Command, globals: () => GlobalOptions): void {
  const evidence = program.command('evidence').description('evidence requests of manual controls: list them, submit evidence, accept, reject or mark not applicable');

  evidence
    .command('add <control> [files...]')
    .description('submit evidence (files, or a typed statement where the control allows it) for one occurrence of a manual control')
    .requiredOption('--covers <occurrence>', 'the occurrence it covers: 2026 (annual), 2026-Q2, 2026-05 or 2026-W19')
    .requiredOption('--by <person>', 'who submits (a person named in fieldwork.yaml)')
    .option('--note <text>', 'what the evidence shows')
    .option('--statement <text>', 'a typed attestation, where the control allows one')
    .option('--performed <date>', 'the day the control operated, as the evidence shows (default: today)', dateFlag('--performed'))
    .option('--valid-until <date>', 'the last day the evidence is valid (a pen-test or SOC 2 report, a training)', dateFlag('--valid-until'))
    .action(async (control: string, files: string[], f: { covers: string; by: string; note?: string; statement?: string; performed?: string; validUntil?: string }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const r = await submitEvidence(ws, store, {
          control, covers: f.covers, by: f.by, files: files.map((path) => ({ path })), note: f.note, statement: f.statement, performedOn: f.performed, validUntil: f.validUntil,
        });
        if (g.json) return printJson(r);
        const s = r.submission;
        out(`${green('submitted')} ${bold(s.id)} for ${s.control}/${s.covers} by ${s.by}: ${s.files.length} file(s)${s.statement ? ' and a statement' : ''}, performed ${s.performedOn}`);
        for (const file of s.files) out(dim(`  ${file.name} · ${file.mediaType} · ${file.size} bytes · sha256 ${file.sha256.slice(0, 12)}…`));
        out(dim(`ledger entries #${r.seqs.join(', #')} · awaits an approver: fieldwork evidence accept ${s.id} --by NAME (or reject … --reason)`));
      });
    });

  evidence
    .command('list')
    .description('the evidence requests of the report window with owner, due date and status')
    .option('--status <statuses>', `only these statuses (${requestStatuses.join(', ')}), comma-separated`)
    .option('--owner <person>', 'only requests owned by this person (name or email)')
    .option('--control <id>', 'only this control')
    .option('--as-of <date>', 'statuses as of this day (default: today)', dateFlag('--as-of'))
    .action(async (f: { status?: string; owner?: string; control?: string; asOf?: string }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const res = await listRequests(ws, store, { status: statuses(f.status), owner: f.owner, control: f.control, asOf: f.asOf });
        await warnAboutWindow(ws, store, res.window);
        const summary = Object.fromEntries(requestStatuses.map((s) => [s, res.requests.filter((r) => r.status === s).length]));
        if (g.json) return printJson({ ...res, summary });
        out(bold(`${res.requests.length} evidence request(s), window ${res.window.from} to ${res.window.to}, as of ${res.asOf}`) + dim(` · ${requestStatuses.map((s) => `${summary[s]} ${s.replace('_', ' ')}`).join(' · ')}`));
        for (const r of res.requests) out(row(r));
        if (res.requests.some((r) => r.status === 'missing' || r.status === 'overdue' || r.status === 'due_soon')) out(dim(`Submit: fieldwork evidence add CONTROL FILE --covers OCCURRENCE --by PERSON (workspace ${relative(process.cwd(), ws.dir) || '.'})`));
      });
    });

  for (const [name, decision] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    evidence
      .command(`${name} <submission>`)
      .description(`${name} a submission (approvers only); the decision is stored in the evidence ledger`)
      .requiredOption('--by <approver>', 'who decides (an approver named in fieldwork.yaml)')
      [decision === 'rejected' ? 'requiredOption' : 'option']('--reason <text>', decision === 'rejected' ? 'what is wrong, for the owner to fix' : 'a remark for the record')
      .action(async (submission: string, f: { by: string; reason?: string }) => {
        const g = globals();
        await withWorkspace(g, async ({ ws, store }) => {
          const r = await decideSubmission(ws, store, { submission, decision, by: f.by, reason: f.reason });
          if (g.json) return printJson(r);
          out(`${decision === 'accepted' ? green('accepted') : red('rejected')} ${r.decision.submission} (${r.decision.control}/${r.decision.covers}) by ${r.decision.by}${r.decision.reason ? `: ${r.decision.reason}` : ''}`);
          out(dim(`ledger entry #${r.seq}`));
        });
      });
  }

  evidence
    .command('na <control>')
    .description('declare occurrences of a manual control not applicable, with a reason (approvers only)')
    .requiredOption('--covers <occurrences>', 'the occurrences, comma-separated (2026-Q2,2026-Q3)')
    .requiredOption('--reason <text>', 'why the control did not apply then')
    .requiredOption('--by <approver>', 'who decides (an approver named in fieldwork.yaml)')
    .action(async (control: string, f: { covers: string; reason: string; by: string }) => {
      const g = globals();
      await withWorkspace(g, async ({ ws, store }) => {
        const rs = await markNotApplicable(ws, store, { control, covers: f.covers.split(',').map((s) => s.trim()).filter(Boolean), by: f.by, reason: f.reason });
        if (g.json) return printJson(rs);
        for (const r of rs) out(`${dim('not applicable')} ${r.decision.control}/${r.decision.covers} by ${r.decision.by}: ${r.decision.reason} ${dim(`(ledger entry #${r.seq})`)}`);
      });
    });
}
