import { ServerError } from './server-error.js';

/** A list's page size: the default when `limit` is absent, and the most one page may hold. */
export interface PageLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** What a page request asks for: how many items, and the key of the last item already seen. */
export interface PageRequest<K> {
  limit: number;
  /** Absent on the first page. */
  after?: K;
}

/**
 * An opaque cursor: the list's name and the last key of a page, as base64url JSON. Clients pass
 * it back unchanged; its content is no contract, only that it continues the list it came from.
 *
 * @example
 * cursorOf('ledger', 100) // 'WyJsZWRnZXIiLDEwMF0'
 */
export function cursorOf(list: string, key: unknown): string {
  return Buffer.from(JSON.stringify([list, key])).toString('base64url');
}

/**
 * Reads `limit` and `cursor` from a query. A bad limit or a cursor this list did not give out is
 * a 422 naming the parameter; `isKey` checks the key inside the cursor.
 *
 * @example
 * const page = pageRequest((k) => c.req.query(k), 'ledger', { defaultLimit: 1000, maxLimit: 10_000 }, isSeq)
 */
export function pageRequest<K>(query: (k: string) => string | undefined, list: string, limits: PageLimits, isKey: (v: unknown) => v is K): PageRequest<K> {
  const raw = query('limit');
  const limit = raw === undefined || raw === '' ? limits.defaultLimit : /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) {
    throw new ServerError(422, 'BAD_REQUEST', `\`limit\` must be a whole number from 1 to ${limits.maxLimit}.`, `Leave it out for ${limits.defaultLimit} per page.`);
  }
  const cursor = query('cursor');
  if (cursor === undefined || cursor === '') return { limit };
  return { limit, after: keyOf(cursor, list, isKey) };
}

function keyOf<K>(cursor: string, list: string, isKey: (v: unknown) => v is K): K {
  let decoded: unknown;
  try {
    decoded = /^[A-Za-z0-9_-]{1,2048}$/.test(cursor) ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== list || !isKey(decoded[1])) {
    throw new ServerError(422, 'BAD_REQUEST', '`cursor` is not a cursor this list gave out.', 'Pass back the `next` value of the previous page unchanged, or leave `cursor` out to start at the first page.');
  }
  return decoded[1];
}

/** A key that is a whole number ≥ 0 (sequence numbers, row ids, positions). */
export const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A key that is a non-empty string (control ids, names). */
export const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500;

/** A key pinned to one stored run: its id and the key inside it. */
export const isRunKey = <K>(isKey: (v: unknown) => v is K) => (v: unknown): v is [number, K] => Array.isArray(v) && v.length === 2 && isIndex(v[0]) && isKey(v[1]);

/**
 * One page of a list held in memory (bounded lists: controls, tokens, a run's results), by
 * keyset on `keyOf`: the items after the cursor's key in key order.
 */
export function pageOfList<T, K extends string | number>(items: readonly T[], keyOf: (item: T) => K, page: PageRequest<K>): { items: T[]; last: K | null } {
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const after = page.after;
  const start = after === undefined ? 0 : sorted.findIndex((x) => keyOf(x) > after);
  const rest = start < 0 ? [] : sorted.slice(start);
  const shown = rest.slice(0, page.limit);
  return { items: shown, last: rest.length > page.limit ? keyOf(shown.at(-1)!) : null };
}

// An absolute URL's path and query, and a query pair that URLSearchParams writes back unchanged.
const PATH_AND_QUERY = /^[a-z]+:\/\/[^/?#]*(\/[^?#]*)(?:\?([^#]*))?$/;
const PLAIN_PAIR = /^[A-Za-z0-9_.-]+=[A-Za-z0-9_.-]*$/;

/**
 * The URL of the next page: the request's URL with `cursor` set (and a legacy `after` dropped),
 * as URLSearchParams writes it. A query of plain `key=value` pairs is edited as a string, which
 * gives the same text without parsing the URL on every page.
 *
 * @example
 * nextUrlOf('http://127.0.0.1/api/ledger?limit=5', 'WyJsZWRnZXIiLDVd') // '/api/ledger?limit=5&cursor=WyJsZWRnZXIiLDVd'
 */
export function nextUrlOf(requestUrl: string, cursor: string): string {
  const m = PATH_AND_QUERY.exec(requestUrl);
  const pairs = m?.[2] ? m[2].split('&') : [];
  if (m && pairs.every((p) => PLAIN_PAIR.test(p))) {
    const kept: string[] = [];
    let placed = false;
    for (const p of pairs) {
      const key = p.slice(0, p.indexOf('='));
      if (key === 'after') continue;
      if (key === 'cursor') {
        if (!placed) kept.push(`cursor=${cursor}`);
        placed = true;
        continue;
      }
      kept.push(p);
    }
    if (!placed) kept.push(`cursor=${cursor}`);
    return `${m[1]}?${kept.join('&')}`;
  }
  const url = new URL(requestUrl);
  url.searchParams.delete('after');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

/** True when the request asks for a page (`limit` or `cursor` given) of a list that is whole by default. */
export const asksForPage = (query: (k: string) => string | undefined): boolean => query('limit') !== undefined || query('cursor') !== undefined;
