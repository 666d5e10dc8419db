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
  /** Canonical path → the key path it was read from, for error places. */
  origin: Record<string, string>;
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

  constructor(aliases: FieldAliases, user: Readonly<Record<string, string | undefined>> = {}) {
    this.#aliases = aliases;
    this.#user = Object.fromEntries(Object.entries(user).filter((e): e is [string, string] => typeof e[1] === 'string'));
    this.#groups = new Set(Object.keys(aliases).flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))));
  }

  /** The canonical paths of the format, in documentation order. */
  get fields(): string[] {
    return Object.keys(this.#aliases);
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
    const k = fieldKey(key);
    const wantGroup = isPlainObject(value);
    let best: { path: string; rank: number } | undefined;
    const consider = (path: string, rank: number) => {
      if (!best || rank < best.rank) best = { path, rank };
    };
    for (const path of [...Object.keys(this.#aliases), ...this.#groups]) {
      const isGroup = this.#groups.has(path);
      if (isGroup !== wantGroup) continue;
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
    return best;
  }

  /**
   * Reads one entry (a JSON/YAML object, or a CSV row keyed by column title) into the canonical
   * shape. Nested groups are read the same way; values are kept as they are.
   */
  read(entry: Record<string, unknown>): MappedEntry {
    const out: MappedEntry = { value: {}, origin: {}, ignored: [] };
    this.#readLevel(entry, '', '', out);
    return out;
  }

  #readLevel(entry: Record<string, unknown>, prefix: string, keyPrefix: string, out: MappedEntry): void {
    const claims = new Map<string, { key: string; rank: number }>();
    const unmatched: string[] = [];
    for (const [key, value] of Object.entries(entry)) {
      const m = this.#match(key, prefix, value);
      if (!m) {
        unmatched.push(key);
        continue;
      }
      const prev = claims.get(m.path);
      if (!prev || m.rank < prev.rank) {
        if (prev) unmatched.push(prev.key);
        claims.set(m.path, { key, rank: m.rank });
      } else unmatched.push(key);
    }
    for (const [path, { key }] of claims) {
      const value = entry[key];
      if (this.#groups.has(path)) {
        this.#readLevel(value as Record<string, unknown>, `${path}.`, `${keyPrefix}${key}.`, out);
        continue;
      }
      setPath(out.value, path, value);
      out.origin[path] = `${keyPrefix}${key}`;
    }
    const order = Object.keys(entry);
    out.ignored.push(...unmatched.sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((k) => `${keyPrefix}${k}`));
  }

  /** The canonical paths a user mapping names that the input does not have, for a refusal. */
  unusedUserMappings(keys: readonly string[]): [string, string][] {
    return Object.entries(this.#user).filter(([, v]) => !keys.includes(v) && !keys.some((k) => fieldKey(k) === fieldKey(v)));
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
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

/** One line per field for the docs and hints: `soc2.type` (also: Report type, soc2_type). */
export function describeFields(aliases: FieldAliases): string {
  return Object.entries(aliases).map(([p, a]) => (a.length ? `${p} (also: ${a.join(', ')})` : p)).join('; ');
}
