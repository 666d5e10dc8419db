import { z } from 'zod';

/** Options of the `vendors-yaml` and `vendors-csv` sources (none yet; reserved so typos are caught). */
export const vendorsOptionsSchema = z.object({}).strict();
export type VendorsOptions = z.infer<typeof vendorsOptionsSchema>;

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
    type: z.union([z.string(), z.number()]),
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

/** CSV columns (one row per vendor). Only name and criticality are required. */
export const VENDOR_CSV_REQUIRED = ['name', 'criticality'];
