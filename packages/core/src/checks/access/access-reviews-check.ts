import { z } from 'zod';
import { citationOf, recordsOf } from '../../records/index.js';
import type { Citation } from '../../records/index.js';
import { localDate, quartersOverlapping } from '../../time/index.js';
import type { Check, CheckException, PopulationItem, TraceStep } from '../check.js';
import { norm, slug } from './identity-keys.js';

/** Systems expected to be reviewed when the workspace names none. */
export const DEFAULT_SYSTEMS = ['okta', 'github', 'aws'];

const scopeSchema = z.object({ scope: z.object({ systems: z.array(z.string()).optional() }).loose().optional() }).loose();

/** The in-scope systems of the workspace (`scope.systems`), or the default three. */
export function inScopeSystems(workspace: unknown): string[] {
  const parsed = scopeSchema.safeParse(workspace);
  const systems = parsed.success ? parsed.data.scope?.systems ?? [] : [];
  return systems.length > 0 ? systems : DEFAULT_SYSTEMS;
}

/** True when a review's system names the in-scope system (`AWS` or `aws-prod` for `aws`). */
export function sameSystem(reviewed: string, system: string): boolean {
  const a = slug(reviewed);
  const b = slug(system);
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

interface Review {
  system: string;
  day: string;
  at: string;
  who: string;
  key: string;
  citation: Citation;
}

const REVIEW_TICKET = /access[\s_-]*review|user[\s_-]*access[\s_-]*review|\buar\b/i;

/**
 * Each in-scope system had a user access review completed in every calendar quarter that
 * overlaps the period (judged once the quarter has ended by the evidence date). Reviews come
 * from `access_review` records, or from tickets of an access-review type whose label
 * `system:<name>` or summary names the system; a re-requested review counts when it completes.
 */
export const accessReviewsCheck: Check = {
  id: 'access.reviews',
  title: 'Quarterly user access reviews for in-scope systems',
  requires: [],
  reads: ['access_review', 'ticket'],
  requiresAny: ['access_review', 'ticket'],
  run(ctx) {
    const tz = ctx.timezone;
    const systems = inScopeSystems(ctx.workspace);
    const reviews: Review[] = recordsOf(ctx.records, 'access_review').map((r) => ({
      system: r.system, day: localDate(r.completedAt, tz), at: r.completedAt, who: r.reviewer, key: `${r.system} review`, citation: citationOf(r),
    }));
    for (const t of recordsOf(ctx.records, 'ticket')) {
      const done = t.resolvedAt ?? t.approvedAt;
      if (!done || !(REVIEW_TICKET.test(t.type ?? '') || t.labels.some((l) => REVIEW_TICKET.test(l)) || REVIEW_TICKET.test(t.summary ?? ''))) continue;
      const labelled = t.labels.map((l) => /^system\s*:\s*(.+)$/i.exec(l)?.[1]).filter((s): s is string => !!s);
      const named = labelled.length > 0 ? labelled : systems.filter((s) => new RegExp(`\\b${s.replace(/[^a-z0-9]/gi, '.')}\\b`, 'i').test(t.summary ?? ''));
      for (const system of named) reviews.push({ system, day: localDate(done, tz), at: done, who: t.approvedBy ?? t.assignee ?? 'unknown', key: t.key, citation: citationOf(t) });
    }

    const items: PopulationItem[] = [];
    const exceptions: CheckException[] = [];
    const notes: string[] = [];
    for (const q of quartersOverlapping(ctx.period)) {
      if (q.to > ctx.asOf) {
        notes.push(`${q.label} ends after the evidence date ${ctx.asOf}; its reviews are not due yet.`);
        continue;
      }
      for (const system of systems) {
        const subject = `${norm(system)} ${q.label}`;
        const found = reviews.filter((r) => sameSystem(r.system, system) && r.day >= q.from && r.day <= q.to).sort((a, b) => (a.at < b.at ? -1 : 1));
        const trace: TraceStep[] = found.length > 0
          ? found.map((r) => ({ label: 'access review', at: r.at, detail: `${r.key} completed by ${r.who}`, citation: r.citation }))
          : [{ label: 'no review', detail: `No completed access review of ${system} between ${q.from} and ${q.to}.` }];
        if (found.length === 0) {
          exceptions.push({ rule: 'review.missing', subject, detail: `No user access review of ${system} was completed in ${q.label} (${q.from} to ${q.to}).`, citations: [], itemId: subject });
        }
        items.push({ id: subject, subject, at: q.to, trace });
      }
    }
    return {
      populationQuery: `in-scope systems (${systems.join(', ')}) × calendar quarters overlapping ${ctx.period.from}..${ctx.period.to}; access_review records and access-review tickets completed in the quarter (${tz})`,
      items,
      exceptions,
      notes,
    };
  },
};
