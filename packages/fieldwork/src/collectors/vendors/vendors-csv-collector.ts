import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { inputPath, iterateCsvRows, readCsvHeader } from '../input/index.js';
import { duplicateVendor, invalidVendorEntry, issuePath } from './vendor-entry-error.js';
import { readVendorEntry, vendorMapping } from './vendor-entry.js';
import { VENDOR_CSV_REQUIRED, VENDOR_FIELDS, vendorEntrySchema, vendorsCsvOptionsSchema } from './vendors-config.js';
import type { VendorsCsvOptions } from './vendors-config.js';
import { mapVendorEntry } from './vendors-mapper.js';

/** The vendor inventory as a spreadsheet export: one row per vendor with flat columns. */
export const vendorsCsvCollector: Collector<VendorsCsvOptions> = {
  kind: 'vendors-csv',
  snapshotKinds: ['vendor', 'vendor_review', 'cuec'],
  description: 'Vendor inventory (CSV: name, criticality, data_access, subservice, preset, soc2_type, soc2_period_from/to, bridge_letter_to, last_review_date/reviewer/signed, owner; other titles through options.columns)',
  options: vendorsCsvOptionsSchema,
  mappingOption: 'columns',
  mediaType: 'text/csv',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const header = await readCsvHeader(input);
    if (header.every((h) => h === '')) {
      throw new FieldworkError('INPUT_MALFORMED', `${file} is empty.`, { where: { file }, hint: 'Export the inventory again; an empty file is not evidence (a header line alone is a valid empty inventory).' });
    }
    const mapping = vendorMapping(options.columns);
    const columns = mapping.read(Object.fromEntries(header.map((h) => [h, 'x'])));
    const unmapped = mapping.unusedUserMappings(header);
    const missing = VENDOR_CSV_REQUIRED.filter((f) => !(f in columns.value));
    if (unmapped.length > 0 || missing.length > 0) {
      const what = [...unmapped.map(([f, t]) => `"${t}" (options.columns.${f})`), ...missing.filter((f) => !unmapped.some(([u]) => u === f)).map((f) => `for ${f} (${mapping.namesOf(f).join(', ')})`)];
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no column ${what.join(', ')}.`, {
        where: { file, line: 1 },
        hint: `The header has: ${header.slice(0, 20).join(', ')}${header.length > 20 ? ', …' : ''}. Name the columns in options.columns (e.g. columns: { name: Supplier, criticality: Risk tier }), or export the right file. Fields: ${Object.keys(VENDOR_FIELDS).join(', ')}.`,
      });
    }
    // A column without a title is named by its position, so it is not reported as "".
    for (const c of columns.ignored.flatMap((t) => (t === '' ? header.flatMap((h, i) => (h === '' ? [`column ${i + 1} (no title)`] : [])) : [t]))) ctx.ignore?.(c, 'line 1');
    const names = new Set<string>();
    for await (const { row, line } of iterateCsvRows(input)) {
      const mapped = readVendorEntry(mapping, row, true);
      const raw = mapped.value;
      const at = (path: (string | number)[]) => ({ file, line, pointer: `/${inputPath(mapped, path.filter((p) => typeof p === 'string')).join('/')}` });
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
