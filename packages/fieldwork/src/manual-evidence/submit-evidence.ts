/** @module Submitting manual evidence: files and attestation stored as artifacts with ledger entries. */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { FieldworkError, localDate, occurrenceSpan, requestCadenceOf } from '@fieldwork/core';
import type { Control, EvidenceSubmissionRecord, FieldworkRecord, SubmittedFile } from '@fieldwork/core';
import type { StagedFile } from '../evidence/index.js';
import type { FieldworkStore, IngestInput } from '../store/index.js';
import { resolveControls } from '../workspace/index.js';
import type { LoadedWorkspace } from '../workspace/index.js';
import { DEFAULT_MAX_EVIDENCE_BYTES, evidenceMediaType } from './evidence-file-types.js';
import { resolveSubmitter } from './evidence-people.js';

/** The source name manual evidence is recorded under in the ledger and in citations. */
export const MANUAL_EVIDENCE_SOURCE = 'manual-evidence';

/** One evidence file: a path on disk (the CLI) or bytes already in memory (a dashboard upload). */
export type EvidenceFileInput = { path: string; name?: string } | { bytes: Uint8Array; name: string; declaredType?: string };

export interface SubmitEvidenceInput {
  control: string;
  covers: string;
  by: string;
  files: readonly EvidenceFileInput[];
  note?: string;
  statement?: string;
  /** The day the control operated (default: today in the workspace time zone). */
  performedOn?: string;
  validUntil?: string;
  /** Where the submission came from, for the ledger's origin (default: the CLI command). */
  via?: string;
}

export interface SubmitEvidenceResult {
  submission: EvidenceSubmissionRecord;
  /** Ledger entries written: one per file, then the attestation's. */
  seqs: number[];
}

// A real calendar day, as dates in fieldwork.yaml are checked (Date.parse would take 2026-02-30 as 2 March).
const DATE = z.iso.date();
const SNIFF = 4100;

/** The manual control `id` in scope, or USAGE naming why not. */
export function manualControl(ws: LoadedWorkspace, id: string): Control {
  const control = resolveControls(ws.config).find((c) => c.id === id);
  if (!control) throw new FieldworkError('USAGE', `${id} is not a control in scope.`, { hint: '`fieldwork evidence list` shows the manual controls and their requests; `fieldwork catalog controls` lists all.' });
  if (control.check !== null) {
    throw new FieldworkError('USAGE', `${id} is tested automatically (${control.check}); its evidence comes from its sources.`, { hint: 'Submit evidence for manual controls only: `fieldwork evidence list` shows them.' });
  }
  return control;
}

/** The occurrence id `covers` when it is one of the control's cadence; USAGE with an example otherwise. */
export function checkCovers(control: Control, covers: string, today: string): string {
  const cadence = requestCadenceOf(control);
  const span = occurrenceSpan(covers);
  const example = { annual: today.slice(0, 4), quarterly: `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`, monthly: today.slice(0, 7), weekly: `${today.slice(0, 4)}-W01` }[cadence];
  if (!span || span.cadence !== cadence) {
    throw new FieldworkError('USAGE', `--covers ${covers || '(empty)'}: ${control.id} asks for ${cadence} evidence.`, { hint: `Name the ${cadence} occurrence the evidence is for, e.g. --covers ${example}.` });
  }
  return covers;
}

function checkDate(flag: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!DATE.safeParse(v).success) throw new FieldworkError('USAGE', `--${flag} ${JSON.stringify(v)} is not a calendar date.`, { hint: 'Use YYYY-MM-DD with a real month and day, e.g. 2026-03-31.' });
  return v;
}

/** A file name as stored and cited: the last path part, without control characters. */
function cleanName(name: string): string {
  const n = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!n || n === '.' || n === '..') throw new FieldworkError('INPUT_INVALID_RECORD', 'An evidence file has no usable name.', { hint: 'Give the file a name with its extension, e.g. minutes.pdf.' });
  return n.slice(0, 200);
}

async function headOf(f: EvidenceFileInput): Promise<{ name: string; size: number; head: Uint8Array }> {
  if ('bytes' in f) return { name: cleanName(f.name), size: f.bytes.length, head: f.bytes.subarray(0, SNIFF) };
  const st = await stat(f.path).catch(() => undefined);
  if (!st?.isFile()) throw new FieldworkError('INPUT_NOT_FOUND', `${f.path}: no such file.`, { where: { file: f.path }, hint: 'Give the path of the evidence file (a PDF, a screenshot, an export).' });
  const fh = await open(f.path, 'r');
  try {
    const buf = Buffer.alloc(Math.min(SNIFF, st.size));
    await fh.read(buf, 0, buf.length, 0);
    return { name: cleanName(f.name ?? f.path), size: st.size, head: buf };
  } finally {
    await fh.close();
  }
}

/**
 * Submits evidence for one occurrence of a manual control. Everything is checked before anything
 * is written (the control, the occurrence, the person, each file's type and size); then each file
 * and an attestation naming them (who, when, which occurrence, note, statement, validity) are
 * stored as artifacts with ledger entries in one transaction, the attestation carrying the
 * `evidence_submission` record. The submission awaits an approver's decision.
 */
export async function submitEvidence(ws: LoadedWorkspace, store: FieldworkStore, input: SubmitEvidenceInput, now = new Date()): Promise<SubmitEvidenceResult> {
  const control = manualControl(ws, input.control);
  const today = localDate(now, ws.config.timezone);
  const covers = checkCovers(control, input.covers, today);
  const by = resolveSubmitter(ws.config, input.by).name;
  const performedOn = checkDate('performed', input.performedOn) ?? today;
  const validUntil = checkDate('valid-until', input.validUntil);
  if (performedOn > today) throw new FieldworkError('USAGE', `--performed ${performedOn} is in the future.`, { hint: 'Evidence shows a control that already operated: give the day it did.' });
  if (validUntil && validUntil < performedOn) throw new FieldworkError('USAGE', `--valid-until ${validUntil} is before --performed ${performedOn}.`, { hint: 'The evidence is valid from the day it was produced until the day it lapses.' });
  const statement = input.statement?.trim() || undefined;
  if (statement && !control.statementAllowed) {
    throw new FieldworkError('USAGE', `${control.id} needs evidence in a file; a typed statement is not enough for it.`, { hint: 'Attach the document or screenshot that shows the control operating.' });
  }
  if (input.files.length === 0 && !statement) {
    throw new FieldworkError('USAGE', `No evidence given for ${control.id} ${covers}.`, { hint: control.statementAllowed ? 'Attach a file, or type the attestation with --statement.' : 'Attach at least one file (a PDF, a screenshot, an export).' });
  }
  const max = ws.config.evidence?.maxFileBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  const heads = [];
  for (const f of input.files) {
    const h = await headOf(f);
    if (h.size > max) throw new FieldworkError('INPUT_INVALID_RECORD', `${h.name}: ${h.size} bytes is more than the ${max} bytes an evidence file may have.`, { where: { file: h.name }, hint: 'Export a smaller file (fewer pages, a cropped screenshot), or raise evidence.maxFileBytes in fieldwork.yaml.' });
    if (h.size === 0) throw new FieldworkError('INPUT_INVALID_RECORD', `${h.name}: the file is empty.`, { where: { file: h.name }, hint: 'Attach the file with its content.' });
    heads.push({ ...h, mediaType: evidenceMediaType(h.name, h.head, 'bytes' in f ? f.declaredType : undefined) });
  }

  const staged: StagedFile[] = [];
  try {
    const files: SubmittedFile[] = [];
    const inputs: IngestInput[] = [];
    const origin = input.via ?? `fieldwork evidence add ${control.id} --covers ${covers} --by ${by}`;
    for (const [i, f] of input.files.entries()) {
      const s = await store.stage('bytes' in f ? Readable.from([Buffer.from(f.bytes)]) : f.path);
      staged.push(s);
      if (s.size > max) throw new FieldworkError('INPUT_INVALID_RECORD', `${heads[i].name} grew past ${max} bytes while it was read.`, { where: { file: heads[i].name } });
      files.push({ sha256: s.sha256, name: heads[i].name, mediaType: heads[i].mediaType, size: s.size });
      inputs.push({ sha256: s.sha256, size: s.size, name: `evidence/${control.id}/${covers}/${heads[i].name}`, mediaType: heads[i].mediaType, source: MANUAL_EVIDENCE_SOURCE, kind: 'evidence-file', origin, path: s.path, records: none() });
    }
    const at = now.toISOString();
    const attestation = {
      kind: 'fieldwork.evidence-submission/v1', control: control.id, covers, by, at, performedOn,
      ...(input.note?.trim() ? { note: input.note.trim() } : {}), ...(statement ? { statement } : {}), ...(validUntil ? { validUntil } : {}), files,
    };
    const doc = await store.stage(Readable.from([Buffer.from(`${JSON.stringify(attestation, null, 2)}\n`)]));
    staged.push(doc);
    const submission: EvidenceSubmissionRecord = {
      kind: 'evidence_submission', source: MANUAL_EVIDENCE_SOURCE, artifact: doc.sha256, locator: '/', id: `sub-${doc.sha256.slice(0, 12)}`,
      control: control.id, covers, by, at, performedOn, ...(attestation.note ? { note: attestation.note } : {}), files,
      ...(statement ? { statement } : {}), ...(validUntil ? { validUntil } : {}),
    };
    inputs.push({ sha256: doc.sha256, size: doc.size, name: `evidence/${control.id}/${covers}/${submission.id}.json`, mediaType: 'application/json', source: MANUAL_EVIDENCE_SOURCE, kind: 'evidence-submission', origin, path: doc.path, records: one(submission) });
    const results = await store.ingestAll(inputs);
    return { submission, seqs: results.map((r) => r.entry.seq) };
  } finally {
    for (const s of staged) await s.discard();
  }
}

async function* none(): AsyncGenerator<FieldworkRecord> {}

export async function* one(r: FieldworkRecord): AsyncGenerator<FieldworkRecord> {
  yield r;
}
