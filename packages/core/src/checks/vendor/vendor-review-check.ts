import { citationOf, recordsOf } from '../../records/index.js';
import type { VendorReviewRecord } from '../../records/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { addMonths } from '../../time/index.js';
import { isMaterial, vendorKey } from './vendor-keys.js';

/**
 * Every material vendor (critical or high, and every subservice organization) was reviewed
 * within `reviewMonths` of the period end (`vendor.review_overdue`), and its latest review is
 * signed (`vendor.review_unsigned`).
 */
export const vendorReviewCheck: Check = {
  id: 'vendor.review',
  title: 'Material vendors reviewed within twelve months, reviews signed',
  requires: ['vendor'],
  reads: ['vendor', 'vendor_review'],
  run(ctx) {
    const months = Number(ctx.params.reviewMonths ?? 12);
    const levels = Array.isArray(ctx.params.materialCriticalities) ? (ctx.params.materialCriticalities as string[]).map((s) => s.toLowerCase()) : undefined;
    const cutoff = addMonths(ctx.period.to, -months);
    const reviews = new Map<string, VendorReviewRecord[]>();
    for (const r of recordsOf(ctx.records, 'vendor_review')) {
      if (r.reviewedAt > ctx.period.to) continue;
      const k = vendorKey(r.vendor);
      reviews.set(k, [...(reviews.get(k) ?? []), r]);
    }
    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    for (const v of recordsOf(ctx.records, 'vendor').filter((x) => isMaterial(x, levels))) {
      const subject = v.name;
      const list = (reviews.get(vendorKey(v.name)) ?? []).sort((a, b) => (a.reviewedAt < b.reviewedAt ? -1 : 1));
      const latest = list.at(-1);
      const trace: TraceStep[] = [{ label: 'vendor', detail: `${v.criticality}${v.subservice ? ', subservice organization' : ''}${v.owner ? `, owner ${v.owner}` : ''}`, citation: citationOf(v) }];
      if (latest) trace.push({ label: 'latest review', at: latest.reviewedAt, detail: `by ${latest.reviewer ?? 'unknown'}, ${latest.signed ? 'signed' : 'not signed'}`, citation: citationOf(latest) });
      const cites = [citationOf(v), ...(latest ? [citationOf(latest)] : [])];
      if (!latest || latest.reviewedAt < cutoff) {
        exceptions.push({ rule: 'vendor.review_overdue', subject, itemId: subject, citations: cites, ...(latest ? { at: latest.reviewedAt } : {}),
          detail: latest ? `${v.name} was last reviewed on ${latest.reviewedAt}, more than ${months} months before ${ctx.period.to} (due by ${cutoff}).` : `${v.name} (${v.criticality}) has no recorded review.` });
      }
      if (latest && !latest.signed) {
        exceptions.push({ rule: 'vendor.review_unsigned', subject, itemId: subject, at: latest.reviewedAt, citations: cites, detail: `The latest review of ${v.name} (${latest.reviewedAt}${latest.reviewer ? ` by ${latest.reviewer}` : ''}) is not signed.` });
      }
      items.push({ id: subject, subject, ...(latest ? { at: latest.reviewedAt } : {}), trace });
    }
    return {
      populationQuery: `vendor records that are ${(levels ?? ['critical', 'high']).join(' or ')} or subservice organizations; their latest vendor_review on or before ${ctx.period.to}, due within ${months} months (since ${cutoff})`,
      items,
      exceptions,
    };
  },
};
