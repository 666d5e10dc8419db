import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collector.js';
import { col, iterateCsvRows } from '../input/index.js';
import { duplicateVendor, invalidVendorEntry, issuePath } from './vendor-entry-error.js';
import { VENDOR_CSV_REQUIRED, vendorEntrySchema, vendorsOptionsSchema } from './vendors-config.js';
import type { VendorsOptions } from './vendors-config.js';
import { mapVendorEntry } from './vendors-mapper.js';

/** Turns a flat CSV row into the YAML entry shape, leaving validation to the shared schema. */
function entryOf(row: Record<string, string>): Record<string, unknown> {
  const pick = (...names: string[]) => col(row, ...names);
  const soc2Type = pick('soc2_type', 'soc2 type');
  const reviewDate = pick('last_review_date', 'last_review', 'reviewed_at');
  const access = pick('data_access', 'data access');
  const e: Record<string, unknown> = {
    name: pick('name', 'vendor'),
    criticality: pick('criticality'),
    data_access: access ? access.split(/[;|,]/).map((s) => s.trim()).filter(Boolean) : [],
    ...(pick('subservice') !== undefined ? { subservice: pick('subservice') } : {}),
    ...(pick('preset') ? { preset: pick('preset') } : {}),
    ...(pick('owner') ? { owner: pick('owner') } : {}),
  };
  if (soc2Type) {
    e.soc2 = Object.fromEntries(Object.entries({
      type: soc2Type, period_from: pick('soc2_period_from'), period_to: pick('soc2_period_to'), bridge_letter_to: pick('bridge_letter_to', 'soc2_bridge_letter_to'),
    }).filter(([, v]) => v !== undefined));
  }
  if (reviewDate) {
    e.last_review = Object.fromEntries(Object.entries({
      date: reviewDate, reviewer: pick('last_review_reviewer', 'reviewer'), signed: pick('last_review_signed', 'signed') ?? 'no',
    }).filter(([, v]) => v !== undefined));
  }
  return e;
}

/** CSV column of each entry field, for error places. */
const COLUMN: Record<string, string> = {
  'soc2.type': 'soc2_type', 'soc2.period_from': 'soc2_period_from', 'soc2.period_to': 'soc2_period_to', 'soc2.bridge_letter_to': 'bridge_letter_to',
  'last_review.date': 'last_review_date', 'last_review.reviewer': 'last_review_reviewer', 'last_review.signed': 'last_review_signed',
};

/** The vendor inventory as a spreadsheet export: one row per vendor with flat columns. */
export const vendorsCsvCollector: Collector<VendorsOptions> = {
  kind: 'vendors-csv',
  snapshotKinds: ['vendor', 'vendor_review', 'cuec'],
  description: 'Vendor inventory (CSV: name, criticality, data_access, subservice, preset, soc2_type, soc2_period_from/to, bridge_letter_to, last_review_date/reviewer/signed, owner)',
  options: vendorsOptionsSchema,
  mediaType: 'text/csv',
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const names = new Set<string>();
    for await (const { row, line } of iterateCsvRows(input, VENDOR_CSV_REQUIRED)) {
      const raw = entryOf(row);
      const at = (path: (string | number)[]) => {
        const field = path.filter((p) => typeof p === 'string').join('.');
        return { file, line, pointer: `/${COLUMN[field] ?? field.split('.')[0]}` };
      };
      const parsed = vendorEntrySchema.safeParse(raw);
      if (!parsed.success) throw invalidVendorEntry(file, typeof raw.name === 'string' ? raw.name : undefined, parsed.error.issues[0], at(issuePath(parsed.error.issues[0])));
      const key = parsed.data.name.trim().toLowerCase();
      if (names.has(key)) throw duplicateVendor(file, parsed.data.name, at(['name']));
      names.add(key);
      const cite = ctx.cite(`line ${line}`);
      yield* mapVendorEntry(parsed.data, { vendor: cite, review: cite, cuec: () => cite, where: at });
    }
  },
};
