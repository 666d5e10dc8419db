/** @module A control's population in its unit: the check's events or items, or the calendar periods of the window. */
import type { Control } from '../catalog/index.js';
import type { CheckException, PopulationItem, TraceStep } from '../checks/check.js';
import { partitionPoint } from '../checks/partition-point.js';
import { isSortedById, LOAD_ITEM, markSortedById } from '../checks/population-keeper.js';
import type { ControlResult } from '../checks/run-checks.js';
import type { Period } from '../time/index.js';
import { calendarDateOf, periodKindOf, periodOf, windowPeriods } from './audit-periods.js';

/** A deviation as the check reported it, without the item link (the unit holds it). */
export type Deviation = Omit<CheckException, 'itemId'>;

/** The unit of a control's population, in words. */
export interface AuditUnit {
  kind: 'event' | 'item' | 'period';
  noun: string;
  plural: string;
}

/** Where the population's periods come from. */
export interface PopulationContext {
  window: Period;
  timezone: string;
  /** The evidence date (default: the window's end). A period still running then is not due yet. */
  asOf?: string;
}

/** A control's population in its unit, each unit's deviations, and the deviations tied to no unit. */
export interface UnitPopulation {
  units: PopulationItem[];
  query: string | null;
  deviationsOf: Map<string, Deviation[]>;
  unattached: Deviation[];
  /** The calendar period key of each unit, when deviations can recur across periods. */
  periodKey: (unit: PopulationItem) => string | null;
  unit: AuditUnit;
  /** Items the check gave with an id an earlier item already had: each id is one unit, tested once. */
  repeated?: { count: number; first: string };
}

/** Events or items: the check's population as it is. */
export function itemPopulation(r: ControlResult, found: readonly CheckException[], unit: AuditUnit, ctx: PopulationContext): UnitPopulation {
  const ids = idsAmong(r.items, found);
  const deviationsOf = new Map<string, Deviation[]>();
  const unattached: Deviation[] = [];
  for (const e of found) {
    if (e.itemId && ids.has(e.itemId)) addTo(deviationsOf, e.itemId, strip(e));
    else unattached.push(strip(e));
  }
  const item = unit.kind === 'period' ? { ...unit, kind: 'item' as const } : unit;
  // Per-event deviations recur across calendar months; items (a vendor, an account) have no period.
  const periodKey = (u: PopulationItem) => {
    if (item.kind !== 'event') return null;
    const at = deviationsOf.get(u.id)?.find((d) => d.at)?.at ?? u.at;
    return at ? calendarDateOf(at, ctx.timezone).slice(0, 7) : null;
  };
  const { units, repeated } = distinctUnits(r.items);
  return { units, query: r.populationQuery ?? null, deviationsOf, unattached, periodKey, unit: item, ...(repeated ? { repeated } : {}) };
}

/**
 * The items with the first of each id (in the check's order): an id is one unit. A check that
 * gave two items one id would otherwise have each of the id's deviations counted, listed and
 * sampled once per item (one deviation read as several, a unit drawn twice). Items sorted by id
 * (marked {@link isSortedById}, ties in arrival order, or found in id order, as `keepItems` gives
 * them) are compared with their neighbour, without a set of every id; a marked result keeps the
 * mark. The same array when no id repeats.
 */
export function distinctUnits(items: PopulationItem[]): { units: PopulationItem[]; repeated?: { count: number; first: string } } {
  const marked = isSortedById(items);
  const sorted = marked || inIdOrder(items);
  const drop = new Set<number>();
  let first: string | undefined;
  const repeat = (i: number, id: string) => {
    drop.add(i);
    if (first === undefined || id < first) first = id;
  };
  if (sorted) {
    let previous: string | undefined;
    for (let i = 0; i < items.length; i++) {
      const id = items[i].id;
      if (i > 0 && id === previous) repeat(i, id);
      previous = id;
    }
  } else {
    const seen = new Set<string>();
    items.forEach((item, i) => (seen.has(item.id) ? repeat(i, item.id) : seen.add(item.id)));
  }
  if (drop.size === 0) return { units: items };
  const units = items.filter((_item, i) => !drop.has(i));
  return { units: marked ? markSortedById(units) : units, repeated: { count: drop.size, first: first! } };
}

/** Whether every item's id is at or after the one before it. */
function inIdOrder(items: readonly PopulationItem[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i].id < items[i - 1].id) return false;
  return true;
}

/**
 * A periodic control's population: the calendar periods of the window in the workspace time
 * zone, each holding the check's occurrences dated in it. A period without any occurrence is a
 * deviation: the control did not operate that period. A period still running at the evidence
 * date (a window ending on 28 February holds part of Q1) with nothing in it is not due yet and
 * is left out, as the checks leave out a unit not over by the evidence date. Null when the
 * check's items carry no date.
 */
export function periodPopulation(control: Control, r: ControlResult, found: readonly CheckException[], unit: AuditUnit, ctx: PopulationContext, windows: boolean): UnitPopulation | null {
  const kind = periodKindOf(control.frequency);
  if (!kind || r.items.some((i) => !i.at)) return null;
  const all = windowPeriods(kind, ctx.window);
  const itemsIn = new Map<string, PopulationItem[]>(all.map((p) => [p.id, []]));
  // The period of each item a finding names (not of every item: a population can be millions).
  const named = new Set(found.flatMap((e) => (e.itemId ? [e.itemId] : [])));
  const periodOfItem = new Map<string, string>();
  for (const item of r.items) {
    const p = periodOf(all, calendarDateOf(item.at!, ctx.timezone));
    if (!p) continue;
    itemsIn.get(p.id)!.push(item);
    if (named.has(item.id)) periodOfItem.set(item.id, p.id);
  }
  const cut = ctx.asOf && ctx.asOf < ctx.window.to ? ctx.asOf : ctx.window.to;
  const datedFindings = found.filter((e) => !e.itemId && e.at).map((e) => calendarDateOf(e.at!, ctx.timezone));
  const periods = all.filter((p) => p.to <= cut || itemsIn.get(p.id)!.length > 0 || datedFindings.some((d) => d >= p.from && d <= p.to));
  const notDue = all.filter((p) => !periods.includes(p)).map((p) => p.id);
  const deviationsOf = new Map<string, Deviation[]>();
  const unattached: Deviation[] = [];
  // Each item's local date, worked out once for every period that looks for an earlier window.
  let datedItems: [string, PopulationItem][] | undefined;
  const dated = () => (datedItems ??= r.items.map((i) => [calendarDateOf(i.at!, ctx.timezone), i]));
  const add = (id: string, d: Deviation) => addTo(deviationsOf, id, d);
  for (const e of found) {
    const byItem = e.itemId ? periodOfItem.get(e.itemId) : undefined;
    // A finding with neither unit nor date states the position at the end of the window
    // ("no probe collected up to 30 September"): it belongs to the last period, not to a new one.
    const byDate = e.itemId ? undefined : e.at ? periodOf(periods, calendarDateOf(e.at, ctx.timezone))?.id : periods[periods.length - 1]?.id;
    if (byItem ?? byDate) add((byItem ?? byDate)!, strip(e));
    else unattached.push(strip(e));
  }
  const units = periods.map((p): PopulationItem => {
    const items = itemsIn.get(p.id)!;
    const covering = windows && items.length === 0 ? latestBefore(dated(), p.from) : undefined;
    if (covering) {
      return { id: p.id, subject: p.id, at: p.from, trace: [{ label: 'covered by an earlier window', at: covering.at, detail: `${covering.subject}: the check's cadence window from ${covering.at} spans ${p.id}.` }] };
    }
    if (items.length === 0) {
      add(p.id, { rule: 'occurrence.missing', subject: p.id, detail: `No occurrence of the control in ${p.id} (${p.from} to ${p.to}) in the collected evidence.`, citations: [] });
      return { id: p.id, subject: p.id, at: p.from, trace: [{ label: 'no occurrence', detail: `Nothing in the evidence for ${p.from} to ${p.to}.` }] };
    }
    return new OccurrencesUnit(p.id, p.from, items);
  });
  const notDueNote = notDue.length ? ` (${notDue.join(', ')} still running on ${cut} with no occurrence yet: not due, left out)` : '';
  const query = `calendar ${kind === 'year' ? 'window (tested once)' : `${kind}s overlapping ${ctx.window.from}..${ctx.window.to}`} in ${ctx.timezone}${notDueNote}; each ${unit.noun}'s occurrence from ${r.populationQuery ?? 'the check'}`;
  return { units, query, deviationsOf, unattached, periodKey: (u) => u.id, unit };
}

/**
 * A period that holds occurrences: its trace is every occurrence's trace, made when it is read.
 * Made for every period up front, the traces of a daily control over 10M records were every
 * item read back from the audit's spill file and held at once, though only the sampled periods
 * are ever shown (read whole through `fullItem`, with the keys in the order of a plain unit).
 */
class OccurrencesUnit implements PopulationItem {
  readonly id: string;
  readonly subject: string;
  readonly at: string;
  readonly #items: readonly PopulationItem[];

  constructor(id: string, from: string, items: readonly PopulationItem[]) {
    this.id = id;
    this.subject = id;
    this.at = from;
    this.#items = items;
  }

  get trace(): TraceStep[] {
    return this.#items.flatMap((i) => (i.trace.length ? i.trace : [{ label: 'occurrence', at: i.at }]).map((t) => (i.subject === this.id ? t : { ...t, label: `${i.subject}: ${t.label}` })));
  }

  [LOAD_ITEM](): PopulationItem {
    return { id: this.id, subject: this.subject, at: this.at, trace: this.trace };
  }
}

/** The first place in units sorted by id whose id is not below `id`. */
export function firstAtLeast(units: readonly PopulationItem[], id: string): number {
  return partitionPoint(units.length, (i) => units[i].id < id);
}

/** The ids of `items` that the findings name (a set of every item id was a copy of the population). */
function idsAmong(items: readonly PopulationItem[], found: readonly CheckException[]): Set<string> {
  const named = new Set(found.flatMap((e) => (e.itemId ? [e.itemId] : [])));
  const present = new Set<string>();
  if (named.size === 0) return present;
  if (isSortedById(items)) {
    // Units sorted by id (see `SORTED_BY_ID`): each named id looked up, not every unit's id read.
    for (const id of named) {
      const at = firstAtLeast(items, id);
      if (at < items.length && items[at].id === id) present.add(id);
    }
    return present;
  }
  for (const i of items) if (named.has(i.id)) present.add(i.id);
  return present;
}

/** The latest item dated before a calendar date: the cadence window still running on that date. */
function latestBefore(items: readonly [string, PopulationItem][], date: string): PopulationItem | undefined {
  let best: PopulationItem | undefined;
  let bestDate = '';
  for (const [d, i] of items) {
    if (d < date && (d > bestDate || (d === bestDate && i.id < best!.id))) {
      best = i;
      bestDate = d;
    }
  }
  return best;
}


/** Appends to the list under `key` (in place: copying the list per deviation was quadratic). */
function addTo(map: Map<string, Deviation[]>, key: string, d: Deviation): void {
  const list = map.get(key);
  if (list) list.push(d);
  else map.set(key, [d]);
}

function strip(e: CheckException): Deviation {
  const { itemId: _i, ...rest } = e;
  return rest;
}
