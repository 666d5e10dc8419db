import { z } from 'zod';

/**
 * The fields of one of our formats: each canonical field (a dotted path for a field inside a
 * group, e.g. `soc2.type`) with the other names teams write for it. A canonical path that has
 * children (`soc2` when `soc2.type` exists) is a group: a nested object read field by field.
 *
 * @example
 * const FIELDS: FieldAliases = { name: ['vendor'], soc2: ['soc 2'], 'soc2.type': ['report type'] };
 */
export type FieldAliases = Readonly<Record<string, readonly string[]>>;

/**
 * The comparable form of a field name: lower case, without spaces, underscores, hyphens or
 * dots, so `SOC 2 report type`, `soc2_report_type` and `Soc2ReportType` are one name.
 */
export function fieldKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A nested object whose fields are read one by one (not an array, date or null). */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);
}

/** The result of reading one entry through a mapping. */
export interface MappedEntry {
  /** The entry under our canonical names (groups nested), ready for the format's schema. */
  value: Record<string, unknown>;
  /** Canonical path → the key path it was read from (keys as written), for error places. */
  origin: Record<string, string[]>;
  /** Key paths (as written in the input) that no canonical field took. */
  ignored: string[];
}

/**
 * Reads the entries of one of our formats under any of the accepted names: a user mapping in
 * the source's options first (it always wins), then our canonical name, then the aliases in
 * their order. A key no field takes — unknown, or a second spelling of a field already read —
 * is returned in `ignored`, so the runner can name it instead of dropping it unseen.
 */
export class FieldMapping {
  readonly #aliases: FieldAliases;
  readonly #user: Readonly<Record<string, string>>;
  readonly #groups: ReadonlySet<string>;
  readonly #paths: readonly string[];
  /** Matches by key, place and kind: a CSV or JSONL file repeats the same keys on every row. */
  readonly #matches = new Map<string, Map<string, { path: string; rank: number } | undefined>>();

  constructor(aliases: FieldAliases, user: Readonly<Record<string, string | undefined>> = {}) {
    this.#aliases = aliases;
    this.#user = Object.fromEntries(Object.entries(user).filter((e): e is [string, string] => typeof e[1] === 'string'));
    this.#groups = new Set(Object.keys(aliases).flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
    this.#paths = [...new Set([...Object.keys(aliases), ...this.#groups])];
  }

  /** Every name accepted for a canonical path (canonical first, then the aliases). */
  namesOf(path: string): string[] {
    return [path, ...(this.#aliases[path] ?? [])];
  }

  /**
   * The canonical path a key at `prefix` stands for, with its rank (lower wins). At the top
   * level a flat key may also name a field inside a group (`soc2_type`, `Period end`), which is
   * how CSV columns and flat JSON reach nested fields.
   */
  #match(key: string, prefix: string, value: unknown): { path: string; rank: number } | undefined {
    // A nested object is first tried as a group, anything else as a field; failing that, the
    // other kind, so `soc2: Type II` still reaches validation (and its error) instead of vanishing.
    const wantGroup = isPlainObject(value);
    return this.#matchKind(key, prefix, wantGroup) ?? this.#matchKind(key, prefix, !wantGroup);
  }

  #matchKind(key: string, prefix: string, groups: boolean): { path: string; rank: number } | undefined {
    const place = groups ? `g${prefix}` : `f${prefix}`;
    let memo = this.#matches.get(place);
    if (!memo) this.#matches.set(place, (memo = new Map()));
    if (memo.has(key)) return memo.get(key);
    const k = fieldKey(key);
    let best: { path: string; rank: number } | undefined;
    const consider = (path: string, rank: number) => {
      if (!best || rank < best.rank) best = { path, rank };
    };
    for (const path of this.#paths) {
      if (this.#groups.has(path) !== groups) continue;
      const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.') + 1) : '';
      const leaf = path.slice(parent.length);
      const user = this.#user[path];
      const direct = parent === prefix;
      const flat = prefix === '' && parent !== '';
      if (!direct && !flat) continue;
      // A user mapping names a key of the entry itself (a CSV column title, a top-level field).
      if (user !== undefined && (prefix === '' || direct) && (user === key || fieldKey(user) === k)) consider(path, 0);
      if (direct && fieldKey(leaf) === k) consider(path, 1);
      if (flat && fieldKey(path) === k) consider(path, 1);
      (this.#aliases[path] ?? []).forEach((a, i) => {
        if (fieldKey(a) === k) consider(path, 2 + i);
      });
    }
    memo.set(key, best);
    return best;
  }

  /**
   * Reads one entry (a JSON/YAML object, or a CSV row keyed by column title) into the canonical
   * shape. Nested groups are read the same way; values are kept as they are.
   */
  read(entry: Record<string, unknown>): MappedEntry {
    const out: MappedEntry = { value: {}, origin: {}, ignored: [] };
    // Every key that could fill a field, at any depth, so a user mapping at the top level also
    // wins over a nested spelling of the same field; the other claimants are reported.
    const claims: Claim[] = [];
    const notMatched: string[][] = [];
    this.#collect(entry, '', [], claims, notMatched, out);
    const winners = new Map<string, Claim>();
    for (const c of claims) {
      const w = winners.get(c.path);
      if (!w || c.rank < w.rank) winners.set(c.path, c);
    }
    for (const c of claims) {
      if (winners.get(c.path) !== c) notMatched.push(c.keys);
      else {
        setPath(out.value, c.path, c.value);
        out.origin[c.path] = c.keys;
      }
    }
    if (notMatched.length > 1) {
      // Input order, so the first unread field is named first.
      const order = (keys: string[]) => keys.join('\u0000');
      const seen = flattenKeys(entry).map(order);
      notMatched.sort((a, b) => seen.indexOf(order(a)) - seen.indexOf(order(b)));
    }
    out.ignored = notMatched.map((k) => k.join('.'));
    return out;
  }

  #collect(entry: Record<string, unknown>, prefix: string, keyPrefix: string[], claims: Claim[], notMatched: string[][], out: MappedEntry): void {
    for (const [key, value] of Object.entries(entry)) {
      const keys = keyPrefix.length ? [...keyPrefix, key] : [key];
      const m = this.#match(key, prefix, value);
      if (!m) notMatched.push(keys);
      else if (this.#groups.has(m.path) && isPlainObject(value)) {
        // Where the group sits, for error places about it as a whole.
        out.origin[m.path] ??= keys;
        this.#collect(value as Record<string, unknown>, `${m.path}.`, keys, claims, notMatched, out);
      } else claims.push({ path: m.path, keys, rank: m.rank, value });
    }
  }

  /** The canonical paths a user mapping names that the input does not have, for a refusal. */
  unusedUserMappings(keys: readonly string[]): [string, string][] {
    return Object.entries(this.#user).filter(([, v]) => !keys.includes(v) && !keys.some((k) => fieldKey(k) === fieldKey(v)));
  }
}

/**
 * The place in the input of a place in the canonical entry (a schema issue's path): the longest
 * canonical prefix is replaced by the keys it was read from, the rest (array indexes, keys
 * inside a list item) kept.
 *
 * @example
 * inputPath(read({ 'Report Type': 'x' }), ['soc2', 'type']) // ['Report Type']
 */
export function inputPath(mapped: MappedEntry, path: readonly (string | number)[]): (string | number)[] {
  for (let n = path.length; n > 0; n--) {
    const origin = mapped.origin[path.slice(0, n).join('.')];
    if (origin) return [...origin, ...path.slice(n)];
  }
  return [...path];
}

/** A key of the input that could fill a canonical field, and how well it matches. */
interface Claim {
  path: string;
  keys: string[];
  rank: number;
  value: unknown;
}

/** Every key path of an object, depth first in input order (groups before their keys). */
function flattenKeys(o: Record<string, unknown>, prefix: string[] = []): string[][] {
  return Object.entries(o).flatMap(([k, v]) => [[...prefix, k], ...(isPlainObject(v) ? flattenKeys(v, [...prefix, k]) : [])]);
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (!path.includes('.')) {
    target[path] = value;
    return;
  }
  const parts = path.split('.');
  let cur = target;
  for (const p of parts.slice(0, -1)) {
    if (!isPlainObject(cur[p])) cur[p] = {};
    cur = cur[p] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

/**
 * The options schema of a user mapping (`options.columns` or `options.fields`): our canonical
 * field → the name in the user's file. Unknown canonical names are refused, so a typo in the
 * mapping is caught before any file is read.
 */
export function fieldMappingSchema(aliases: FieldAliases): z.ZodType<Record<string, string>> {
  const paths = Object.keys(aliases);
  return z.record(z.string(), z.string().min(1)).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      if (!paths.includes(k)) ctx.addIssue({ code: 'custom', path: [k], message: `is not a field of this format (fields: ${paths.join(', ')})` });
    }
  }) as z.ZodType<Record<string, string>>;
}

/**
 * The Markdown table of a format's fields and their accepted names, as the docs print it (a
 * test keeps the docs and the code in step).
 */
export function fieldsTable(aliases: FieldAliases): string {
  return ['| field | also accepted |', '|---|---|', ...Object.entries(aliases).map(([p, a]) => `| \`${p}\` | ${a.length ? a.join(', ') : '—'} |`)].join('\n');
}

/** One line per field for the docs and hints: `soc2.type` (also: Report type, soc2_type). */
export function describeFields(aliases: FieldAliases): string {
  return Object.entries(aliases).map(([p, a]) => (a.length ? `${p} (also: ${a.join(', ')})` : p)).join('; ');
}
