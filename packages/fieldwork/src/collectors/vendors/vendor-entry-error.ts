import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { z } from 'zod';

export const VENDOR_HINT = 'Each vendor: { name, criticality: critical|high|medium|low, data_access: [...], subservice, soc2: { type, period_from, period_to, bridge_letter_to }, last_review: { date, reviewer, signed }, owner, preset?, cuecs?: [{ id, text, control }] }; other key names are mapped with options.fields.';

/** The path (inside the entry) a zod issue is about, including an unknown key's name. */
export function issuePath(issue: z.core.$ZodIssue): (string | number)[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  return issue.code === 'unrecognized_keys' ? [...path, issue.keys[0]] : path;
}

/** INPUT_INVALID_RECORD for a vendor entry that does not validate. */
export function invalidVendorEntry(file: string, name: string | undefined, issue: z.core.$ZodIssue, where: Where): FieldworkError {
  const path = issuePath(issue).join('.');
  return new FieldworkError('INPUT_INVALID_RECORD', `${file}: vendor ${name ? `"${name}"` : 'entry'}: ${path || 'entry'}: ${issue.message}.`, { where, hint: VENDOR_HINT });
}

/** INPUT_INVALID_RECORD for a vendor listed twice. */
export function duplicateVendor(file: string, name: string, where: Where): FieldworkError {
  return new FieldworkError('INPUT_INVALID_RECORD', `${file}: vendor "${name}" is listed twice.`, { where, hint: 'Keep one entry per vendor; put several products of one vendor in one entry or give them distinct names.' });
}
