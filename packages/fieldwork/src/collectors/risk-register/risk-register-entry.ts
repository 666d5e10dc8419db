import { RISK_CATEGORIES, RISK_TREATMENTS } from '@fieldwork/core/records';
import { z } from 'zod';

const text = z.union([z.string(), z.number()]).transform((v) => String(v).trim()).pipe(z.string().min(1));
const optionalText = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim()));
/** YAML 1.1 readers turn unquoted dates into Dates; accept both, keep the calendar date. */
const date = z.union([z.iso.date(), z.date().transform((d) => d.toISOString().slice(0, 10))]);

const rating = z.object({
  likelihood: z.number().int().positive(),
  impact: z.number().int().positive(),
}).strict();

/**
 * One entry of `risks:` in `risks.yaml` (snake_case, as documented in docs/risk-register.md).
 * The JSON Schema written beside the file (`risks.schema.json`) is generated from this.
 */
export const riskEntrySchema = z.object({
  id: text.describe('Stable id, e.g. R-07; evidence and the dashboard refer to it.'),
  title: text,
  category: z.enum(RISK_CATEGORIES).describe('Agent categories (prompt-injection, tool-misuse, cross-tenant-leakage, model-drift, provider-outage) must link to a control with an automated check.'),
  description: optionalText,
  owner: optionalText.describe('Who answers for the risk (an email).'),
  inherent: rating.describe('Before controls: likelihood and impact on the workspace scale (fieldwork.yaml risks.scale).'),
  residual: rating.optional().describe('After controls; absent → taken as the inherent rating.'),
  treatment: z.object({
    type: z.enum(RISK_TREATMENTS),
    plan: optionalText,
    owner: optionalText,
    due: date.optional(),
    approved_by: optionalText.describe('Who accepted the risk (required for accept).'),
  }).loose().optional(),
  controls: z.array(text).default([]).describe('Control ids (GOV-04, AGT-03…) that treat the risk.'),
  created: date.optional().describe('When the risk was added; a risk never reviewed is due one cadence after this.'),
  reviewed: date.optional().describe('Date of the last review.'),
  review_months: z.number().int().positive().optional().describe('Review cadence of this risk; default fieldwork.yaml risks.reviewMonths.'),
}).loose();

/** Keys of an entry and of its treatment that Fieldwork reads; others are named in a warning. */
export const RISK_ENTRY_KEYS = new Set(Object.keys(riskEntrySchema.shape));
export const RISK_TREATMENT_KEYS = new Set(['type', 'plan', 'owner', 'due', 'approved_by']);
export type RiskEntry = z.infer<typeof riskEntrySchema>;
export type RiskEntryInput = z.input<typeof riskEntrySchema>;

/** The whole file: `risks:` and nothing Fieldwork does not read (other keys are warned about). */
export const riskRegisterFileSchema = z.object({
  $schema: z.string().optional(),
  risks: z.array(riskEntrySchema),
});

/** The JSON Schema of risks.yaml, for editor completion. */
export function riskRegisterJsonSchema(): unknown {
  return z.toJSONSchema(riskRegisterFileSchema, { io: 'input', unrepresentable: 'any' });
}
