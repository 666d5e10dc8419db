import { z } from 'zod';
import { fieldMappingSchema } from '../input/index.js';
import type { FieldAliases } from '../input/index.js';

/**
 * The fields of a vendor entry (YAML keys, CSV columns) and the other names accepted for each,
 * compared without case, spaces, underscores or hyphens. A field inside `soc2` or `last_review`
 * may also be a flat key or column (`soc2_type`, `Period end`, `Bridge letter`).
 */
export const VENDOR_FIELDS: FieldAliases = {
  name: ['vendor', 'vendor name', 'supplier', 'company'],
  preset: ['subservice preset'],
  criticality: ['risk', 'risk level', 'risk tier', 'tier', 'vendor tier'],
  data_access: ['data', 'data accessed', 'data shared', 'data types', 'data categories'],
  subservice: ['subservice organization', 'subservice org', 'is subservice'],
  soc2: ['soc2 report', 'soc report'],
  'soc2.type': ['soc2 report type', 'soc 2 type', 'report type', 'soc type', 'soc2'],
  'soc2.period_from': ['soc2 period start', 'report period start', 'audit period start', 'period start', 'period from'],
  'soc2.period_to': ['soc2 period end', 'report period end', 'audit period end', 'period end', 'period to'],
  'soc2.bridge_letter_to': ['bridge letter', 'bridge letter to', 'bridge letter through', 'bridge letter end', 'bridge letter date', 'gap letter'],
  last_review: ['review', 'latest review'],
  'last_review.date': ['last review', 'last reviewed', 'reviewed at', 'review date'],
  'last_review.reviewer': ['reviewer', 'reviewed by'],
  'last_review.signed': ['signed', 'signed off', 'sign off'],
  'last_review.notes': ['review notes'],
  owner: ['vendor owner', 'business owner', 'internal owner'],
  cuecs: ['complementary user entity controls'],
};

/** Options of the `vendors-yaml` source: `fields` maps our field names to the file's keys. */
export const vendorsYamlOptionsSchema = z.object({
  /** Our field (e.g. `soc2.type`) → the key your file uses for it; wins over the accepted names. */
  fields: fieldMappingSchema(VENDOR_FIELDS).default({}),
}).strict();
export type VendorsYamlOptions = z.infer<typeof vendorsYamlOptionsSchema>;

/** Options of the `vendors-csv` source: `columns` maps our field names to the sheet's column titles. */
export const vendorsCsvOptionsSchema = z.object({
  /** Our field (e.g. `soc2.period_to`) → your column title; wins over the accepted names. */
  columns: fieldMappingSchema(VENDOR_FIELDS).default({}),
}).strict();
export type VendorsCsvOptions = z.infer<typeof vendorsCsvOptionsSchema>;

const yesNo = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(s)) return true;
  if (['false', 'no', 'n', '0'].includes(s)) return false;
  return v;
}, z.boolean());

const dateText = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string().min(1));

const criticality = z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), z.enum(['critical', 'high', 'medium', 'low']));

/** A CUEC in the inventory: a new one (id + text + control) or an override of a preset's (id + what changes). */
export const cuecEntrySchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1).optional(),
  /** Our control id; `null` records that nothing of ours meets it yet. */
  control: z.string().regex(/^[A-Z]{2,4}-\d{2}$/, 'expected a control id such as AGT-02').nullable().optional(),
}).strict();
export type CuecEntry = z.infer<typeof cuecEntrySchema>;

/** One vendor of the inventory (the YAML shape; CSV rows are turned into it). */
export const vendorEntrySchema = z.object({
  name: z.string().min(1),
  /** A preloaded subservice organization (openai, anthropic, google-ai, aws-bedrock), or `none`. */
  preset: z.string().min(1).optional(),
  criticality,
  data_access: z.array(z.string().min(1)).default([]),
  subservice: yesNo.optional(),
  soc2: z.object({
    type: z.union([z.string(), z.number()]).optional(),
    period_from: dateText.optional(),
    period_to: dateText.optional(),
    bridge_letter_to: dateText.optional(),
  }).strict().optional(),
  last_review: z.object({
    date: dateText,
    reviewer: z.string().min(1).optional(),
    signed: yesNo,
    notes: z.string().optional(),
  }).strict().optional(),
  owner: z.string().min(1).optional(),
  cuecs: z.array(cuecEntrySchema).optional(),
}).strict();
export type VendorEntry = z.infer<typeof vendorEntrySchema>;

/** Fields every CSV row needs a column for (under any accepted name). */
export const VENDOR_CSV_REQUIRED = ['name', 'criticality'];
