/** @module What a run keeps of one control's population items while its check produces them. */
import type { ItemSink, PopulationItem } from './check.js';

/**
 * Where {@link runOne} puts a control's population items: the check hands them over one at a
 * time (`ctx.items`, or its outcome's `items`), and once it returns `done` says what the
 * control's result holds. So a population need never be one array in memory: {@link countItems}
 * keeps its count and the artifacts it cites (all `check` needs), a store can spill the items to
 * disk and read back only those an audit samples (the CLI's `audit`), and {@link keepItems}
 * keeps them all (the default).
 */
export interface PopulationKeeper extends ItemSink {
  /** Once the check has returned: the count, and what the result holds of the items. */
  done(): KeptPopulation;
  /** Once the result has been used (audited, stored): frees whatever the keeper holds outside memory. */
  release?(): void;
}

/** What a control's result holds of its population. */
export interface KeptPopulation {
  count: number;
  /** The items, sorted by id (ties in the order they came), or none when the keeper keeps only counts. */
  items: PopulationItem[];
  /** The artifacts the items' traces cite, sorted: set when `items` is not every item (see `withoutItems`). */
  itemArtifacts?: string[];
}

/**
 * For an item kept outside memory ({@link PopulationKeeper} implementations that spill): the
 * method, under this symbol, that reads the whole item back. See {@link fullItem}.
 */
export const LOAD_ITEM: unique symbol = Symbol.for('fieldwork.loadItem');

/**
 * The item as the check produced it: itself, or, for an item a keeper spilled (which holds its
 * id, subject and date in memory and reads its trace back on demand), the whole item read back,
 * with its keys in the order the check gave them.
 */
export function fullItem(item: PopulationItem): PopulationItem {
  const load = (item as { [LOAD_ITEM]?: () => PopulationItem })[LOAD_ITEM];
  return load ? load.call(item) : item;
}

/**
 * On a kept population's `items` array (see {@link KeptPopulation}): set by a keeper whose items
 * are sorted by id and read their id from a compact store each time it is asked for (the CLI's
 * spill keeper at 10M records). The audit then finds units by binary search and reads each id
 * once in order, instead of making an array of every id. See {@link isSortedById}.
 */
export const SORTED_BY_ID: unique symbol = Symbol.for('fieldwork.sortedById');

/** Marks `items` (sorted by id, ties in arrival order) as {@link SORTED_BY_ID}; returns it. */
export function markSortedById<T extends PopulationItem[]>(items: T): T {
  Object.defineProperty(items, SORTED_BY_ID, { value: true });
  return items;
}

/** Whether `items` carry the {@link SORTED_BY_ID} mark. */
export function isSortedById(items: readonly PopulationItem[]): boolean {
  return (items as { [SORTED_BY_ID]?: boolean })[SORTED_BY_ID] === true;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every item, in memory, sorted by id: the result as {@link runOne} has always returned it. */
export function keepItems(): PopulationKeeper {
  const items: PopulationItem[] = [];
  return {
    add: (item) => void items.push(item),
    done: () => ({ count: items.length, items: items.sort((a, b) => byString(a.id, b.id)) }),
  };
}

/**
 * Only the count and the artifacts the items cite (what a stored run keeps, see `withoutItems`):
 * each item is dropped as soon as it is handed over.
 */
export function countItems(): PopulationKeeper {
  let count = 0;
  const cited = new Set<string>();
  return {
    add(item) {
      count++;
      addArtifacts(cited, item);
    },
    done: () => ({ count, items: [], itemArtifacts: [...cited].sort() }),
  };
}

/** Adds the artifacts an item's trace cites to `cited`. */
export function addArtifacts(cited: Set<string>, item: PopulationItem): void {
  for (const t of item.trace) if (t.citation?.artifact) cited.add(t.citation.artifact);
}
