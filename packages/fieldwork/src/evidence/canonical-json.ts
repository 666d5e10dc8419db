/**
 * @module Canonical JSON: keys sorted, no whitespace, so a ledger entry hashes the same everywhere.
 */

/**
 * Serializes `value` with object keys sorted recursively. Built by appending to one string
 * (no per-key arrays and templates): `verify` serializes every ledger entry, and the array form
 * cost ~50 µs an entry.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as Array.prototype.map left it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(keys[i]) + ':' + canonicalJson(v);
  }
  return out + '}';
}
