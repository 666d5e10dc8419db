import { FieldworkError } from '@fieldwork/core/errors';
import type { Where } from '@fieldwork/core/errors';
import type { CuecRecord, FieldworkRecord, VendorRecord, VendorReviewRecord } from '@fieldwork/core/records';
import { presetFor } from '../../vendors/subservice-presets.js';
import { normalizeDate } from '../input/index.js';
import type { VendorEntry } from './vendors-config.js';

type Cite = { source: string; artifact: string; locator: string };

/** Where parts of an entry sit, as record locators and error places. */
export interface EntryPlaces {
  vendor: Cite;
  review: Cite;
  /** The locator of the i-th `cuecs` entry. */
  cuec(i: number): Cite;
  where(path: (string | number)[]): { file: string; line?: number; pointer?: string };
}

/** `Type II` / `Type I` from the ways people write it (2, "II", "type 2", "Type II"). */
export function soc2Type(value: string | number, where: Where): string {
  const s = String(value).trim().toLowerCase().replace(/^soc\s*2\s*/, '').replace(/^type[\s_-]*/, '');
  if (s === '2' || s === 'ii') return 'Type II';
  if (s === '1' || s === 'i') return 'Type I';
  throw new FieldworkError('INPUT_INVALID_RECORD', `${where.file}: soc2.type "${value}" is not a SOC 2 report type.`, {
    where, hint: 'Write type: Type II (or Type I). For a vendor without a SOC 2 report, leave soc2 out.',
  });
}

/**
 * The records of one inventory entry: the vendor, its latest review, and its CUECs — the
 * preset's (for model providers) merged with the entry's own by id, the entry winning.
 */
export function mapVendorEntry(e: VendorEntry, places: EntryPlaces): FieldworkRecord[] {
  let preset;
  try {
    preset = presetFor(e.name, e.preset);
  } catch (err) {
    throw new FieldworkError('INPUT_INVALID_RECORD', `${places.where(['preset']).file}: vendor "${e.name}": ${(err as Error).message}.`, {
      where: places.where(['preset']), hint: 'Use one of the preset ids, or preset: none for a vendor that only shares a name with one.',
    });
  }
  const date = (v: string | undefined, path: (string | number)[]) => normalizeDate(v, places.where(path), path.join('.'));
  const soc2 = e.soc2;
  const vendor: VendorRecord = {
    kind: 'vendor',
    ...places.vendor,
    name: e.name,
    criticality: e.criticality,
    dataAccess: e.data_access,
    subservice: e.subservice ?? !!preset,
    ...(soc2?.type !== undefined ? { soc2Type: soc2Type(soc2.type, places.where(['soc2', 'type'])) } : {}),
    ...(soc2?.period_from ? { reportPeriodFrom: date(soc2.period_from, ['soc2', 'period_from']) } : {}),
    ...(soc2?.period_to ? { reportPeriodTo: date(soc2.period_to, ['soc2', 'period_to']) } : {}),
    ...(soc2?.bridge_letter_to ? { bridgeLetterTo: date(soc2.bridge_letter_to, ['soc2', 'bridge_letter_to']) } : {}),
    ...(e.owner ? { owner: e.owner } : {}),
  };
  const out: FieldworkRecord[] = [vendor];
  if (e.last_review) {
    const review: VendorReviewRecord = {
      kind: 'vendor_review',
      ...places.review,
      vendor: e.name,
      reviewedAt: date(e.last_review.date, ['last_review', 'date'])!,
      ...(e.last_review.reviewer ? { reviewer: e.last_review.reviewer } : {}),
      signed: e.last_review.signed,
      ...(e.last_review.notes ? { notes: e.last_review.notes } : {}),
    };
    out.push(review);
  }
  const own = new Map((e.cuecs ?? []).map((c, i) => [c.id, { c, i }]));
  for (const p of preset?.cuecs ?? []) {
    const o = own.get(p.id);
    own.delete(p.id);
    const control = o && o.c.control !== undefined ? o.c.control : p.control;
    const cite = o ? places.cuec(o.i) : { ...places.vendor, locator: `${places.vendor.locator}#preset:${preset!.id}/${p.id}` };
    out.push(cuec(e.name, p.id, o?.c.text ?? p.text, control, cite));
  }
  for (const { c, i } of own.values()) {
    if (!c.text) {
      throw new FieldworkError('INPUT_INVALID_RECORD', `${places.where(['cuecs', i]).file}: CUEC ${c.id} of "${e.name}" has no text.`, {
        where: places.where(['cuecs', i]),
        hint: preset ? `Only the preset's ids (${preset.cuecs.map((x) => x.id).join(', ')}) may omit text; a new CUEC needs text and control.` : 'A CUEC needs id, text and the control of ours that meets it (control).',
      });
    }
    out.push(cuec(e.name, c.id, c.text, c.control ?? null, places.cuec(i)));
  }
  return out;
}

function cuec(vendor: string, id: string, text: string, control: string | null, cite: Cite): CuecRecord {
  return { kind: 'cuec', ...cite, vendor, id, text, ...(control ? { mappedControl: control } : {}) };
}
