import { recordsOf } from '../../records/index.js';
import type { AccessEventRecord } from '../../records/index.js';
import type { CheckContext, CheckOutcome, CheckStream } from '../check.js';
import { employments, sharedAccountEmails } from './employment-spells.js';
import type { Employment, EmploymentSpell } from './employment-spells.js';

const norm = (s: string | undefined) => (s ?? '').trim().toLowerCase();

/** The worker types a people check applies to: `params.workerTypes`, else the check's default. */
export function workerTypesOf(ctx: CheckContext, fallback: readonly string[]): string[] {
  const v = ctx.params.workerTypes;
  return (Array.isArray(v) ? v.map(String) : [...fallback]).map(norm);
}

/** True when any of the spell's worker types is in scope (a contractor converted to an employee is both). */
export function spellInScope(spell: EmploymentSpell, types: readonly string[]): boolean {
  return spell.workerTypes.some((t) => types.includes(norm(t)));
}

/**
 * A people check's streaming form: the identity provider's log is read through only for the
 * accounts renamed from one email to another (which join emails into one person), then `judge`
 * runs over the people as HR knows them, with their spells (records keyed by email are looked
 * up through `byEmail`). `people()` gives them afresh on each call.
 *
 * @example
 * const stream = peopleStream((ctx, people) => ({ populationQuery: 'people', items: people().map(…), exceptions: [] }))
 */
export function peopleStream(judge: (ctx: CheckContext, people: () => Employment[]) => CheckOutcome): CheckStream {
  return {
    kinds: ['access_event'],
    start(ctx) {
      const renamed = sharedAccountEmails(ctx);
      return {
        add(kind, batch) {
          if (kind === 'access_event') renamed.addAll(batch as readonly AccessEventRecord[]);
        },
        finish: () => judge(ctx, () => employments(recordsOf(ctx.records, 'person'), Number(ctx.params.continuityDays ?? 7), renamed.emails)),
      };
    },
  };
}

/** Groups records by lower-cased email. */
export function byEmail<T extends { email: string }>(records: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of records) {
    const k = norm(r.email);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(r);
  }
  return out;
}

/** The records of every email of one person. */
export function recordsFor<T>(person: Employment, index: ReadonlyMap<string, T[]>): T[] {
  return person.emails.flatMap((e) => index.get(e) ?? []);
}

/** The name a person is reported under: the email of the spell's last row, else the HR id. */
export function subjectOf(spell: EmploymentSpell): string {
  const p = spell.rows.at(-1);
  return p?.email ?? p?.id ?? 'unknown';
}
