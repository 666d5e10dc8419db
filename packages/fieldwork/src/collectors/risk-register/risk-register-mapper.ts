import type { RiskRecord } from '@fieldwork/core/records';
import type { RiskEntry } from './risk-register-entry.js';

/** Maps a validated `risks:` entry to a `risk` record. */
export function mapRisk(e: RiskEntry, cite: { source: string; artifact: string; locator: string }): RiskRecord {
  const t = e.treatment;
  return {
    kind: 'risk',
    ...cite,
    id: e.id,
    title: e.title,
    category: e.category,
    ...(e.description ? { description: e.description } : {}),
    ...(e.owner ? { owner: e.owner } : {}),
    inherent: e.inherent,
    ...(e.residual ? { residual: e.residual } : {}),
    ...(t ? {
      treatment: {
        type: t.type,
        ...(t.plan ? { plan: t.plan } : {}),
        ...(t.owner ? { owner: t.owner } : {}),
        ...(t.due ? { due: t.due } : {}),
        ...(t.approved_by ? { approvedBy: t.approved_by } : {}),
      },
    } : {}),
    controls: e.controls,
    ...(e.created ? { createdOn: e.created } : {}),
    ...(e.reviewed ? { reviewedOn: e.reviewed } : {}),
    ...(e.review_months ? { reviewMonths: e.review_months } : {}),
  };
}
