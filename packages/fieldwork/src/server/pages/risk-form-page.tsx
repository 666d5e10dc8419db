import { RISK_CATEGORIES, RISK_TREATMENTS } from '@fieldwork/core';
import type { RiskRecord, RisksSection } from '@fieldwork/core';
import { Layout } from './layout.js';
import type { Frame } from './layout.js';

/** The form's fields, as posted (all strings). */
export type RiskFormValues = Partial<Record<typeof RISK_FORM_FIELDS[number], string>>;
export const RISK_FORM_FIELDS = [
  'id', 'title', 'category', 'description', 'owner', 'inherent_likelihood', 'inherent_impact', 'residual_likelihood', 'residual_impact',
  'treatment_type', 'treatment_plan', 'treatment_owner', 'treatment_due', 'treatment_approved_by', 'controls', 'created', 'reviewed', 'review_months',
] as const;

/** The form values of a collected risk. */
export function formValuesOf(r: RiskRecord): RiskFormValues {
  const s = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  return {
    id: r.id, title: r.title, category: r.category, description: s(r.description), owner: s(r.owner),
    inherent_likelihood: s(r.inherent.likelihood), inherent_impact: s(r.inherent.impact),
    residual_likelihood: s(r.residual?.likelihood), residual_impact: s(r.residual?.impact),
    treatment_type: s(r.treatment?.type), treatment_plan: s(r.treatment?.plan), treatment_owner: s(r.treatment?.owner),
    treatment_due: s(r.treatment?.due), treatment_approved_by: s(r.treatment?.approvedBy),
    controls: r.controls.join(', '), created: s(r.createdOn), reviewed: s(r.reviewedOn), review_months: s(r.reviewMonths),
  };
}

function Field(p: { name: string; label: string; values: RiskFormValues; type?: string; min?: number; max?: number; required?: boolean; hint?: string }) {
  return (
    <>
      <label for={p.name}>{p.label}</label>
      <input id={p.name} name={p.name} type={p.type ?? 'text'} value={p.values[p.name as keyof RiskFormValues] ?? ''} min={p.min} max={p.max} required={p.required} size={p.type === 'number' ? 4 : 60} />
      {p.hint ? <div class="muted">{p.hint}</div> : null}
    </>
  );
}

/** Edit (or add) one risk; the post writes risks.yaml and re-collects the register. */
export function RiskFormPage(d: { frame: Frame; mode: 'edit' | 'add'; values: RiskFormValues; section: RisksSection; error?: string }) {
  const v = d.values;
  const { likelihood: L, impact: I } = d.section.scale;
  const action = d.mode === 'edit' ? `/risks/${encodeURIComponent(v.id ?? '')}` : '/risks';
  return (
    <Layout frame={d.frame} title={d.mode === 'edit' ? `Edit ${v.id}` : 'Add a risk'}>
      <h1>{d.mode === 'edit' ? `Edit risk ${v.id}` : 'Add a risk'}</h1>
      {d.error ? <p class="notice bad" role="alert">{d.error}</p> : null}
      <form class="risk" method="post" action={action}>
        {d.mode === 'add' ? <Field name="id" label="Id" values={v} required hint="Stable id, e.g. R-21." /> : <input type="hidden" name="id" value={v.id} />}
        <Field name="title" label="Risk" values={v} required />
        <label for="category">Category</label>
        <select id="category" name="category">
          {RISK_CATEGORIES.map((c) => <option value={c} selected={v.category === c}>{c}</option>)}
        </select>
        <Field name="description" label="Description" values={v} />
        <Field name="owner" label="Owner (email)" values={v} />
        <fieldset><legend>Inherent (before controls)</legend>
          <Field name="inherent_likelihood" label={`Likelihood (1–${L})`} type="number" min={1} max={L} values={v} required />
          <Field name="inherent_impact" label={`Impact (1–${I})`} type="number" min={1} max={I} values={v} required />
        </fieldset>
        <fieldset><legend>Residual (after controls; leave empty to take the inherent rating)</legend>
          <Field name="residual_likelihood" label={`Likelihood (1–${L})`} type="number" min={1} max={L} values={v} />
          <Field name="residual_impact" label={`Impact (1–${I})`} type="number" min={1} max={I} values={v} />
        </fieldset>
        <fieldset><legend>Treatment</legend>
          <label for="treatment_type">Type</label>
          <select id="treatment_type" name="treatment_type">
            <option value="" selected={!v.treatment_type}>none</option>
            {RISK_TREATMENTS.map((t) => <option value={t} selected={v.treatment_type === t}>{t}</option>)}
          </select>
          <Field name="treatment_plan" label="Plan" values={v} />
          <Field name="treatment_owner" label="Owner" values={v} />
          <Field name="treatment_due" label="Due" type="date" values={v} />
          <Field name="treatment_approved_by" label="Accepted by (for accept)" values={v} />
        </fieldset>
        <Field name="controls" label="Controls" values={v} hint="Control ids separated by commas, e.g. AGT-04, CHG-01." />
        <Field name="created" label="Created" type="date" values={v} />
        <Field name="reviewed" label="Last reviewed" type="date" values={v} />
        <Field name="review_months" label="Review every (months)" type="number" min={1} values={v} hint={`Empty: every ${d.section.reviewMonths} months (fieldwork.yaml risks.reviewMonths).`} />
        <p class="actions"><button type="submit" class="primary">Save to the register</button> <a href="/risks">Cancel</a></p>
      </form>
    </Layout>
  );
}
