import type { RiskEntryInput } from '../collectors/risk-register/risk-register-entry.js';
import { RISK_FORM_FIELDS } from './pages/risk-form-page.js';
import type { RiskFormValues } from './pages/risk-form-page.js';

/** The posted form's fields as strings (files and repeated fields ignored). */
export function riskFormValues(body: Record<string, unknown>): RiskFormValues {
  const out: RiskFormValues = {};
  for (const k of RISK_FORM_FIELDS) {
    const v = body[k];
    if (typeof v === 'string') out[k] = v.trim();
  }
  return out;
}

const num = (v: string | undefined) => (v ? Number(v) : undefined);
const opt = (v: string | undefined) => (v ? v : undefined);

/**
 * A register entry from the form: empty fields left out; a rating with one half empty is passed on
 * as written so validation names it. Validation itself is the writer's (the collector's schema).
 */
export function riskEntryFromForm(v: RiskFormValues): RiskEntryInput {
  const rating = (l: string | undefined, i: string | undefined) => (l || i ? { likelihood: num(l) ?? NaN, impact: num(i) ?? NaN } : undefined);
  const treatment = v.treatment_type
    ? { type: v.treatment_type, plan: opt(v.treatment_plan), owner: opt(v.treatment_owner), due: opt(v.treatment_due), approved_by: opt(v.treatment_approved_by) }
    : undefined;
  return {
    id: v.id ?? '',
    title: v.title ?? '',
    category: v.category as RiskEntryInput['category'],
    description: opt(v.description),
    owner: opt(v.owner),
    inherent: rating(v.inherent_likelihood, v.inherent_impact) ?? { likelihood: NaN, impact: NaN },
    residual: rating(v.residual_likelihood, v.residual_impact),
    treatment: treatment as RiskEntryInput['treatment'],
    controls: (v.controls ?? '').split(/[\s,]+/).map((c) => c.trim()).filter(Boolean),
    created: opt(v.created),
    reviewed: opt(v.reviewed),
    review_months: num(v.review_months),
  };
}
