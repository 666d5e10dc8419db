import { FieldMapping } from '../input/index.js';
import type { MappedEntry } from '../input/index.js';
import { VENDOR_FIELDS } from './vendors-config.js';

/** A list written as one cell or string: `prompts; completions`, `a|b`, `a, b`. */
function splitList(v: unknown): unknown {
  return typeof v === 'string' ? v.split(/[;|,]/).map((s) => s.trim()).filter(Boolean) : v;
}

/** Drops empty cells (a column present but blank in this row), and groups left empty. */
function dropBlanks(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === '' || v === undefined) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      const inner = dropBlanks(v as Record<string, unknown>);
      if (Object.keys(inner).length) out[k] = inner;
    } else out[k] = v;
  }
  return out;
}

/**
 * Reads one vendor entry (a YAML map or a CSV row) through the vendor field mapping into the
 * inventory shape the schema validates. In a sheet, a review needs its date (a row with a blank
 * review date has no review) and an unmarked sign-off counts as not signed.
 */
export function readVendorEntry(mapping: FieldMapping, raw: Record<string, unknown>, sheet: boolean): MappedEntry {
  const mapped = mapping.read(raw);
  const v = sheet ? dropBlanks(mapped.value) : mapped.value;
  if ('data_access' in v) v.data_access = splitList(v.data_access);
  const review = v.last_review as Record<string, unknown> | undefined;
  if (sheet && review) {
    if (review.date === undefined) delete v.last_review;
    else review.signed ??= 'no';
  }
  return { ...mapped, value: v };
}

/** The vendor mapping with a source's own names (`options.columns` or `options.fields`) winning. */
export function vendorMapping(user: Record<string, string>): FieldMapping {
  return new FieldMapping(VENDOR_FIELDS, user);
}
