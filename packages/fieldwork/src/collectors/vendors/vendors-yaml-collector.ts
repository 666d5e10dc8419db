import { FieldworkError } from '@fieldwork/core/errors';
import type { FieldworkRecord } from '@fieldwork/core/records';
import type { Collector } from '../collector.js';
import { inputPath } from '../input/index.js';
import { duplicateVendor, invalidVendorEntry, issuePath, VENDOR_HINT } from './vendor-entry-error.js';
import { readVendorEntry, vendorMapping } from './vendor-entry.js';
import { vendorEntrySchema, vendorsYamlOptionsSchema } from './vendors-config.js';
import type { VendorsYamlOptions } from './vendors-config.js';
import { mapVendorEntry } from './vendors-mapper.js';
import { readYamlDocument } from './yaml-document.js';

/** The vendor inventory kept in git as YAML: vendors, their reviews, and CUECs (model-provider presets included). */
export const vendorsYamlCollector: Collector<VendorsYamlOptions> = {
  kind: 'vendors-yaml',
  snapshotKinds: ['vendor', 'vendor_review', 'cuec'],
  description: 'Vendor inventory (YAML: vendors with criticality, SOC 2 period, bridge letter, last review, CUECs; model-provider presets; other key names through options.fields)',
  options: vendorsYamlOptionsSchema,
  mappingOption: 'fields',
  mediaType: 'application/yaml',
  async *parse(input, options, ctx): AsyncGenerator<FieldworkRecord> {
    const file = input.displayName;
    const doc = await readYamlDocument(input);
    const root = doc.value as { vendors?: unknown } | null;
    if (!root || typeof root !== 'object' || Array.isArray(root) || !Array.isArray(root.vendors)) {
      throw new FieldworkError('INPUT_WRONG_FORMAT', `${file} has no "vendors:" list.`, { where: { file, line: 1, pointer: '/vendors' }, hint: VENDOR_HINT });
    }
    for (const key of Object.keys(root).filter((k) => k !== 'vendors')) ctx.ignore?.(key, `line ${doc.lineOf([key]) ?? 1}`);
    const mapping = vendorMapping(options.fields);
    const names = new Set<string>();
    for (const [i, raw] of root.vendors.entries()) {
      const mapped = raw && typeof raw === 'object' && !Array.isArray(raw) ? readVendorEntry(mapping, raw as Record<string, unknown>, false) : undefined;
      const keys = (path: (string | number)[]) => ['vendors', i, ...(mapped ? inputPath(mapped, path) : path)];
      const at = (path: (string | number)[]) => ({ file, line: doc.lineOf(keys(path)) ?? 1, pointer: `/${keys(path).join('/')}` });
      for (const f of mapped?.ignored ?? []) ctx.ignore?.(f, `line ${doc.lineOf(['vendors', i, ...f.split('.')]) ?? 1}`);
      const value = mapped?.value ?? raw;
      const name = typeof mapped?.value.name === 'string' ? mapped.value.name : undefined;
      const parsed = vendorEntrySchema.safeParse(value);
      if (!parsed.success) throw invalidVendorEntry(file, name, parsed.error.issues[0], at(issuePath(parsed.error.issues[0])));
      const key = parsed.data.name.trim().toLowerCase();
      if (names.has(key)) throw duplicateVendor(file, parsed.data.name, at(['name']));
      names.add(key);
      const line = (path: (string | number)[]) => `line ${doc.lineOf(keys(path)) ?? 1}`;
      yield* mapVendorEntry(parsed.data, {
        vendor: ctx.cite(line([])),
        review: ctx.cite(line(['last_review'])),
        cuec: (j) => ctx.cite(line(['cuecs', j])),
        where: at,
      });
    }
  },
};
