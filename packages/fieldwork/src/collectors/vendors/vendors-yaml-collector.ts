import { FieldworkError } from '@fieldwork/core';
import type { FieldworkRecord } from '@fieldwork/core';
import type { Collector } from '../collector.js';
import { duplicateVendor, invalidVendorEntry, issuePath, VENDOR_HINT } from './vendor-entry-error.js';
import { vendorEntrySchema, vendorsOptionsSchema } from './vendors-config.js';
import type { VendorsOptions } from './vendors-config.js';
import { mapVendorEntry } from './vendors-mapper.js';
import { readYamlDocument } from './yaml-document.js';

/** The vendor inventory kept in git as YAML: vendors, their reviews, and CUECs (model-provider presets included). */
export const vendorsYamlCollector: Collector<VendorsOptions> = {
  kind: 'vendors-yaml',
  snapshotKinds: ['vendor', 'vendor_review', 'cuec'],
  description: 'Vendor inventory (YAML: vendors with criticality, SOC 2 period, bridge letter, last review, CUECs; model-provider presets)',
  options: vendorsOptionsSchema,
  mediaType: 'application/yaml',
  async *parse(input, _options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const doc = await readYamlDocument(input);
    const root = doc.value as { vendors?: unknown } | null;
    if (!root || typeof root !== 'object' || Array.isArray(root) || !Array.isArray(root.vendors)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no "vendors:" list.`, { where: { file, line: 1, pointer: '/vendors' }, hint: VENDOR_HINT });
    }
    const names = new Set<string>();
    for (const [i, raw] of root.vendors.entries()) {
      const at = (path: (string | number)[]) => ({ file, line: doc.lineOf(['vendors', i, ...path]) ?? 1, pointer: `/vendors/${[i, ...path].join('/')}` });
      const name = raw && typeof raw === 'object' && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : undefined;
      const parsed = vendorEntrySchema.safeParse(raw);
      if (!parsed.success) throw invalidVendorEntry(file, name, parsed.error.issues[0], at(issuePath(parsed.error.issues[0])));
      const key = parsed.data.name.trim().toLowerCase();
      if (names.has(key)) throw duplicateVendor(file, parsed.data.name, at(['name']));
      names.add(key);
      const line = (path: (string | number)[]) => `line ${doc.lineOf(['vendors', i, ...path]) ?? 1}`;
      yield* mapVendorEntry(parsed.data, {
        vendor: ctx.cite(line([])),
        review: ctx.cite(line(['last_review'])),
        cuec: (j) => ctx.cite(line(['cuecs', j])),
        where: at,
      });
    }
  },
};
